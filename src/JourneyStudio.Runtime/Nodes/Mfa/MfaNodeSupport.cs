using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Journeys.Json;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Identities;

namespace JourneyStudio.Runtime.Nodes.Mfa;

/// <summary>The state keys the MFA nodes share with each other and with AM journeys (AM's PushNodeConstants, MultiFactorConstants).</summary>
public static class MfaStateKeys
{
    /// <summary>The MFA method a user lacks or opts out of: <c>push</c>, <c>oath</c> or <c>webauthn</c>.</summary>
    public const string MfaMethod = "mfaMethod";

    public const string PushMessageId = "pushMessageId";

    /// <summary>The push message's time to live in milliseconds (AM calls the key <c>t</c>).</summary>
    public const string MessageTimeToLive = "t";

    public const string PushMechanismUid = "pushMechanismUid";

    /// <summary>The number the user must tap (number challenge only), as text.</summary>
    public const string PushNumberChallenge = "pushNumberChallengeKey";

    public const string PushMessageExpiration = "pushMessageExpiration";
    public const string PushContent = "pushContent";
    public const string PushAuthFailureReason = "PushAuthFailureReason";

    // Registration (temporary while the QR code is shown)
    public const string PushDeviceProfile = "pushDeviceProfile";
    public const string PushChallenge = "pushChallengeKey";
    public const string PushRegistrationTimeout = "pushRegistrationTimeout";
    public const string OathDeviceProfile = "oathDeviceProfile";

    /// <summary>Transient: the plain recovery codes a registration just issued, for Recovery Code Display.</summary>
    public const string RecoveryCodes = "recoveryCodes";

    /// <summary>Transient: the name of the device the recovery codes belong to.</summary>
    public const string RecoveryCodeDeviceName = "recoveryCodeDeviceName";
}

/// <summary>The <c>mfaMethod</c> values AM writes.</summary>
public static class MfaMethodNames
{
    public const string Push = "push";
    public const string Oath = "oath";
    public const string WebAuthn = "webauthn";

    public static MfaMethod? Parse(string? value) => value?.ToLowerInvariant() switch
    {
        Push => MfaMethod.Push,
        Oath => MfaMethod.Oath,
        WebAuthn => MfaMethod.WebAuthn,
        _ => null,
    };
}

/// <summary>Auth types the MFA nodes record (AM's addNodeType values).</summary>
public static class MfaAuthTypes
{
    public const string Push = "AuthenticatorPush";
    public const string PushRegistration = "AuthenticatorPushRegistration";
    public const string Oath = "AuthenticatorOATH";
    public const string WebAuthn = "WebAuthnAuthentication";
}

internal static class MfaNodeSupport
{
    /// <summary>
    /// The load-balancer cookie AM puts (base64) into registration URIs and push messages so that the app's answer
    /// reaches the same server; a single studio has no balancer, so this fixed value only keeps the wire shape.
    /// </summary>
    public const string LoadBalancerCookie = "amlbcookie=01";

    /// <summary>Shared <c>username</c>; a node that needs it cannot run without it (AM throws a NodeProcessException).</summary>
    public static string RequireUsername(NodeContext context, string nodeName) =>
        context.Username is { Length: > 0 } username
            ? username
            : throw new NodeProcessException($"{nodeName}: no username in shared state; put a username collector before this node.");

    /// <summary>
    /// The account name shown in the app: the identity attribute <c>accountName</c> selects, or the username when that
    /// attribute is empty (or is one the studio does not keep, such as the employee number).
    /// </summary>
    public static string AccountName(MfaAccountName setting, string username, IdentitySummary? identity)
    {
        var value = setting switch
        {
            MfaAccountName.CommonName => identity is null ? null : $"{identity.GivenName} {identity.Sn}".Trim(),
            MfaAccountName.EmailAddress => identity?.Mail,
            MfaAccountName.GivenName => identity?.GivenName,
            MfaAccountName.LastName => identity?.Sn,
            _ => null,
        };
        return string.IsNullOrWhiteSpace(value) ? username : value;
    }

    public static MfaSkipState SkipState(IdentitySummary? identity, MfaMethod method) => identity is null
        ? MfaSkipState.NotSet
        : method switch
        {
            MfaMethod.Push => identity.PushSkip,
            MfaMethod.Oath => identity.OathSkip,
            _ => identity.WebAuthnSkip,
        };

    /// <summary>Puts freshly issued plain recovery codes into transient state (never the stored session).</summary>
    public static void PassRecoveryCodes(NodeContext context, IReadOnlyList<string> codes, string deviceName)
    {
        context.TransientState[MfaStateKeys.RecoveryCodes] = new JsonArray(codes.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray());
        context.TransientState[MfaStateKeys.RecoveryCodeDeviceName] = deviceName;
    }

    /// <summary>A JSON object stored base64-encoded in shared state, the way AM keeps the temporary device profiles.</summary>
    public static void WriteEncodedObject(NodeContext context, string key, JsonObject value) =>
        context.SharedState[key] = Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(value));

    public static JsonObject? ReadEncodedObject(NodeContext context, string key)
    {
        if (context.GetSharedString(key) is not { Length: > 0 } encoded) return null;
        byte[] json;
        try { json = Convert.FromBase64String(encoded); }
        catch (FormatException) { return null; }
        return StrictJson.TryParseNode(json, out var node, out _) ? node as JsonObject : null;
    }

    /// <summary>The JSON object <paramref name="json"/> holds; null when it is absent, not JSON or not an object.</summary>
    public static JsonObject? TryParseObject(string? json)
    {
        if (json is null) return null;
        return StrictJson.TryParseNode(json, out var node, out _) ? node as JsonObject : null;
    }

    public static string? GetString(this JsonObject obj, string key) =>
        obj[key] is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    /// <summary>A text or number value of the shared state as text (AM stores some numbers either way).</summary>
    public static string? GetSharedText(NodeContext context, string key) => context.SharedState[key] switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.ToJsonString(),
        _ => null,
    };
}
