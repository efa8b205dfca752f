namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>What Account Lockout does to the user's account (AM's LockStatus).</summary>
public enum LockAction
{
    [ChoiceValue("LOCK", "Lock")]
    Lock,

    [ChoiceValue("UNLOCK", "Unlock")]
    Unlock,
}

/// <summary>The settings of Account Lockout, with AM's property names (AccountLockoutNode.Config).</summary>
public sealed record AccountLockoutConfig
{
    [NodeProperty("lockAction", "Lock Action", Required = true,
        Help = "Lock makes the user's account inactive (it can no longer sign on); Unlock makes it active again.")]
    public LockAction LockAction { get; init; } = LockAction.Lock;
}

/// <summary>Account Lockout: sets the account of the user in shared state inactive or active.</summary>
public sealed class AccountLockoutDescriptor : SingleOutcomeNodeDescriptor<AccountLockoutConfig>
{
    public override string TypeId => NodeTypeIds.AccountLockout;
    public override string DisplayName => "Account Lockout";
    public override string Category => NodeCategories.Utilities;
    public override string Description => "Locks or unlocks the account of the user the journey has identified.";
}
