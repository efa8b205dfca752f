namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>The settings of Attribute Present Decision.</summary>
public sealed record AttributePresentDecisionConfig
{
    [NodeProperty("presentAttribute", "Present Attribute", Required = true,
        Help = "The user attribute that must have a value, e.g. password (private attributes such as the password can be checked; their values are never read).")]
    public string PresentAttribute { get; init; } = "";

    [NodeProperty("identityAttribute", "Identity Attribute", Required = true, Help = IdentityNodeProperties.IdentityAttributeHelp)]
    public string IdentityAttribute { get; init; } = IdentityNodeProperties.DefaultIdentityAttribute;
}

/// <summary>Attribute Present Decision: True when the journey's user has a value for the attribute.</summary>
public sealed class AttributePresentDecisionDescriptor : DecisionNodeDescriptor<AttributePresentDecisionConfig>
{
    public override string TypeId => NodeTypeIds.AttributePresentDecision;
    public override string DisplayName => "Attribute Present Decision";
    public override string Category => NodeCategories.IdentityManagement;
    public override string Description => "Checks whether the user has a value for an attribute, including private ones such as the password.";
}
