using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Mfa;

namespace JourneyStudio.Runtime.Nodes.Mfa;

/// <summary>
/// Recovery Code Collector Decision: asks for a recovery code (NameCallback "Recovery Code") and goes to <c>true</c>
/// when it is one of the user's unused codes of <c>recoveryCodeType</c>, using it up (a code works once), else
/// <c>false</c>. Success records the method's auth type. WebAuthn has no codes in the studio, so it is always false.
/// </summary>
public sealed class RecoveryCodeCollectorDecisionNodeProcessor : INodeProcessor
{
    public string TypeId => NodeTypeIds.RecoveryCodeCollectorDecision;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context)
    {
        var callback = context.GetCallback(Callback.NameType);
        if (callback is null) return NodeResult.Send(Callback.Name(RecoveryCodeCollectorDecisionDescriptor.Prompt));

        var username = MfaNodeSupport.RequireUsername(context, "Recovery Code Collector Decision");
        var code = callback.GetInputString()?.Trim();
        (DeviceKind? kind, string authType) = context.Config.GetString("recoveryCodeType") switch
        {
            "PUSH" => ((DeviceKind?)DeviceKind.Push, MfaAuthTypes.PushRegistration),
            "WEB_AUTHN" => (null, MfaAuthTypes.WebAuthn),
            _ => (DeviceKind.Oath, MfaAuthTypes.Oath),
        };
        if (kind is null || !RecoveryCodes.IsWellFormed(code)) return NodeResult.Goto("false");

        var consumed = await context.Service<RecoveryCodeStore>().TryConsumeAsync(
            username, kind.Value, hash => RecoveryCodes.TryConsume([hash], code) is not null, context.CancellationToken);
        if (!consumed) return NodeResult.Goto("false");
        context.AddAuthType(authType);
        return NodeResult.Goto("true");
    }
}
