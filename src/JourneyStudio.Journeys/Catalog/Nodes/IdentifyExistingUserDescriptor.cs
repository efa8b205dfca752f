namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>The settings of Identify Existing User.</summary>
public sealed record IdentifyExistingUserConfig
{
    [NodeProperty("identifier", "Identifier", Required = true,
        Help = "The attribute of the found user that becomes the journey's username (shared state username), usually userName.")]
    public string Identifier { get; init; } = IdentityNodeProperties.DefaultIdentityAttribute;

    [NodeProperty("identityAttribute", "Identity Attribute", Required = true,
        Help = "The attribute to search by (e.g. mail); its value is read from the collected attributes (objectAttributes).")]
    public string IdentityAttribute { get; init; } = "mail";
}

/// <summary>Identify Existing User: finds one user by a collected attribute and makes it the journey's user.</summary>
public sealed class IdentifyExistingUserDescriptor : DecisionNodeDescriptor<IdentifyExistingUserConfig>
{
    public override string TypeId => NodeTypeIds.IdentifyExistingUser;
    public override string DisplayName => "Identify Existing User";
    public override string Category => NodeCategories.IdentityManagement;
    public override string Description => "Finds the user whose attribute (such as mail) has the collected value; True when exactly one has it.";
}
