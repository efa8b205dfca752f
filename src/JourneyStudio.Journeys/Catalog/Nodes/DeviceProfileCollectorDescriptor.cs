using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>Device Profile Collector: asks the client for device metadata and, optionally, its location.</summary>
public sealed class DeviceProfileCollectorDescriptor : NodeDescriptor
{
    private static readonly IReadOnlyList<ConfigProperty> PropertyList =
    [
        new()
        {
            // AM stores this number as a string ("3"); keeping that shape lets exports round-trip unchanged.
            Name = "maximumSize", Label = "Maximum Profile Size (KB)", Kind = ConfigValueKind.Integer, Default = Json("3"),
            StoredAsString = true, Required = true, Minimum = 1,
            Help = "Largest device profile accepted, in kilobytes; a larger profile fails the journey. Big profiles slow sign-on down.",
        },
        new()
        {
            Name = "deviceMetadata", Label = "Collect Device Metadata", Kind = ConfigValueKind.Boolean, Default = Json(true),
            Help = "Ask the client for metadata such as platform, browser and hardware details.",
        },
        new()
        {
            Name = "deviceLocation", Label = "Collect Device Location", Kind = ConfigValueKind.Boolean, Default = Json(false),
            Help = "Ask the client for its location. Push Sender's 'Share Context Info' includes it in push notifications.",
        },
        SharedProperties.LocalizedMessage("message", "Message", "Optional text shown while the device information is collected.", null),
    ];

    public override string TypeId => NodeTypeIds.DeviceProfileCollector;
    public override string DisplayName => "Device Profile Collector";
    public override string Category => NodeCategories.Contextual;
    public override string Description => "Collects a profile of the user's device, and optionally its location, from the client.";
    public override IReadOnlyList<ConfigProperty> Properties => PropertyList;
    public override bool CanBeOnPage => true;

    public override IReadOnlyList<NodeOutcome> GetOutcomes(NodeConfig config) => SingleOutcome;
}
