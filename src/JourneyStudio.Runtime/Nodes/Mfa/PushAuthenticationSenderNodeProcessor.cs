using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Mfa;
using JourneyStudio.Runtime.Push;
using StoredMessageKind = JourneyStudio.Runtime.Devices.PushMessageKind;

namespace JourneyStudio.Runtime.Nodes.Mfa;

/// <summary>
/// Push Sender: signs an authentication message (am-protocol 4.6) with the user's push device secret, stores it to
/// await the device's answer and hands it to the <see cref="IPushTransport"/>. Sends no callbacks.
/// <list type="bullet">
/// <item>SKIPPED: the user opted out of push and the node is not mandatory.</item>
/// <item>NOT_REGISTERED (with <c>mfaMethod</c>=push): skip flag never set, no device, or the device must register again.</item>
/// <item>FAILURE (only with <c>captureFailure</c>, reason in <c>PushAuthFailureReason</c>): the message could not be sent,
/// the node already sent one in this journey (SENDER_ALREADY_USED) or there is no username (MISSING_USERNAME);
/// without captureFailure these end the journey with an error.</item>
/// </list>
/// </summary>
public sealed class PushAuthenticationSenderNodeProcessor(
    IdentityStore identities,
    DeviceStore devices,
    PushMessageStore messages,
    SecretProtector protector,
    IPushTransport transport) : INodeProcessor<PushSenderConfig>
{
    public const string SenderAlreadyUsed = "SENDER_ALREADY_USED";
    public const string MissingUsername = "MISSING_USERNAME";
    public const string TransmissionFailure = "TRANSMISSION_FAILURE";
    public const string CustomPayloadTooLarge = "CUSTOM_PAYLOAD_TOO_LARGE";

    public string TypeId => NodeTypeIds.PushSender;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context, PushSenderConfig config)
    {
        NodeResult Fail(string reason, string detail)
        {
            if (!config.CaptureFailure) throw new NodeProcessException($"Push Sender: {detail} ({reason}).");
            context.SharedState[MfaStateKeys.PushAuthFailureReason] = reason;
            return NodeResult.Goto(PushSenderDescriptor.FailureOutcome);
        }

        // Sending a second message would orphan the first one's answer: AM refuses (Push Result Verifier clears the id).
        if (context.SharedState.ContainsKey(MfaStateKeys.PushMessageId))
            return Fail(SenderAlreadyUsed, "a push message was already sent in this journey and not yet verified");
        if (context.Username is not { Length: > 0 } username)
            return Fail(MissingUsername, "no username in shared state");

        var identity = await identities.GetAsync(username, context.CancellationToken);
        var skip = MfaNodeSupport.SkipState(identity, MfaMethod.Push);
        if (!config.Mandatory && skip == MfaSkipState.Skippable) return NodeResult.Goto(PushSenderDescriptor.SkippedOutcome);

        var device = await devices.FindAsync(username, DeviceKind.Push, context.CancellationToken);
        if (skip == MfaSkipState.NotSet || device is null || device.MustRegisterAgain
            || device.CommunicationId is null || device.CommunicationType is null)
            return NotRegistered(context);

        var timeoutMs = config.MessageTimeoutMilliseconds;
        var pushType = config.PushType switch
        {
            PushSenderType.Challenge => PushType.Challenge,
            PushSenderType.Biometric => PushType.Biometric,
            _ => PushType.Default,
        };
        var now = context.Time.GetUtcNow();
        var messageId = PushMessageIds.NewAuthenticate(now).ToString();
        var challenge = PushChallenge.NewChallenge();
        var userMessage = context.Localize(config.UserMessage)
            .Replace("{{user}}", username, StringComparison.Ordinal)
            .Replace("{{issuer}}", device.Issuer, StringComparison.Ordinal);

        var claims = new JsonObject
        {
            ["u"] = device.MechanismUid,
            ["l"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(MfaNodeSupport.LoadBalancerCookie)),
            ["c"] = challenge,
            ["m"] = userMessage,
            ["k"] = pushType.ToString().ToLowerInvariant(),
            ["i"] = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            ["t"] = (timeoutMs / 1000).ToString(CultureInfo.InvariantCulture),
            ["d"] = username,
        };
        if (config.CustomPayload.Count > 0)
        {
            var payload = new JsonObject();
            foreach (var key in config.CustomPayload)
                if (context.SharedState[key] is { } value) payload[key] = value.DeepClone();
            var payloadJson = payload.ToJsonString();
            if (Encoding.UTF8.GetByteCount(payloadJson) > PushSenderDescriptor.MaximumPayloadBytes)
                return Fail(CustomPayloadTooLarge, $"the custom payload exceeds {PushSenderDescriptor.MaximumPayloadBytes} bytes");
            claims["p"] = payloadJson;
        }
        if (config.ContextInfo) claims["x"] = ContextInfo(context).ToJsonString();

        NumberChallenge? numbers = null;
        if (pushType == PushType.Challenge)
        {
            numbers = NumberChallenge.Create();
            claims["n"] = numbers.ChoicesClaim;
        }

        byte[] secret;
        try
        {
            secret = protector.Unprotect(device.ProtectedSecret);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // The key ring lost the key: the device can never be reached again with this secret.
            await devices.MarkMustRegisterAgainAsync(device.Id, context.CancellationToken);
            return NotRegistered(context);
        }
        var jwt = Hs256Jwt.Create(claims, secret);

        // Stored before sending: a fast device may answer before SendAsync returns.
        await messages.AddAsync(new PushMessageRecord
        {
            MessageId = messageId,
            Kind = StoredMessageKind.Authenticate,
            Username = username,
            Realm = context.Realm,
            SignOnId = context.Request.SignOnId,
            ProtectedSecret = device.ProtectedSecret,
            Challenge = challenge,
            CreatedAt = now,
            ExpiresAt = now.AddMilliseconds(timeoutMs),
            State = PushMessageState.Pending,
        }, context.CancellationToken);

        var sent = await transport.SendAsync(
            new PushDelivery(device.CommunicationId, device.CommunicationType, messageId, jwt, userMessage, pushType) { Realm = context.Realm },
            context.CancellationToken);
        switch (sent)
        {
            case PushSendResult.DeviceMustRegisterAgain:
                await messages.DeleteAsync(messageId, context.CancellationToken);
                await devices.MarkMustRegisterAgainAsync(device.Id, context.CancellationToken);
                return NotRegistered(context);
            case PushSendResult.TransmissionFailure failure:
                await messages.DeleteAsync(messageId, context.CancellationToken);
                return Fail(TransmissionFailure, "the push message could not be sent: " + failure.Reason);
        }

        context.SharedState[MfaStateKeys.PushMessageId] = messageId;
        context.SharedState[MfaStateKeys.MessageTimeToLive] = timeoutMs;
        context.SharedState[MfaStateKeys.PushMechanismUid] = device.MechanismUid;
        if (numbers is not null)
            context.SharedState[MfaStateKeys.PushNumberChallenge] = numbers.Answer.ToString(CultureInfo.InvariantCulture);
        else
            context.SharedState.Remove(MfaStateKeys.PushNumberChallenge); // a stale number would make Push Wait show it
        context.SharedState.Remove(MfaStateKeys.PushAuthFailureReason);
        return NodeResult.Goto(PushSenderDescriptor.SentOutcome);
    }

    private static NodeResult NotRegistered(NodeContext context)
    {
        context.SharedState[MfaStateKeys.MfaMethod] = MfaMethodNames.Push;
        return NodeResult.Goto(PushSenderDescriptor.NotRegisteredOutcome);
    }

    /// <summary>
    /// What lets the user judge whether the request is theirs: the location from a Device Profile Collector (when
    /// it collected one), the caller's address (<c>X-Real-IP</c> as AM reads it, else the connection's) and user agent.
    /// </summary>
    private static JsonObject ContextInfo(NodeContext context)
    {
        var profile = context.SharedState[SharedStateKeys.DeviceProfile] switch
        {
            JsonObject obj => obj,
            JsonValue text when text.TryGetValue<string>(out var s) => MfaNodeSupport.TryParseObject(s),
            _ => null,
        };
        var headers = context.Request.Headers;
        return new JsonObject
        {
            ["location"] = profile?["location"]?.DeepClone() ?? new JsonObject(),
            ["remoteIp"] = headers.TryGetValue("X-Real-IP", out var realIp) ? realIp : context.Request.RemoteIpAddress,
            ["userAgent"] = headers.TryGetValue("User-Agent", out var agent) ? agent : context.Request.UserAgent,
        };
    }
}
