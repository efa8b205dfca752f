using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Json;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Diagnostics;
using JourneyStudio.Runtime.Mfa;
using Microsoft.Extensions.Logging;
using StoredKind = JourneyStudio.Runtime.Devices.PushMessageKind;

namespace JourneyStudio.Runtime.Push;

/// <summary>
/// AM's <c>push/sns/message</c> resource (am-protocol 4.5, 4.7): checks what an authenticator app sends for
/// a registration, an authentication answer or a token refresh, and records it for the journey polling it.
/// It never trusts the request: every answer must be signed with the message's shared secret and prove it
/// with the challenge response, and a message is answered at most once.
/// </summary>
public sealed class PushMessageResponder(
    PushMessageStore messages,
    DeviceStore devices,
    SecretProtector secrets,
    IPushTransport transport,
    ILogger<PushMessageResponder> logger)
{
    public const string RegisterAction = "register";
    public const string AuthenticateAction = "authenticate";
    public const string RefreshAction = "refresh";

    /// <summary>A device body is flat: a message id and a JWT. Deep nesting is not a device.</summary>
    public const int MaxDepth = 16;

    /// <summary>Parses <paramref name="body"/> for <paramref name="action"/> and handles it; never throws for bad input.</summary>
    /// <param name="realm">The realm of the request path; a token refresh is registered with that realm's transport.</param>
    public Task<PushResponseResult> HandleAsync(string? action, string? body, CancellationToken cancellationToken = default,
        string? realm = null)
    {
        if (string.IsNullOrWhiteSpace(body)) return HandleAsync(action, (JsonElement?)null, cancellationToken, realm);
        if (!StrictJson.TryParse(body, out var document, out var problem, MaxDepth))
            return Task.FromResult<PushResponseResult>(Reject(PushRejectionReason.MalformedRequest, $"The request body is not valid JSON at {problem}."));
        using (document)
            return HandleAsync(action, document.RootElement.Clone(), cancellationToken, realm);
    }

    /// <summary>
    /// Handles a body already read by <see cref="StrictJson"/> (null when the body was empty); never throws for bad input.
    /// </summary>
    public async Task<PushResponseResult> HandleAsync(string? action, JsonElement? body, CancellationToken cancellationToken = default,
        string? realm = null)
    {
        if (action is not (RegisterAction or AuthenticateAction or RefreshAction))
            return Reject(PushRejectionReason.UnknownAction,
                $"Unknown action '{action}'; expected _action=register, authenticate or refresh.");
        if (!TryReadObject(body, out var json, out var error))
            return Reject(PushRejectionReason.MalformedRequest, error);

        if (action == RefreshAction)
        {
            return TryGetString(json, "mechanismUid", out var mechanismUid, out error)
                && TryGetString(json, "username", out var username, out error)
                && TryGetString(json, "jwt", out var refreshJwt, out error)
                ? await RefreshAsync(mechanismUid, username, refreshJwt, cancellationToken, realm)
                : Reject(PushRejectionReason.MalformedRequest, error);
        }

        if (!TryGetString(json, "messageId", out var messageId, out error) || !TryGetString(json, "jwt", out var jwt, out error))
            return Reject(PushRejectionReason.MalformedRequest, error);
        return action == RegisterAction
            ? await RegisterAsync(messageId, jwt, cancellationToken)
            : await AuthenticateAsync(messageId, jwt, cancellationToken);
    }

    /// <summary>Registration (<c>_action=register</c>): the device proves it scanned the QR code and tells where pushes go.</summary>
    public async Task<PushResponseResult> RegisterAsync(string messageId, string jwt, CancellationToken cancellationToken = default)
    {
        using var messageScope = SignOnLogScope.BeginPushMessage(logger, messageId);
        var checkedAnswer = await CheckAnswerAsync(messageId, jwt, StoredKind.Register, cancellationToken);
        if (checkedAnswer.Rejection is { } rejection) return rejection;
        // The transport (SNS) registers the device below: its log lines belong to the sign-on showing the QR code.
        using var signOnScope = SignOnLogScope.BeginPushAnswer(logger, checkedAnswer.SignOnId, checkedAnswer.Realm);
        var claims = checkedAnswer.Claims!;

        // Without these the device could never be reached or identified; a half-registered device is worse than none.
        if (!TryGetClaim(claims, "deviceId", out var deviceId, out var error)
            || !TryGetClaim(claims, "communicationType", out var communicationType, out error)
            || !TryGetClaim(claims, "mechanismUid", out var mechanismUid, out error))
            return Reject(PushRejectionReason.InvalidClaims, error);
        var deviceType = OptionalClaim(claims, "deviceType") ?? (communicationType == PushCommunicationTypes.Apns ? "ios" : "android");
        var deviceName = OptionalClaim(claims, "deviceName") ?? "Push Device";

        // AM's SnsRegistrationPredicate: the device counts as registered only once the transport can reach it.
        var registration = await transport.RegisterDeviceAsync(
            new PushDeviceRegistration(communicationType, deviceId) { Realm = checkedAnswer.Realm }, cancellationToken);
        if (registration is PushRegistrationResult.Failed failed)
        {
            logger.LogWarning("Push registration {MessageId} refused by the transport: {Reason}", messageId, failed.Reason);
            return Reject(PushRejectionReason.RegistrationFailed, $"The device could not be registered for push: {failed.Reason}");
        }

        var communicationId = ((PushRegistrationResult.Registered)registration).CommunicationId;
        var registrationJson = new JsonObject
        {
            ["deviceId"] = deviceId,
            ["deviceName"] = deviceName,
            ["deviceType"] = deviceType,
            ["communicationType"] = communicationType,
            ["mechanismUid"] = mechanismUid,
            ["communicationId"] = communicationId,
        }.ToJsonString();
        return await RecordAsync(messageId, PushMessageState.Accepted, null, registrationJson, cancellationToken);
    }

    /// <summary>An answer to an authentication push (<c>_action=authenticate</c>): approve, deny, or the picked number.</summary>
    public async Task<PushResponseResult> AuthenticateAsync(string messageId, string jwt, CancellationToken cancellationToken = default)
    {
        using var messageScope = SignOnLogScope.BeginPushMessage(logger, messageId);
        var checkedAnswer = await CheckAnswerAsync(messageId, jwt, StoredKind.Authenticate, cancellationToken);
        if (checkedAnswer.Rejection is { } rejection) return rejection;
        using var signOnScope = SignOnLogScope.BeginPushAnswer(logger, checkedAnswer.SignOnId, checkedAnswer.Realm);
        var claims = checkedAnswer.Claims!;

        // AM: any deny claim present means denied. Only a JSON true counts here, so a typo cannot approve by accident.
        var denied = false;
        if (claims.TryGetPropertyValue("deny", out var denyNode))
        {
            if (denyNode is JsonValue denyValue && denyValue.TryGetValue<bool>(out var deny)) denied = deny;
            else return Reject(PushRejectionReason.InvalidClaims, "The claim 'deny' must be true or false.");
        }

        int? number = null;
        if (!denied && claims.TryGetPropertyValue("challengeResponse", out var numberNode) && numberNode is not null)
        {
            // The app sends the picked number as a string; a number is accepted too. Anything else is refused,
            // so a malformed answer is never stored as "no answer" and mistaken for a plain approval.
            if (!TryReadInt(numberNode, out var picked))
                return Reject(PushRejectionReason.InvalidClaims, "The claim 'challengeResponse' must be the number picked on the device.");
            number = picked;
        }

        return await RecordAsync(messageId, denied ? PushMessageState.Denied : PushMessageState.Accepted, number, null, cancellationToken);
    }

    /// <summary>The app's new FCM/APNs token (<c>_action=refresh</c>), signed with the device's shared secret.</summary>
    public async Task<PushResponseResult> RefreshAsync(string mechanismUid, string username, string jwt, CancellationToken cancellationToken = default,
        string? realm = null)
    {
        var device = await devices.FindByMechanismUidAsync(mechanismUid, cancellationToken);
        // The same answer for "no such mechanism" and "not this user's", so the endpoint cannot be used to probe
        // which mechanism ids or usernames exist.
        if (device is null || device.Kind != DeviceKind.Push || !string.Equals(device.Username, username, StringComparison.OrdinalIgnoreCase))
            return Reject(PushRejectionReason.UnknownDevice, "No push device with this mechanism is registered for this user.");
        if (!TryUnprotect(device.ProtectedSecret, out var secret))
            return Reject(PushRejectionReason.SecretUnavailable, "The device's secret can no longer be read; register the device again.");

        // Only the holder of the device's secret may redirect its pushes; otherwise anyone knowing the mechanism
        // id could send the user's sign-on approvals to their own phone. (Replaying a captured refresh only
        // re-sets the token it already set.)
        var verification = VerifyJwt(jwt, secret);
        if (verification.Rejection is { } rejection) return rejection;
        var claims = verification.Claims!;
        if (!TryGetClaim(claims, "deviceId", out var deviceId, out var error) || !TryGetClaim(claims, "communicationType", out var communicationType, out error))
            return Reject(PushRejectionReason.InvalidClaims, error);

        var registration = await transport.RegisterDeviceAsync(new PushDeviceRegistration(communicationType, deviceId) { Realm = realm }, cancellationToken);
        if (registration is PushRegistrationResult.Failed failed)
            return Reject(PushRejectionReason.RegistrationFailed, $"The new device token could not be registered for push: {failed.Reason}");
        var communicationId = ((PushRegistrationResult.Registered)registration).CommunicationId;
        await devices.UpdateCommunicationAsync(device.Id, deviceId, communicationType, OptionalClaim(claims, "deviceType"),
            OptionalClaim(claims, "deviceName"), communicationId, cancellationToken);
        return new PushResponseResult.Accepted();
    }

    private async Task<CheckedAnswer> CheckAnswerAsync(
        string messageId, string jwt, StoredKind expectedKind, CancellationToken cancellationToken)
    {
        if (!PushMessageId.TryParse(messageId, out var parsedId, out var idError))
            return Refused(Reject(PushRejectionReason.MalformedMessageId, $"The messageId is not valid: {idError}."));

        // An answer that lands on the other kind of message (a registration JWT posted to authenticate) must not
        // complete it: the claims mean different things there.
        var kindFromId = parsedId.Kind == Mfa.PushMessageKind.Register ? StoredKind.Register : StoredKind.Authenticate;
        if (kindFromId != expectedKind)
            return Refused(Reject(PushRejectionReason.WrongMessageKind,
                $"A {kindFromId.ToString().ToUpperInvariant()} message cannot be answered with _action={ActionFor(expectedKind)}."));

        var message = await messages.GetLiveAsync(messageId, cancellationToken);
        if (message is null)
        {
            // A late (or replayed) answer must not approve a sign-on that has timed out. Saying "expired" rather
            // than "unknown" tells the user to try again and reveals nothing secret.
            return await messages.FindAsync(messageId, cancellationToken) is null
                ? Refused(Reject(PushRejectionReason.UnknownMessage, "There is no pending push message with this id."))
                : Refused(Reject(PushRejectionReason.Expired, "The push message has expired."));
        }
        if (message.Kind != expectedKind)
            return Refused(Reject(PushRejectionReason.WrongMessageKind, $"This message cannot be answered with _action={ActionFor(expectedKind)}."));
        // Replay of a captured answer, or a second device racing the first: one message, one answer.
        if (message.State != PushMessageState.Pending)
            return Refused(Reject(PushRejectionReason.AlreadyAnswered, "The push message has already been answered."));

        if (!TryUnprotect(message.ProtectedSecret, out var secret))
            return Refused(Reject(PushRejectionReason.SecretUnavailable, "The push message's secret can no longer be read."));
        var verification = VerifyJwt(jwt, secret);
        if (verification.Rejection is { } badJwt) return Refused(badJwt);

        // The signature alone would accept any earlier JWT from the same device; the challenge is fresh per
        // message, so the response proves this answer was made for this message.
        var response = verification.Claims!.TryGetPropertyValue("response", out var responseNode)
                       && responseNode is JsonValue responseValue && responseValue.TryGetValue<string>(out var text) ? text : null;
        bool matches;
        try
        {
            matches = PushChallenge.Verify(secret, message.Challenge, response);
        }
        catch (FormatException e)
        {
            logger.LogError(e, "Push message {MessageId} has an unreadable challenge", messageId);
            return Refused(Reject(PushRejectionReason.UnknownMessage, "The push message cannot be answered."));
        }
        return matches
            ? new CheckedAnswer(verification.Claims, null, message.Realm, message.SignOnId)
            : Refused(Reject(PushRejectionReason.WrongChallengeResponse, "The response claim does not answer the message's challenge."));
    }

    /// <summary>A verified answer's claims, the realm and sign-on its message was sent in, or why it was refused.</summary>
    private sealed record CheckedAnswer(JsonObject? Claims, PushResponseResult.Rejected? Rejection, string? Realm = null, string? SignOnId = null);

    private static CheckedAnswer Refused(PushResponseResult.Rejected rejection) => new(null, rejection);

    private static (JsonObject? Claims, PushResponseResult.Rejected? Rejection) VerifyJwt(string jwt, byte[] secret) =>
        Hs256Jwt.Verify(jwt, secret) switch
        {
            JwtVerification.Valid valid => (valid.Claims, null),
            // "alg":"none" or a public-key algorithm would let the token pick a check it can pass without the secret.
            JwtVerification.WrongAlgorithm wrong => (null, Reject(PushRejectionReason.WrongAlgorithm,
                $"The JWT must be signed with HS256, not '{wrong.Algorithm ?? "(none given)"}'.")),
            // Forged or tampered answers, or one signed by a device that never got this secret.
            JwtVerification.BadSignature => (null, Reject(PushRejectionReason.BadSignature, "The JWT signature does not verify with the shared secret.")),
            JwtVerification.Malformed malformed => (null, Reject(PushRejectionReason.MalformedJwt, $"The JWT is malformed: {malformed.Reason}.")),
            _ => (null, Reject(PushRejectionReason.MalformedJwt, "The JWT could not be verified.")),
        };

    private async Task<PushResponseResult> RecordAsync(string messageId, PushMessageState state, int? number, string? registrationJson,
        CancellationToken cancellationToken)
    {
        // The store records atomically, so of two concurrent valid answers only the first counts.
        var outcome = await messages.AnswerAsync(messageId, state, number, registrationJson, cancellationToken);
        return outcome switch
        {
            PushAnswerResult.Recorded => new PushResponseResult.Accepted(),
            PushAnswerResult.AlreadyAnswered => Reject(PushRejectionReason.AlreadyAnswered, "The push message has already been answered."),
            PushAnswerResult.Expired => Reject(PushRejectionReason.Expired, "The push message has expired."),
            _ => Reject(PushRejectionReason.UnknownMessage, "There is no pending push message with this id."),
        };
    }

    private bool TryUnprotect(string protectedSecret, out byte[] secret)
    {
        try
        {
            secret = secrets.Unprotect(protectedSecret);
            return secret.Length > 0;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            logger.LogError(e, "A push shared secret could not be decrypted");
            secret = [];
            return false;
        }
    }

    private static string ActionFor(StoredKind kind) => kind == StoredKind.Register ? RegisterAction : AuthenticateAction;

    private static PushResponseResult.Rejected Reject(PushRejectionReason reason, string message) => new(reason, message);

    private static bool TryReadObject(JsonElement? body, out JsonObject json, out string error)
    {
        json = null!;
        if (body is not { } element)
        {
            error = "The request body is empty; expected a JSON object.";
            return false;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = "The request body must be a JSON object.";
            return false;
        }
        json = JsonObject.Create(element)!;
        error = "";
        return true;
    }

    private static bool TryGetString(JsonObject json, string name, out string value, out string error) =>
        TryGetNonEmptyString(json, name, $"The request body needs the string field '{name}'.", out value, out error);

    private static bool TryGetClaim(JsonObject claims, string name, out string value, out string error) =>
        TryGetNonEmptyString(claims, name, $"The JWT needs the string claim '{name}'.", out value, out error);

    private static bool TryGetNonEmptyString(JsonObject json, string name, string missing, out string value, out string error)
    {
        if (json.TryGetPropertyValue(name, out var node) && node is JsonValue v && v.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text))
        {
            value = text;
            error = "";
            return true;
        }
        value = "";
        error = missing;
        return false;
    }

    private static string? OptionalClaim(JsonObject claims, string name) =>
        claims.TryGetPropertyValue(name, out var node) && node is JsonValue v && v.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text)
            ? text : null;

    private static bool TryReadInt(JsonNode node, out int value)
    {
        value = 0;
        if (node is not JsonValue v) return false;
        if (v.TryGetValue<int>(out value)) return true;
        return v.TryGetValue<string>(out var text)
               && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value);
    }
}
