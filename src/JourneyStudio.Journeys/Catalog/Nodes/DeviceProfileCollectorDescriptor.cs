namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>The settings of Device Profile Collector.</summary>
public sealed record DeviceProfileCollectorConfig
{
    // AM stores this number as a decimal string ("3", "2.5"); keeping that shape lets exports round-trip unchanged.
    [NodeProperty("maximumSize", "Maximum Profile Size (KB)", StoredAsString = true, Required = true, Minimum = 1,
        Help = "Largest device profile accepted, in kilobytes; a larger profile fails the journey. Big profiles slow sign-on down.")]
    public decimal MaximumSizeKb { get; init; } = 3;

    [NodeProperty("deviceMetadata", "Collect Device Metadata",
        Help = "Ask the client for metadata such as platform, browser and hardware details.")]
    public bool DeviceMetadata { get; init; } = true;

    [NodeProperty("deviceLocation", "Collect Device Location",
        Help = "Ask the client for its location. Push Sender's 'Share Context Info' includes it in push notifications.")]
    public bool DeviceLocation { get; init; }

    [NodeProperty("message", "Message", Help = "Optional text shown while the device information is collected.")]
    public LocalizedText Message { get; init; } = new();
}

/// <summary>Device Profile Collector: asks the client for device metadata and, optionally, its location.</summary>
public sealed class DeviceProfileCollectorDescriptor : SingleOutcomeNodeDescriptor<DeviceProfileCollectorConfig>
{
    public override string TypeId => NodeTypeIds.DeviceProfileCollector;
    public override string DisplayName => "Device Profile Collector";
    public override string Category => NodeCategories.Contextual;
    public override string Description => "Collects a profile of the user's device, and optionally its location, from the client.";
    public override bool CanBeOnPage => true;
}
