using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>Platform Username: asks for the username and stores it for the platform nodes that follow.</summary>
public sealed class PlatformUsernameDescriptor : NodeDescriptor
{
    /// <summary>Prompt of the NameCallback.</summary>
    public const string Prompt = "User Name";

    private static readonly IReadOnlyList<ConfigProperty> PropertyList =
    [
        new()
        {
            Name = "validateInput", Label = "Validate username", Kind = ConfigValueKind.Boolean, Default = Json(false),
            Help = "Check the username against the identity policy and show any policy failures to the user.",
        },
        new()
        {
            Name = "usernameAttribute", Label = "Username Attribute", Kind = ConfigValueKind.Text, Default = Json("userName"), Required = true,
            Help = "The identity attribute that holds the username; the value is also stored under objectAttributes with this name.",
        },
    ];

    public override string TypeId => NodeTypeIds.PlatformUsername;
    public override string DisplayName => "Platform Username";
    public override string Category => NodeCategories.Basic;
    public override string Description => "Asks for the username and keeps it in the journey state.";
    public override IReadOnlyList<ConfigProperty> Properties => PropertyList;
    public override bool CanBeOnPage => true;

    public override IReadOnlyList<NodeOutcome> GetOutcomes(NodeConfig config) => SingleOutcome;
}
