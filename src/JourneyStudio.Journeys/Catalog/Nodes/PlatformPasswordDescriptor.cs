using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>Platform Password: asks for the password and keeps it in transient state only.</summary>
public sealed class PlatformPasswordDescriptor : NodeDescriptor
{
    /// <summary>Prompt of the PasswordCallback.</summary>
    public const string Prompt = "Password";

    private static readonly IReadOnlyList<ConfigProperty> PropertyList =
    [
        new()
        {
            Name = "validateInput", Label = "Validate password", Kind = ConfigValueKind.Boolean, Default = Json(false),
            Help = "Check the password against the password policy and show any policy failures to the user.",
        },
        new()
        {
            Name = "passwordAttribute", Label = "Password Attribute", Kind = ConfigValueKind.Text, Default = Json("password"), Required = true,
            Help = "The identity attribute that holds the password; the value is also stored under objectAttributes with this name.",
        },
    ];

    public override string TypeId => NodeTypeIds.PlatformPassword;
    public override string DisplayName => "Platform Password";
    public override string Category => NodeCategories.Basic;
    public override string Description => "Asks for the password and keeps it in transient state for the next nodes.";
    public override IReadOnlyList<ConfigProperty> Properties => PropertyList;
    public override bool CanBeOnPage => true;

    public override IReadOnlyList<NodeOutcome> GetOutcomes(NodeConfig config) => SingleOutcome;
}
