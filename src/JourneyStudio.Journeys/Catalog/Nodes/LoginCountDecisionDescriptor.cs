namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>When Login Count Decision answers True.</summary>
public enum LoginCountInterval
{
    [ChoiceValue("AT", "At")] At,
    [ChoiceValue("EVERY", "Every")] Every,
}

/// <summary>The settings of Login Count Decision.</summary>
public sealed record LoginCountDecisionConfig
{
    [NodeProperty("interval", "Interval",
        Help = "AT: True once, when the login count equals the amount. EVERY: True each time the count is a multiple of the amount.")]
    public LoginCountInterval Interval { get; init; } = LoginCountInterval.At;

    [NodeProperty("amount", "Amount", Required = true, Minimum = 1, Help = "The login count (AT) or its interval (EVERY).")]
    public int Amount { get; init; } = 25;

    [NodeProperty("identityAttribute", "Identity Attribute", Required = true, Help = IdentityNodeProperties.IdentityAttributeHelp)]
    public string IdentityAttribute { get; init; } = IdentityNodeProperties.DefaultIdentityAttribute;
}

/// <summary>Login Count Decision: True at (or every) a number of successful sign-ons, counted by Increment Login Count.</summary>
public sealed class LoginCountDecisionDescriptor : DecisionNodeDescriptor<LoginCountDecisionConfig>
{
    public override string TypeId => NodeTypeIds.LoginCountDecision;
    public override string DisplayName => "Login Count Decision";
    public override string Category => NodeCategories.IdentityManagement;
    public override string Description => "Goes to True when the user's login count reaches (or is a multiple of) an amount.";
}
