using System.Net;
using System.Text.Json.Nodes;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Push;
using JourneyStudio.Testing;
using Microsoft.Extensions.DependencyInjection;
using StoredKind = JourneyStudio.Runtime.Devices.PushMessageKind;

namespace JourneyStudio.Web.Tests.Push;

/// <summary>The unauthenticated <c>push/sns/message</c> endpoints and the virtual device's inbox, over loopback.</summary>
public sealed class PushDeviceEndpointTests : IAsyncLifetime
{
    private StudioServer _server = null!;
    private HttpClient _http = null!;
    private DeviceHttpClient _device = null!;
    private readonly PushTestDevice _phone = PushTestDevice.WithNewSecret();

    public Task InitializeAsync()
    {
        _server = StudioServer.Start();
        _http = _server.CreateClient();
        _device = new DeviceHttpClient(_http);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private Task<(string MessageId, string Challenge)> NewMessageAsync(StoredKind kind, TimeSpan? ttl = null) =>
        PushTestMessages.CreateAsync(_server.Services, kind, _phone.Secret, timeToLive: ttl);

    private async Task<PushMessageRecord> StoredAsync(string id) =>
        (await _server.Services.GetRequiredService<PushMessageStore>().FindAsync(id))!;

    private static void AssertBadRequest(DeviceReply reply, string expectedInMessage)
    {
        Assert.Equal(400, reply.Status);
        Assert.Equal(400, (int?)reply.Body?["code"]);
        Assert.Equal("Bad Request", (string?)reply.Body?["reason"]);
        Assert.Contains(expectedInMessage, reply.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Register_ThenAuthenticate_OverHttp_AnswersEmptyObjects()
    {
        var (registerId, registerChallenge) = await NewMessageAsync(StoredKind.Register);

        var registered = await _device.PostAsync("register", new { messageId = registerId, jwt = _phone.RegistrationJwt(registerChallenge) });

        Assert.Equal(200, registered.Status);
        Assert.Equal("{}", registered.Body!.ToJsonString());
        var registration = JsonNode.Parse((await StoredAsync(registerId)).RegistrationJson!)!;
        Assert.Equal("embedded:" + _phone.DeviceToken, (string?)registration["communicationId"]);
        Assert.Equal(_phone.MechanismUid, (string?)registration["mechanismUid"]);

        var (authId, authChallenge) = await NewMessageAsync(StoredKind.Authenticate);
        var approved = await _device.PostAsync("authenticate", new { messageId = authId, jwt = _phone.AuthenticationJwt(authChallenge, number: "33") },
            "json/realms/root/push/sns/message");

        Assert.Equal(200, approved.Status);
        var stored = await StoredAsync(authId);
        Assert.Equal(PushMessageState.Accepted, stored.State);
        Assert.Equal(33, stored.ChallengeResponse);
    }

    [Fact]
    public async Task Authenticate_Deny_IsRecorded()
    {
        var (id, challenge) = await NewMessageAsync(StoredKind.Authenticate);

        var reply = await _device.PostAsync("authenticate", new { messageId = id, jwt = _phone.AuthenticationJwt(challenge, deny: true) });

        Assert.Equal(200, reply.Status);
        Assert.Equal(PushMessageState.Denied, (await StoredAsync(id)).State);
    }

    [Fact]
    public async Task Authenticate_ForgedSignature_Is400AndNothingRecorded()
    {
        var (id, challenge) = await NewMessageAsync(StoredKind.Authenticate);

        var reply = await _device.PostAsync("authenticate", new { messageId = id, jwt = PushTestDevice.WithNewSecret().AuthenticationJwt(challenge) });

        AssertBadRequest(reply, "signature");
        Assert.Equal(PushMessageState.Pending, (await StoredAsync(id)).State);
    }

    [Fact]
    public async Task Authenticate_Replayed_SecondIs400()
    {
        var (id, challenge) = await NewMessageAsync(StoredKind.Authenticate);
        var body = new { messageId = id, jwt = _phone.AuthenticationJwt(challenge) };
        Assert.Equal(200, (await _device.PostAsync("authenticate", body)).Status);

        AssertBadRequest(await _device.PostAsync("authenticate", body), "already been answered");
    }

    [Fact]
    public async Task Authenticate_Expired_Is400()
    {
        var (id, challenge) = await NewMessageAsync(StoredKind.Authenticate, TimeSpan.FromMilliseconds(1));
        await Task.Delay(50);

        AssertBadRequest(await _device.PostAsync("authenticate", new { messageId = id, jwt = _phone.AuthenticationJwt(challenge) }), "expired");
    }

    [Theory]
    [InlineData("register", "not json", "not valid JSON")]
    [InlineData("register", "", "empty")]
    [InlineData("register", "\"text\"", "JSON object")]
    [InlineData("authenticate", "{\"jwt\":\"a.b.c\"}", "messageId")]
    [InlineData("refresh", "{\"mechanismUid\":\"x\",\"username\":\"alice\"}", "jwt")]
    [InlineData("delete", "{}", "Unknown action")]
    [InlineData("", "{}", "Unknown action")]
    [InlineData("authenticate", "{\"messageId\":\"AUTHENTICATE:1\",\"jwt\":\"a.b.c\"}", "messageId is not valid")]
    public async Task BadRequests_Are400WithAReason_Never500(string action, string body, string expected)
    {
        AssertBadRequest(await _device.PostRawAsync($"{DeviceHttpClient.RealmPath}?_action={action}", body), expected);
    }

    [Fact]
    public async Task OversizedBody_IsRefusedWithoutReadingItAll()
    {
        var reply = await _device.PostRawAsync($"{DeviceHttpClient.RealmPath}?_action=register", new string(' ', 100_000) + "{}");

        Assert.Equal(413, reply.Status);
    }

    [Fact]
    public async Task Inbox_ReturnsPushesForTheTokenOnce()
    {
        var (id, _) = await NewMessageAsync(StoredKind.Authenticate);
        var transport = _server.Services.GetRequiredService<IPushTransport>();
        var sent = await transport.SendAsync(new PushDelivery("embedded:" + _phone.DeviceToken, "gcm", id, "the.jwt.here", "Sign in to alpha?", PushType.Challenge), default);
        Assert.IsType<PushSendResult.Sent>(sent);

        var first = JsonNode.Parse(await _http.GetStringAsync($"virtual-authenticator/api/inbox/{_phone.DeviceToken}"))!;
        var second = JsonNode.Parse(await _http.GetStringAsync($"virtual-authenticator/api/inbox/{_phone.DeviceToken}"))!;
        var other = JsonNode.Parse(await _http.GetStringAsync($"virtual-authenticator/api/inbox/{PushTestDevice.WithNewSecret().DeviceToken}"))!;

        var message = Assert.Single(first["messages"]!.AsArray())!;
        Assert.Equal(id, (string?)message["messageId"]);
        Assert.Equal("the.jwt.here", (string?)message["message"]);
        Assert.Equal("Sign in to alpha?", (string?)message["userMessage"]);
        Assert.Equal("challenge", (string?)message["pushType"]);
        Assert.Empty(second["messages"]!.AsArray());
        Assert.Empty(other["messages"]!.AsArray());
    }

    [Fact]
    public async Task Inbox_WithAShortToken_Is400()
    {
        using var response = await _http.GetAsync("virtual-authenticator/api/inbox/abc");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AuthenticatorPage_IsPublic_AndLockedDown()
    {
        using var response = await _http.GetAsync("authenticator");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/assets/authenticator.js", html);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }
}
