using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Mfa;

namespace JourneyStudio.Runtime.Nodes.Mfa;

/// <summary>
/// Recovery Code Display: shows the codes a registration node just issued (transient <c>recoveryCodes</c> and
/// <c>recoveryCodeDeviceName</c>) in one script TextOutputCallback in the shape the JS SDK scrapes, removing them
/// from transient state, and continues on the next submit. Without codes (a registration that generated none, or
/// the user was already registered) it passes straight through. Codes are transient and the stored session keeps
/// the sent script blanked, so they are shown only once and never stored in plain text.
/// </summary>
public sealed class RecoveryCodeDisplayNodeProcessor : INodeProcessor<NoConfig>
{
    public string TypeId => NodeTypeIds.RecoveryCodeDisplay;

    public ValueTask<NodeResult> ProcessAsync(NodeContext context, NoConfig config)
    {
        var codes = context.TransientState[MfaStateKeys.RecoveryCodes] is JsonArray array
            ? array.Select(c => c is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList()
            : [];
        var deviceName = context.GetTransientString(MfaStateKeys.RecoveryCodeDeviceName) ?? "";
        context.TransientState.Remove(MfaStateKeys.RecoveryCodes);
        context.TransientState.Remove(MfaStateKeys.RecoveryCodeDeviceName);

        if (context.Callbacks is not null || codes.Count == 0) return ValueTask.FromResult(NodeResult.Goto(RecoveryCodeDisplayDescriptor.Outcome));

        var script = MfaScripts.RecoveryCodeDisplayScript(codes, deviceName, new RecoveryCodeDisplayText
        {
            Title = RecoveryCodeDisplayDescriptor.Title,
            Introduction = RecoveryCodeDisplayDescriptor.DeviceIntroduction,
            Description = RecoveryCodeDisplayDescriptor.CopyWarning,
        });
        return ValueTask.FromResult(NodeResult.Send(Callback.TextOutput(script, TextOutputMessageType.Script).WithSecretOutputs()));
    }
}
