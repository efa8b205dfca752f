namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>The settings of Increment Login Count.</summary>
public sealed record IncrementLoginCountConfig
{
    [NodeProperty("identityAttribute", "Identity Attribute", Required = true, Help = IdentityNodeProperties.IdentityAttributeHelp)]
    public string IdentityAttribute { get; init; } = IdentityNodeProperties.DefaultIdentityAttribute;
}

/// <summary>Increment Login Count: counts a successful sign-on on the user and records its time.</summary>
public sealed class IncrementLoginCountDescriptor : SingleOutcomeNodeDescriptor<IncrementLoginCountConfig>
{
    public override string TypeId => NodeTypeIds.IncrementLoginCount;
    public override string DisplayName => "Increment Login Count";
    public override string Category => NodeCategories.IdentityManagement;
    public override string Description => "Adds one to the user's login count and sets their last login time.";
}
