using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Journeys.Json;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Engine;

namespace JourneyStudio.Runtime.Nodes;

/// <summary>
/// Device Profile Collector: sends a DeviceProfileCallback (collect metadata / location, message) and stores
/// the returned profile object in shared <c>forgeRock.device.profile</c>.
/// <para>
/// Like AM, an empty answer asks again, and a profile that is larger than <c>maximumSize</c> KB, is not a
/// JSON object or has no <c>identifier</c> fails the journey (AM throws a NodeProcessException) rather than
/// asking again: a genuine SDK never sends such a profile, so a retry would only help a tampering client.
/// </para>
/// </summary>
public sealed class DeviceProfileCollectorNodeProcessor : INodeProcessor<DeviceProfileCollectorConfig>, IOptimisticNodeProcessor
{
    public string TypeId => NodeTypeIds.DeviceProfileCollector;

    public ValueTask<NodeResult> ProcessAsync(NodeContext context, DeviceProfileCollectorConfig config)
    {
        var submitted = context.GetCallback(Callback.DeviceProfileType)?.GetInputString();
        if (string.IsNullOrEmpty(submitted))
            return ValueTask.FromResult(NodeResult.Send(Callback.DeviceProfile(config.DeviceMetadata, config.DeviceLocation, context.Localize(config.Message))));

        // Size first, before parsing: the limit exists to keep oversized input out of the session.
        if (Encoding.UTF8.GetByteCount(submitted) > config.MaximumSizeKb * 1024)
            throw new NodeProcessException($"Captured data exceed maximum accepted size ({config.MaximumSizeKb.ToString(CultureInfo.InvariantCulture)} KB).");

        if (!StrictJson.TryParseNode(submitted, out var profile, out var problem))
            throw new NodeProcessException($"The device profile is not valid JSON at {problem}.");
        if (profile is not JsonObject profileObject)
            throw new NodeProcessException("The device profile must be a JSON object.");
        if (!profileObject.ContainsKey("identifier"))
            throw new NodeProcessException("Device Identifier is not captured.");

        context.SharedState[SharedStateKeys.DeviceProfile] = profileObject;
        return ValueTask.FromResult(NodeResult.Goto(DeviceProfileCollectorDescriptor.Outcome));
    }
}
