namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>The settings of Identity Store Decision.</summary>
public sealed record IdentityStoreDecisionConfig
{
    [NodeProperty("minimumPasswordLength", "Minimum Password Length", Minimum = 0,
        Help = "The shortest password AM accepts when the store asks the user to change it. The studio never asks for a change, so it is kept for AM.")]
    public int MinimumPasswordLength { get; init; } = 8;

    [NodeProperty("mixedCaseForPasswordChangeMessages", "Mixed Case for Password Change Messages",
        Help = "AM: show the directory's password change messages in mixed case. Kept for AM; the studio sends no such messages.")]
    public bool MixedCaseForPasswordChangeMessages { get; init; }

    [NodeProperty("useUniversalIdForUsername", "Username as Universal Identifier",
        Help = "After a successful check, the journey's username becomes the user's universal id (_id) instead of the name typed.")]
    public bool UseUniversalIdForUsername { get; init; }
}

/// <summary>
/// Identity Store Decision: checks the collected username and password; besides True and False it tells a locked
/// (inactive) profile, an expired password and a cancelled password change apart.
/// </summary>
public sealed class IdentityStoreDecisionDescriptor : NodeDescriptor<IdentityStoreDecisionConfig>
{
    public const string TrueOutcome = "TRUE";
    public const string FalseOutcome = "FALSE";
    public const string LockedOutcome = "LOCKED";
    public const string CancelledOutcome = "CANCELLED";
    public const string ExpiredOutcome = "EXPIRED";

    private static readonly IReadOnlyList<NodeOutcome> OutcomeList =
    [
        new(TrueOutcome, "True"), new(FalseOutcome, "False"), new(LockedOutcome, "Locked"),
        new(CancelledOutcome, "Cancelled"), new(ExpiredOutcome, "Expired"),
    ];

    public override string TypeId => NodeTypeIds.IdentityStoreDecision;
    public override string DisplayName => "Identity Store Decision";
    public override string Category => NodeCategories.Basic;
    public override string Description => "Checks the collected username and password; tells locked profiles and expired passwords apart.";

    public override IReadOnlyList<NodeOutcome> GetOutcomes(IdentityStoreDecisionConfig config) => OutcomeList;
}
