using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Identities;

namespace JourneyStudio.Runtime.Nodes.Mfa;

/// <summary>
/// Opt-out Multi-Factor Authentication: marks the method in shared <c>mfaMethod</c> (push, oath, webauthn) as
/// skippable for the user, so a later Push Sender that is not mandatory goes to SKIPPED. Sends no callbacks.
/// </summary>
public sealed class OptOutMultiFactorAuthenticationNodeProcessor(IdentityStore identities) : INodeProcessor<NoConfig>
{
    public string TypeId => NodeTypeIds.OptOutMfa;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context, NoConfig config)
    {
        var username = MfaNodeSupport.RequireUsername(context, "Opt-out Multi-Factor Authentication");
        var methodName = context.GetSharedString(MfaStateKeys.MfaMethod);
        var method = MfaMethodNames.Parse(methodName)
            ?? throw new NodeProcessException(methodName is null
                ? "Opt-out Multi-Factor Authentication: no mfaMethod in shared state; a Push Sender or OATH Token Verifier sets it when the user has no device."
                : $"Opt-out Multi-Factor Authentication: unknown mfaMethod '{methodName}' (expected push, oath or webauthn).");
        if (!await identities.SetSkipAsync(username, method, MfaSkipState.Skippable, context.CancellationToken))
            throw new NodeProcessException($"Opt-out Multi-Factor Authentication: user '{username}' does not exist.");
        return NodeResult.Goto(OptOutMfaDescriptor.Outcome);
    }
}
