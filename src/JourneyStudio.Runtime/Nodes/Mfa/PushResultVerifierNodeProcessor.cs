using System.Globalization;
using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.BruteForce;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Diagnostics;
using JourneyStudio.Runtime.Engine;

namespace JourneyStudio.Runtime.Nodes.Mfa;

/// <summary>
/// Push Result Verifier (am-protocol 4.8): reads the device's answer to the message Push Sender stored.
/// Gone or expired → EXPIRED; denied → FALSE; accepted → TRUE (for the number challenge only when the picked number
/// matches, else FALSE), touching the device's last access date and recording <c>AuthenticatorPush</c>; no answer
/// yet → WAITING, until <c>t</c> ms after the first check (then EXPIRED). Every outcome but WAITING clears
/// <c>pushMessageId</c>, <c>pushMessageExpiration</c> and <c>t</c>, so Push Sender may send again. An approval goes
/// through the brute-force guard: a wrong number picked counts towards the user's lockout (so prompting a user until
/// they tap a number is limited too), and while the user is locked an approval is FALSE.
/// </summary>
public sealed class PushResultVerifierNodeProcessor(ICredentialGuard guard, JourneyStudioMetrics metrics) : INodeProcessor
{
    public string TypeId => NodeTypeIds.PushResultVerifier;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context)
    {
        var messageId = context.GetSharedString(MfaStateKeys.PushMessageId)
            ?? throw new NodeProcessException("Push Result Verifier: no push message in shared state; put a Push Sender before this node.");
        var messages = context.Service<PushMessageStore>();
        var message = await messages.GetLiveAsync(messageId, context.CancellationToken);
        var now = context.Time.GetUtcNow().ToUnixTimeMilliseconds();

        NodeResult Complete(string outcome)
        {
            context.SharedState.Remove(MfaStateKeys.PushMessageId);
            context.SharedState.Remove(MfaStateKeys.PushMessageExpiration);
            context.SharedState.Remove(MfaStateKeys.MessageTimeToLive);
            return NodeResult.Goto(outcome);
        }

        if (message is null)
        {
            metrics.PushExpired(context.Realm);
            return Complete(PushResultVerifierDescriptor.ExpiredOutcome);
        }

        switch (message.State)
        {
            case PushMessageState.Denied:
                await messages.DeleteAsync(messageId, context.CancellationToken);
                metrics.PushDenied(context.Realm);
                return Complete(PushResultVerifierDescriptor.FalseOutcome);

            case PushMessageState.Accepted:
                await TouchDeviceAsync(context, message.Username);
                await messages.DeleteAsync(messageId, context.CancellationToken);
                context.SharedState[MfaStateKeys.PushContent] = new JsonObject
                {
                    ["messageId"] = messageId,
                    ["challengeResponse"] = message.ChallengeResponse,
                    ["answeredAt"] = message.AnsweredAt?.ToUnixTimeMilliseconds(),
                };
                var expected = MfaNodeSupport.GetSharedText(context, MfaStateKeys.PushNumberChallenge);
                var numberMatches = expected is null || expected == message.ChallengeResponse?.ToString(CultureInfo.InvariantCulture);
                var verdict = await guard.CheckAsync(
                    new CredentialAttempt(CredentialAudience.EndUser, CredentialKind.PushNumber, message.Username, context.Request.RemoteIpAddress),
                    _ => Task.FromResult(numberMatches),
                    cancellationToken: context.CancellationToken);
                if (verdict != CredentialVerdict.Accepted)
                {
                    if (!numberMatches) metrics.PushNumberChallengeFailed(context.Realm);
                    return Complete(PushResultVerifierDescriptor.FalseOutcome);
                }
                metrics.PushApproved(context.Realm);
                context.AddAuthType(MfaAuthTypes.Push);
                return Complete(PushResultVerifierDescriptor.TrueOutcome);

            default:
                var timeToLive = context.SharedState.GetInt64(MfaStateKeys.MessageTimeToLive);
                if (timeToLive is null) return NodeResult.Goto(PushResultVerifierDescriptor.WaitingOutcome);
                var expiration = context.SharedState.GetInt64(MfaStateKeys.PushMessageExpiration);
                if (expiration is null)
                {
                    context.SharedState[MfaStateKeys.PushMessageExpiration] = now + timeToLive.Value;
                    return NodeResult.Goto(PushResultVerifierDescriptor.WaitingOutcome);
                }
                if (now > expiration)
                {
                    await messages.DeleteAsync(messageId, context.CancellationToken);
                    metrics.PushExpired(context.Realm);
                    return Complete(PushResultVerifierDescriptor.ExpiredOutcome);
                }
                return NodeResult.Goto(PushResultVerifierDescriptor.WaitingOutcome);
        }
    }

    private static async Task TouchDeviceAsync(NodeContext context, string username)
    {
        var devices = context.Service<DeviceStore>();
        var device = context.GetSharedString(MfaStateKeys.PushMechanismUid) is { } mechanismUid
            ? await devices.FindByMechanismUidAsync(mechanismUid, context.CancellationToken)
            : null;
        device ??= await devices.FindAsync(username, DeviceKind.Push, context.CancellationToken);
        if (device is not null) await devices.TouchAsync(device.Id, context.CancellationToken);
    }
}
