using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.BruteForce;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Mfa;

namespace JourneyStudio.Runtime.Nodes.Mfa;

/// <summary>
/// Recovery Code Collector Decision: asks for a recovery code (NameCallback "Recovery Code") and goes to <c>true</c>
/// when it is one of the user's unused codes of <c>recoveryCodeType</c>, using it up (a code works once), else
/// <c>false</c>. Success records the method's auth type. WebAuthn has no codes in the studio, so it is always false.
/// Each code check goes through the brute-force guard, like a password: wrong codes count towards the user's lockout.
/// </summary>
public sealed class RecoveryCodeCollectorDecisionNodeProcessor(ICredentialGuard guard, RecoveryCodeStore recoveryCodes)
    : INodeProcessor<RecoveryCodeCollectorDecisionConfig>
{
    public string TypeId => NodeTypeIds.RecoveryCodeCollectorDecision;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context, RecoveryCodeCollectorDecisionConfig config)
    {
        var callback = context.GetCallback(Callback.NameType);
        if (callback is null) return NodeResult.Send(Callback.Name(RecoveryCodeCollectorDecisionDescriptor.Prompt).WithSecretInputs());

        var username = MfaNodeSupport.RequireUsername(context, "Recovery Code Collector Decision");
        var code = callback.GetInputString()?.Trim();
        (DeviceKind? kind, string authType) = config.RecoveryCodeType switch
        {
            RecoveryCodeType.Push => ((DeviceKind?)DeviceKind.Push, MfaAuthTypes.PushRegistration),
            RecoveryCodeType.WebAuthn => (null, MfaAuthTypes.WebAuthn),
            _ => (DeviceKind.Oath, MfaAuthTypes.Oath),
        };
        var verdict = await guard.CheckAsync(
            new CredentialAttempt(CredentialAudience.EndUser, CredentialKind.RecoveryCode, username, context.Request.RemoteIpAddress),
            async ct => kind is not null && RecoveryCodes.IsWellFormed(code)
                        && await recoveryCodes.TryConsumeAsync(
                            username, kind.Value, hash => RecoveryCodes.TryConsume([hash], code) is not null, ct),
            cancellationToken: context.CancellationToken);
        if (verdict != CredentialVerdict.Accepted) return NodeResult.Goto(RecoveryCodeCollectorDecisionDescriptor.FalseOutcome);
        context.AddAuthType(authType);
        return NodeResult.Goto(RecoveryCodeCollectorDecisionDescriptor.TrueOutcome);
    }
}
