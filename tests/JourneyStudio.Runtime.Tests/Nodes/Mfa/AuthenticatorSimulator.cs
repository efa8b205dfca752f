using System.Text.Json.Nodes;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Mfa;
using JourneyStudio.Runtime.Push;

namespace JourneyStudio.Runtime.Tests.Nodes.Mfa;

/// <summary>
/// Plays the ForgeRock Authenticator against the stores: scans registration URIs, registers (answering the REGISTER
/// message as the push endpoint would after checking the challenge response), reads push notifications from the
/// recording transport, verifies their JWT with the device secret and approves or denies them.
/// </summary>
internal sealed class AuthenticatorSimulator(MfaHarness harness, string deviceToken = "fcm-token-1")
{
    public byte[]? PushSecret { get; private set; }
    public string MechanismUid { get; } = Guid.NewGuid().ToString();
    public OathRegistrationParameters? Oath { get; private set; }

    /// <summary>Scans a <c>pushauth://</c> or <c>mfauth://</c> URI and registers for push.</summary>
    public async Task RegisterAsync(string uri)
    {
        var push = RegistrationUris.Parse(uri) switch
        {
            ParsedRegistrationUri.Push p => p.Parameters,
            ParsedRegistrationUri.Combined c => c.Parameters.Push,
            var other => throw new InvalidOperationException($"Not a push registration URI: {other}"),
        };
        if (RegistrationUris.Parse(uri) is ParsedRegistrationUri.Combined combined) Oath = combined.Parameters.Oath;
        PushSecret = push.SharedSecret;

        // What the push endpoint checks before it records the registration.
        var message = await harness.Messages.GetLiveAsync(push.MessageId) ?? throw new InvalidOperationException("No live REGISTER message.");
        Assert.True(PushChallenge.Verify(PushSecret, message.Challenge, PushChallenge.ComputeResponse(PushSecret, push.Challenge)));
        Assert.Equal(push.SharedSecret, harness.Protector.Unprotect(message.ProtectedSecret));

        var registered = Assert.IsType<PushRegistrationResult.Registered>(
            await harness.Transport.RegisterDeviceAsync(new PushDeviceRegistration("gcm", deviceToken), CancellationToken.None));
        var json = new JsonObject
        {
            ["deviceId"] = deviceToken,
            ["deviceName"] = "Test Phone",
            ["deviceType"] = "android",
            ["communicationType"] = "gcm",
            ["mechanismUid"] = MechanismUid,
            ["communicationId"] = registered.CommunicationId,
        }.ToJsonString();
        Assert.Equal(PushAnswerResult.Recorded, await harness.Messages.AnswerAsync(push.MessageId, PushMessageState.Accepted, null, json));
    }

    /// <summary>A device registered earlier (saved directly), with push made not skippable as registration does.</summary>
    public async Task<MfaDevice> AddPushDeviceAsync(string username = "alice", string issuer = "Example Bank")
    {
        PushSecret = PushChallenge.NewSecret();
        var device = await harness.Devices.AddAsync(new MfaDevice
        {
            Username = username,
            Kind = DeviceKind.Push,
            Uuid = Guid.NewGuid().ToString(),
            DeviceName = "Test Phone",
            Issuer = issuer,
            ProtectedSecret = harness.Protector.Protect(PushSecret),
            CreatedAt = harness.Clock.GetUtcNow(),
            CommunicationId = "inbox:" + deviceToken,
            CommunicationType = "gcm",
            DeviceType = "android",
            DeviceToken = deviceToken,
            MechanismUid = MechanismUid,
        });
        await harness.Identities.SetSkipAsync(username, JourneyStudio.Runtime.Identities.MfaMethod.Push, JourneyStudio.Runtime.Identities.MfaSkipState.NotSkippable);
        return device;
    }

    /// <summary>Scans an <c>otpauth://</c> URI.</summary>
    public void ScanOath(string uri) =>
        Oath = Assert.IsType<ParsedRegistrationUri.Oath>(RegistrationUris.Parse(uri)).Parameters;

    /// <summary>The latest notification's claims, after checking its signature with the device secret.</summary>
    public JsonObject ReadLastNotification()
    {
        var delivery = harness.Transport.Deliveries[^1];
        return Assert.IsType<JwtVerification.Valid>(Hs256Jwt.Verify(delivery.Jwt, PushSecret!)).Claims;
    }

    /// <summary>Approves (or denies) the latest notification, picking <paramref name="number"/> for the number challenge.</summary>
    public async Task<PushAnswerResult> AnswerLastAsync(bool approve, int? number = null)
    {
        var delivery = harness.Transport.Deliveries[^1];
        var claims = ReadLastNotification();
        var message = await harness.Messages.GetLiveAsync(delivery.MessageId);
        if (message is not null)
        {
            var response = PushChallenge.ComputeResponse(PushSecret!, (string)claims["c"]!);
            Assert.True(PushChallenge.Verify(PushSecret!, message.Challenge, response));
        }
        return await harness.Messages.AnswerAsync(delivery.MessageId, approve ? PushMessageState.Accepted : PushMessageState.Denied, number, null);
    }

    public string CurrentOathCode()
    {
        var oath = Oath ?? throw new InvalidOperationException("No OATH account scanned.");
        var settings = new OathCodeSettings { Algorithm = oath.Algorithm, Digits = oath.Digits, PeriodSeconds = oath.PeriodSeconds };
        return oath.Kind == OathKind.Hotp
            ? OathCodes.GenerateHotp(oath.Secret, oath.Counter, settings)
            : OathCodes.GenerateTotp(oath.Secret, harness.Clock.GetUtcNow(), settings);
    }
}
