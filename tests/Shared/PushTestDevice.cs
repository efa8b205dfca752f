using System.Security.Cryptography;
using System.Text.Json.Nodes;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Mfa;
using Microsoft.Extensions.DependencyInjection;
using StoredKind = JourneyStudio.Runtime.Devices.PushMessageKind;

namespace JourneyStudio.Testing;

/// <summary>
/// A ForgeRock Authenticator stand-in for tests: it holds the shared secret and builds the JWTs the app
/// sends (am-protocol 4.5, 4.7) with the production HS256 code, so the tests speak the public protocol.
/// </summary>
public sealed class PushTestDevice(byte[] secret)
{
    public byte[] Secret { get; } = secret;

    /// <summary>The FCM-token stand-in; 32 random bytes, like the virtual authenticator's.</summary>
    public string DeviceToken { get; init; } = Base64Url.Encode(RandomNumberGenerator.GetBytes(32));

    public string MechanismUid { get; init; } = Guid.NewGuid().ToString();

    public static PushTestDevice WithNewSecret() => new(PushChallenge.NewSecret());

    public string Response(string challenge) => PushChallenge.ComputeResponse(Secret, challenge);

    public string RegistrationJwt(string challenge, string communicationType = "gcm", string? response = null) =>
        Hs256Jwt.Create(new JsonObject
        {
            ["deviceId"] = DeviceToken,
            ["deviceName"] = "Test phone",
            ["deviceType"] = "android",
            ["communicationType"] = communicationType,
            ["mechanismUid"] = MechanismUid,
            ["response"] = response ?? Response(challenge),
        }, Secret);

    public string AuthenticationJwt(string challenge, bool deny = false, string? number = null, string? response = null)
    {
        var claims = new JsonObject { ["response"] = response ?? Response(challenge) };
        if (deny) claims["deny"] = true;
        if (number is not null) claims["challengeResponse"] = number;
        return Hs256Jwt.Create(claims, Secret);
    }

    public string RefreshJwt(string newDeviceToken, string communicationType = "gcm") =>
        Hs256Jwt.Create(new JsonObject
        {
            ["deviceId"] = newDeviceToken,
            ["deviceName"] = "Renamed phone",
            ["deviceType"] = "android",
            ["communicationType"] = communicationType,
        }, Secret);

    /// <summary>An <c>alg: none</c> token with an empty signature: what an attacker without the secret would try.</summary>
    public static string UnsignedJwt(JsonObject claims) =>
        Base64Url.EncodeUtf8("""{"typ":"JWT","alg":"none"}""") + "." + Base64Url.EncodeUtf8(claims.ToJsonString()) + ".";
}

/// <summary>Push messages created directly in the store, as the Push Sender and Push Registration nodes create them.</summary>
public static class PushTestMessages
{
    public static async Task<(string MessageId, string Challenge)> CreateAsync(IServiceProvider services, StoredKind kind, byte[] secret,
        string username = "alice", TimeSpan? timeToLive = null)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var id = kind == StoredKind.Register ? PushMessageIds.NewRegister(now) : PushMessageIds.NewAuthenticate(now);
        var challenge = PushChallenge.NewChallenge();
        await services.GetRequiredService<PushMessageStore>().AddAsync(new PushMessageRecord
        {
            MessageId = id.ToString(),
            Kind = kind,
            Username = username,
            Realm = "alpha",
            ProtectedSecret = services.GetRequiredService<SecretProtector>().Protect(secret),
            Challenge = challenge,
            CreatedAt = now,
            ExpiresAt = now + (timeToLive ?? TimeSpan.FromMinutes(2)),
        });
        return (id.ToString(), challenge);
    }
}
