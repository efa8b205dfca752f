using JourneyStudio.Runtime.Persistence;
using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Mfa;
using JourneyStudio.Runtime.Push;
using JourneyStudio.Runtime.Tests.Persistence;
using JourneyStudio.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StoredKind = JourneyStudio.Runtime.Devices.PushMessageKind;

namespace JourneyStudio.Runtime.Tests.Push;

/// <summary>The device's requests as AM checks them (am-protocol 4.5, 4.7), against a real SQLite store.</summary>
public abstract class PushMessageResponderTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private readonly RecordingPushTransport _transport = new();
    private PushMessageResponder _responder = null!;
    private readonly PushTestDevice _device = PushTestDevice.WithNewSecret();

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.StartAsync(provider);
        _responder = new PushMessageResponder(Get<PushMessageStore>(), Get<DeviceStore>(), Get<SecretProtector>(), _transport,
            NullLogger<PushMessageResponder>.Instance);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private T Get<T>() where T : notnull => _db.Services.GetRequiredService<T>();

    private Task<(string MessageId, string Challenge)> NewMessageAsync(StoredKind kind, TimeSpan? ttl = null) =>
        PushTestMessages.CreateAsync(_db.Services, kind, _device.Secret, timeToLive: ttl);

    private async Task<PushMessageRecord> StoredAsync(string messageId) => (await Get<PushMessageStore>().FindAsync(messageId))!;

    private static PushRejectionReason RejectionOf(PushResponseResult result) =>
        Assert.IsType<PushResponseResult.Rejected>(result).Reason;

    [Fact]
    public async Task Register_GoodAnswer_RegistersWithTransportAndRecordsTheDevice()
    {
        var (id, challenge) = await NewMessageAsync(StoredKind.Register);

        var result = await _responder.RegisterAsync(id, _device.RegistrationJwt(challenge));

        Assert.IsType<PushResponseResult.Accepted>(result);
        var registration = Assert.Single(_transport.Registrations);
        // The realm the journey ran in picks the transport that registers the device.
        Assert.Equal(new PushDeviceRegistration("gcm", _device.DeviceToken) { Realm = "alpha" }, registration);
        var stored = await StoredAsync(id);
        Assert.Equal(PushMessageState.Accepted, stored.State);
        var json = JsonNode.Parse(stored.RegistrationJson!)!.AsObject();
        Assert.Equal(_device.DeviceToken, (string?)json["deviceId"]);
        Assert.Equal("Test phone", (string?)json["deviceName"]);
        Assert.Equal("android", (string?)json["deviceType"]);
        Assert.Equal("gcm", (string?)json["communicationType"]);
        Assert.Equal(_device.MechanismUid, (string?)json["mechanismUid"]);
        Assert.Equal("test:" + _device.DeviceToken, (string?)json["communicationId"]);
    }

    [Fact]
    public async Task Register_TransportRefuses_IsRejectedAndMessageStaysPending()
    {
        var (id, challenge) = await NewMessageAsync(StoredKind.Register);
        _transport.RefuseWith = "endpoint quota exceeded";

        var result = await _responder.RegisterAsync(id, _device.RegistrationJwt(challenge));

        var rejected = Assert.IsType<PushResponseResult.Rejected>(result);
        Assert.Equal(PushRejectionReason.RegistrationFailed, rejected.Reason);
        Assert.Contains("endpoint quota exceeded", rejected.Message);
        Assert.Equal(PushMessageState.Pending, (await StoredAsync(id)).State);
    }

    [Fact]
    public async Task Register_WithoutMechanismUid_IsRejected()
    {
        var (id, challenge) = await NewMessageAsync(StoredKind.Register);
        var jwt = Hs256Jwt.Create(new JsonObject { ["deviceId"] = _device.DeviceToken, ["communicationType"] = "gcm", ["response"] = _device.Response(challenge) }, _device.Secret);

        var result = await _responder.RegisterAsync(id, jwt);

        Assert.Equal(PushRejectionReason.InvalidClaims, RejectionOf(result));
        Assert.Contains("mechanismUid", ((PushResponseResult.Rejected)result).Message);
        Assert.Empty(_transport.Registrations);
    }

    [Fact]
    public async Task Authenticate_Approve_IsAccepted()
    {
        var (id, challenge) = await NewMessageAsync(StoredKind.Authenticate);

        var result = await _responder.AuthenticateAsync(id, _device.AuthenticationJwt(challenge));

        Assert.True(result.IsAccepted);
        var stored = await StoredAsync(id);
        Assert.Equal(PushMessageState.Accepted, stored.State);
        Assert.Null(stored.ChallengeResponse);
    }

    [Fact]
    public async Task Authenticate_Deny_IsRecordedAsDenied()
    {
        var (id, challenge) = await NewMessageAsync(StoredKind.Authenticate);

        var result = await _responder.AuthenticateAsync(id, _device.AuthenticationJwt(challenge, deny: true));

        Assert.True(result.IsAccepted);
        Assert.Equal(PushMessageState.Denied, (await StoredAsync(id)).State);
    }

    [Fact]
    public async Task Authenticate_NumberChallenge_RecordsThePickedNumber()
    {
        const string picked = "47";
        var (id, challenge) = await NewMessageAsync(StoredKind.Authenticate);

        var result = await _responder.AuthenticateAsync(id, _device.AuthenticationJwt(challenge, number: picked));

        Assert.True(result.IsAccepted);
        var stored = await StoredAsync(id);
        Assert.Equal(PushMessageState.Accepted, stored.State);
        Assert.Equal(47, stored.ChallengeResponse);
    }

    [Fact]
    public async Task Authenticate_NumberSentAsJsonNumber_IsAcceptedToo()
    {
        var (id, challenge) = await NewMessageAsync(StoredKind.Authenticate);
        var jwt = Hs256Jwt.Create(new JsonObject { ["response"] = _device.Response(challenge), ["challengeResponse"] = 21 }, _device.Secret);

        Assert.True((await _responder.AuthenticateAsync(id, jwt)).IsAccepted);
        Assert.Equal(21, (await StoredAsync(id)).ChallengeResponse);
    }

    [Fact]
    public async Task Authenticate_NonNumericChallengeResponse_IsRejected()
    {
        var (id, challenge) = await NewMessageAsync(StoredKind.Authenticate);

        var result = await _responder.AuthenticateAsync(id, _device.AuthenticationJwt(challenge, number: "forty"));

        Assert.Equal(PushRejectionReason.InvalidClaims, RejectionOf(result));
        Assert.Equal(PushMessageState.Pending, (await StoredAsync(id)).State);
    }

    [Fact]
    public async Task Authenticate_SignedWithAnotherSecret_IsRejectedAsBadSignature()
    {
        var (id, challenge) = await NewMessageAsync(StoredKind.Authenticate);
        var attacker = PushTestDevice.WithNewSecret();

        var result = await _responder.AuthenticateAsync(id, attacker.AuthenticationJwt(challenge));

        Assert.Equal(PushRejectionReason.BadSignature, RejectionOf(result));
        Assert.Equal(PushMessageState.Pending, (await StoredAsync(id)).State);
    }

    [Fact]
    public async Task Authenticate_ResponseToAnotherChallenge_IsRejected()
    {
        var (id, _) = await NewMessageAsync(StoredKind.Authenticate);
        var (_, otherChallenge) = await NewMessageAsync(StoredKind.Authenticate);

        var result = await _responder.AuthenticateAsync(id, _device.AuthenticationJwt(otherChallenge));

        Assert.Equal(PushRejectionReason.WrongChallengeResponse, RejectionOf(result));
        Assert.Equal(PushMessageState.Pending, (await StoredAsync(id)).State);
    }

    [Fact]
    public async Task Authenticate_WithoutResponseClaim_IsRejected()
    {
        var (id, _) = await NewMessageAsync(StoredKind.Authenticate);
        var jwt = Hs256Jwt.Create(new JsonObject { ["deny"] = false }, _device.Secret);

        Assert.Equal(PushRejectionReason.WrongChallengeResponse, RejectionOf(await _responder.AuthenticateAsync(id, jwt)));
    }

    [Fact]
    public async Task Authenticate_AlgNone_IsRejectedAsWrongAlgorithm()
    {
        var (id, challenge) = await NewMessageAsync(StoredKind.Authenticate);
        var jwt = PushTestDevice.UnsignedJwt(new JsonObject { ["response"] = _device.Response(challenge) });

        var result = await _responder.AuthenticateAsync(id, jwt);

        Assert.Equal(PushRejectionReason.WrongAlgorithm, RejectionOf(result));
        Assert.Contains("none", ((PushResponseResult.Rejected)result).Message);
        Assert.Equal(PushMessageState.Pending, (await StoredAsync(id)).State);
    }

    [Fact]
    public async Task Authenticate_GarbageJwt_IsRejectedAsMalformed()
    {
        var (id, _) = await NewMessageAsync(StoredKind.Authenticate);

        Assert.Equal(PushRejectionReason.MalformedJwt, RejectionOf(await _responder.AuthenticateAsync(id, "not.a-jwt")));
    }

    [Fact]
    public async Task Authenticate_AfterExpiry_IsRejectedAsExpired()
    {
        var (id, challenge) = await NewMessageAsync(StoredKind.Authenticate, TimeSpan.FromSeconds(30));
        _db.Clock.Advance(TimeSpan.FromSeconds(31));

        var result = await _responder.AuthenticateAsync(id, _device.AuthenticationJwt(challenge));

        Assert.Equal(PushRejectionReason.Expired, RejectionOf(result));
        Assert.Equal(PushMessageState.Pending, (await StoredAsync(id)).State);
    }

    [Fact]
    public async Task Authenticate_UnknownMessageId_IsRejected()
    {
        var id = PushMessageIds.NewAuthenticate(DateTimeOffset.UtcNow).ToString();

        var result = await _responder.AuthenticateAsync(id, _device.AuthenticationJwt(PushChallenge.NewChallenge()));

        Assert.Equal(PushRejectionReason.UnknownMessage, RejectionOf(result));
    }

    [Fact]
    public async Task Authenticate_MalformedMessageId_IsRejected()
    {
        var result = await _responder.AuthenticateAsync("AUTHENTICATE:nope", _device.AuthenticationJwt(PushChallenge.NewChallenge()));

        Assert.Equal(PushRejectionReason.MalformedMessageId, RejectionOf(result));
    }

    [Fact]
    public async Task Authenticate_AnsweredTwice_SecondIsRefusedAndFirstStands()
    {
        var (id, challenge) = await NewMessageAsync(StoredKind.Authenticate);
        Assert.True((await _responder.AuthenticateAsync(id, _device.AuthenticationJwt(challenge))).IsAccepted);

        var second = await _responder.AuthenticateAsync(id, _device.AuthenticationJwt(challenge, deny: true));

        Assert.Equal(PushRejectionReason.AlreadyAnswered, RejectionOf(second));
        Assert.Equal(PushMessageState.Accepted, (await StoredAsync(id)).State);
    }

    [Fact]
    public async Task Register_AnsweredTwice_SecondIsRefusedBeforeRegisteringAgain()
    {
        var (id, challenge) = await NewMessageAsync(StoredKind.Register);
        Assert.True((await _responder.RegisterAsync(id, _device.RegistrationJwt(challenge))).IsAccepted);
        var other = new PushTestDevice(_device.Secret);

        var second = await _responder.RegisterAsync(id, other.RegistrationJwt(challenge));

        Assert.Equal(PushRejectionReason.AlreadyAnswered, RejectionOf(second));
        Assert.Single(_transport.Registrations);
        Assert.Contains(_device.DeviceToken, (await StoredAsync(id)).RegistrationJson!);
    }

    [Fact]
    public async Task Authenticate_OnARegisterMessage_IsRejectedAsWrongKind()
    {
        var (id, challenge) = await NewMessageAsync(StoredKind.Register);

        var result = await _responder.AuthenticateAsync(id, _device.AuthenticationJwt(challenge));

        Assert.Equal(PushRejectionReason.WrongMessageKind, RejectionOf(result));
        Assert.Equal(PushMessageState.Pending, (await StoredAsync(id)).State);
    }

    [Fact]
    public async Task Refresh_SignedWithDeviceSecret_UpdatesTokenAndCommunicationId()
    {
        var device = await AddPushDeviceAsync("alice");
        var newToken = PushTestDevice.WithNewSecret().DeviceToken;

        var result = await _responder.RefreshAsync(_device.MechanismUid, "alice", _device.RefreshJwt(newToken));

        Assert.True(result.IsAccepted);
        var stored = (await Get<DeviceStore>().FindByMechanismUidAsync(_device.MechanismUid))!;
        Assert.Equal(newToken, stored.DeviceToken);
        Assert.Equal("test:" + newToken, stored.CommunicationId);
        Assert.Equal("Renamed phone", stored.DeviceName);
        Assert.False(stored.MustRegisterAgain);
        Assert.Equal(device.Id, stored.Id);
    }

    [Fact]
    public async Task Refresh_SignedWithAnotherSecret_IsRejectedAndDeviceUnchanged()
    {
        await AddPushDeviceAsync("alice");
        var attacker = PushTestDevice.WithNewSecret();

        var result = await _responder.RefreshAsync(_device.MechanismUid, "alice", attacker.RefreshJwt(attacker.DeviceToken));

        Assert.Equal(PushRejectionReason.BadSignature, RejectionOf(result));
        Assert.Equal(_device.DeviceToken, (await Get<DeviceStore>().FindByMechanismUidAsync(_device.MechanismUid))!.DeviceToken);
    }

    [Fact]
    public async Task Refresh_ForAnotherUser_IsRejectedAsUnknownDevice()
    {
        await AddPushDeviceAsync("alice");

        var result = await _responder.RefreshAsync(_device.MechanismUid, "mallory", _device.RefreshJwt("x-new-token-0123456789"));

        Assert.Equal(PushRejectionReason.UnknownDevice, RejectionOf(result));
    }

    [Theory]
    [InlineData("register", "", PushRejectionReason.MalformedRequest)]
    [InlineData("register", "[1,2]", PushRejectionReason.MalformedRequest)]
    [InlineData("register", "{\"messageId\":", PushRejectionReason.MalformedRequest)]
    [InlineData("authenticate", "{\"messageId\":\"AUTHENTICATE:x\"}", PushRejectionReason.MalformedRequest)]
    [InlineData("authenticate", "{\"messageId\":5,\"jwt\":\"a.b.c\"}", PushRejectionReason.MalformedRequest)]
    [InlineData("refresh", "{\"mechanismUid\":\"m\",\"jwt\":\"a.b.c\"}", PushRejectionReason.MalformedRequest)]
    [InlineData("register", "{\"messageId\":\"\\ud800\",\"jwt\":\"a.b.c\"}", PushRejectionReason.MalformedRequest)]
    [InlineData("authenticate", "{\"messageId\":\"a\",\"messageId\":\"b\",\"jwt\":\"a.b.c\"}", PushRejectionReason.MalformedRequest)]
    [InlineData("refresh", "{\"mechanismUid\":\"m\",\"username\":\"u\",\"jwt\":\"\\udfff\"}", PushRejectionReason.MalformedRequest)]
    [InlineData("delete", "{}", PushRejectionReason.UnknownAction)]
    [InlineData(null, "{}", PushRejectionReason.UnknownAction)]
    public async Task Handle_BadRequests_AreRejectedWithTheReason(string? action, string body, PushRejectionReason expected)
    {
        Assert.Equal(expected, RejectionOf(await _responder.HandleAsync(action, body)));
    }

    [Fact]
    public async Task Handle_AuthenticateBody_IsParsedAndRecorded()
    {
        var (id, challenge) = await NewMessageAsync(StoredKind.Authenticate);
        var body = JsonSerializer.Serialize(new { messageId = id, jwt = _device.AuthenticationJwt(challenge, deny: true) });

        Assert.True((await _responder.HandleAsync("authenticate", body)).IsAccepted);
        Assert.Equal(PushMessageState.Denied, (await StoredAsync(id)).State);
    }

    private async Task<MfaDevice> AddPushDeviceAsync(string username) =>
        await Get<DeviceStore>().AddAsync(new MfaDevice
        {
            Username = username,
            Kind = DeviceKind.Push,
            Uuid = Guid.NewGuid().ToString(),
            ProtectedSecret = Get<SecretProtector>().Protect(_device.Secret),
            MechanismUid = _device.MechanismUid,
            DeviceToken = _device.DeviceToken,
            CommunicationId = "test:" + _device.DeviceToken,
            CommunicationType = "gcm",
            DeviceType = "android",
            DeviceName = "Test phone",
        });
}

public sealed class PushMessageResponderTestsOnSqlite() : PushMessageResponderTests(DatabaseProvider.Sqlite);

public sealed class PushMessageResponderTestsOnPostgres() : PushMessageResponderTests(DatabaseProvider.Postgres);
