using JourneyStudio.Journeys.Catalog;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
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
public sealed class DeviceProfileCollectorNodeProcessor : IOptimisticNodeProcessor
{
    private const decimal DefaultMaximumSizeKb = 3;

    public string TypeId => NodeTypeIds.DeviceProfileCollector;

    public ValueTask<NodeResult> ProcessAsync(NodeContext context)
    {
        var submitted = context.GetCallback(Callback.DeviceProfileType)?.GetInputString();
        if (string.IsNullOrEmpty(submitted))
            return ValueTask.FromResult(NodeResult.Send(Callback.DeviceProfile(
                context.Config.GetBoolean("deviceMetadata") ?? true,
                context.Config.GetBoolean("deviceLocation") ?? false,
                context.Localize("message", ""))));

        // Size first, before parsing: the limit exists to keep oversized input out of the session.
        var maximumKb = MaximumSizeKb(context);
        if (Encoding.UTF8.GetByteCount(submitted) > maximumKb * 1024)
            throw new NodeProcessException($"Captured data exceed maximum accepted size ({maximumKb.ToString(CultureInfo.InvariantCulture)} KB).");

        if (!StrictJson.TryParseNode(submitted, out var profile, out var problem))
            throw new NodeProcessException($"The device profile is not valid JSON at {problem}.");
        if (profile is not JsonObject profileObject)
            throw new NodeProcessException("The device profile must be a JSON object.");
        if (!profileObject.ContainsKey("identifier"))
            throw new NodeProcessException("Device Identifier is not captured.");

        context.SharedState[SharedStateKeys.DeviceProfile] = profileObject;
        return ValueTask.FromResult(NodeResult.Goto("outcome"));
    }

    // AM stores maximumSize as a decimal string ("3", "2.5").
    private static decimal MaximumSizeKb(NodeContext context)
    {
        var raw = context.Config.Get("maximumSize");
        if (raw is { ValueKind: JsonValueKind.String } s && decimal.TryParse(s.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var fromText))
            return fromText;
        if (raw is { ValueKind: JsonValueKind.Number } n && n.TryGetDecimal(out var fromNumber))
            return fromNumber;
        return DefaultMaximumSizeKb;
    }
}
