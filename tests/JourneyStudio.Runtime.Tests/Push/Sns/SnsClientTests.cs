using System.Net;
using JourneyStudio.Runtime.Push.Sns;

namespace JourneyStudio.Runtime.Tests.Push.Sns;

/// <summary>The Query API client over real HTTP against the verifying fake.</summary>
public sealed class SnsClientTests : IAsyncLifetime
{
    private const string DeviceToken = "fcm-token-0001";

    private readonly HttpClient _http = new();
    private FakeSnsServer _fake = null!;
    private SnsClient _client = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeSnsServer.StartAsync();
        _client = SnsTestSupport.ClientFor(_fake, _http);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task CreatePlatformEndpoint_SendsSignedFormPostWithVersionAndAttributes()
    {
        await _client.CreatePlatformEndpointAsync(
            FakeSnsServer.GcmApplicationArn, DeviceToken, "alice", new Dictionary<string, string> { ["Enabled"] = "true" }, default);

        var request = Assert.Single(_fake.Requests);
        Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", request.Headers["content-type"]);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=" + FakeSnsServer.AccessKeyId + "/", request.Headers["authorization"]);
        Assert.Equal("CreatePlatformEndpoint", request.Parameters["Action"]);
        Assert.Equal("2010-03-31", request.Parameters["Version"]);
        Assert.Equal(FakeSnsServer.GcmApplicationArn, request.Parameters["PlatformApplicationArn"]);
        Assert.Equal(DeviceToken, request.Parameters["Token"]);
        Assert.Equal("alice", request.Parameters["CustomUserData"]);
        Assert.Equal("Enabled", request.Parameters["Attributes.entry.1.key"]);
        Assert.Equal("true", request.Parameters["Attributes.entry.1.value"]);
    }

    [Fact]
    public async Task CreatePlatformEndpoint_SameTokenAndAttributesTwice_ReturnsTheSameArn()
    {
        var first = await _client.CreatePlatformEndpointAsync(FakeSnsServer.GcmApplicationArn, DeviceToken, null, null, default);
        var second = await _client.CreatePlatformEndpointAsync(FakeSnsServer.GcmApplicationArn, DeviceToken, null, null, default);

        Assert.StartsWith($"arn:aws:sns:{FakeSnsServer.Region}:{FakeSnsServer.Account}:endpoint/GCM/journeystudio-android/", first);
        Assert.Equal(first, second);
        Assert.Single(_fake.Endpoints);
    }

    [Fact]
    public async Task CreatePlatformEndpoint_UnknownApplication_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<SnsException>(() =>
            _client.CreatePlatformEndpointAsync($"arn:aws:sns:{FakeSnsServer.Region}:{FakeSnsServer.Account}:app/GCM/nope", DeviceToken, null, null, default));

        Assert.Equal(404, error.StatusCode);
        Assert.Equal("NotFound", error.Code);
        Assert.Equal("PlatformApplication does not exist", error.ErrorMessage);
        Assert.Equal("CreatePlatformEndpoint", error.Action);
    }

    [Fact]
    public async Task EnsurePlatformEndpoint_EndpointDisabledBySns_ReusesItsArnAndEnablesIt()
    {
        var arn = await _client.EnsurePlatformEndpointAsync(FakeSnsServer.GcmApplicationArn, DeviceToken, null, default);
        _fake.DisableEndpoint(arn);

        var again = await _client.EnsurePlatformEndpointAsync(FakeSnsServer.GcmApplicationArn, DeviceToken, null, default);

        Assert.Equal(arn, again);
        Assert.True(_fake.FindEndpoint(arn)!.Enabled);
        Assert.Equal(
            ["CreatePlatformEndpoint", "CreatePlatformEndpoint", "SetEndpointAttributes"],
            _fake.Requests.Select(request => request.Action));
    }

    [Fact]
    public async Task EnsurePlatformEndpoint_ConflictMessageWithoutArn_RetriesDisabledThenReEnables()
    {
        // AM's way (am-protocol 4.5): on InvalidParameter, create again with Enabled=false, then enable.
        _fake.ConflictMessageNamesArn = false;
        var arn = await _client.EnsurePlatformEndpointAsync(FakeSnsServer.ApnsApplicationArn, DeviceToken, null, default);
        _fake.DisableEndpoint(arn);

        var again = await _client.EnsurePlatformEndpointAsync(FakeSnsServer.ApnsApplicationArn, DeviceToken, null, default);

        Assert.Equal(arn, again);
        Assert.True(_fake.FindEndpoint(arn)!.Enabled);
        var retry = _fake.Requests[2];
        Assert.Equal("CreatePlatformEndpoint", retry.Action);
        Assert.Equal("false", retry.Parameters["Attributes.entry.1.value"]);
        Assert.Equal("SetEndpointAttributes", _fake.Requests[3].Action);
    }

    [Fact]
    public async Task EnsurePlatformEndpoint_SameTokenNewUserData_KeepsOneEndpointWithTheNewData()
    {
        var arn = await _client.EnsurePlatformEndpointAsync(FakeSnsServer.GcmApplicationArn, DeviceToken, "alice", default);

        var again = await _client.EnsurePlatformEndpointAsync(FakeSnsServer.GcmApplicationArn, DeviceToken, "bob", default);

        Assert.Equal(arn, again);
        Assert.Equal("bob", Assert.Single(_fake.Endpoints).CustomUserData);
    }

    [Fact]
    public async Task EndpointAttributes_SetThenGet_RoundTrip()
    {
        var arn = await _client.CreatePlatformEndpointAsync(FakeSnsServer.GcmApplicationArn, DeviceToken, "alice", null, default);

        await _client.SetEndpointAttributesAsync(
            arn, new Dictionary<string, string> { ["Enabled"] = "false", ["Token"] = "rotated-token" }, default);
        var attributes = await _client.GetEndpointAttributesAsync(arn, default);

        Assert.Equal("false", attributes["Enabled"]);
        Assert.Equal("rotated-token", attributes["Token"]);
        Assert.Equal("alice", attributes["CustomUserData"]);
    }

    [Fact]
    public async Task DeleteEndpoint_ThenGetAttributes_ThrowsNotFound_AndDeletingAgainIsFine()
    {
        var arn = await _client.CreatePlatformEndpointAsync(FakeSnsServer.GcmApplicationArn, DeviceToken, null, null, default);

        await _client.DeleteEndpointAsync(arn, default);
        await _client.DeleteEndpointAsync(arn, default);
        var error = await Assert.ThrowsAsync<SnsException>(() => _client.GetEndpointAttributesAsync(arn, default));

        Assert.Equal((404, "NotFound"), (error.StatusCode, error.Code));
    }

    [Fact]
    public async Task Publish_JsonStructure_ReturnsMessageIdAndDeliversThePlatformEntry()
    {
        var arn = await _client.CreatePlatformEndpointAsync(FakeSnsServer.GcmApplicationArn, DeviceToken, null, null, default);

        var messageId = await _client.PublishAsync(arn, """{"default":"hi","GCM":"{\"data\":{}}"}""", messageStructureJson: true, "hi", default);

        Assert.True(Guid.TryParse(messageId, out _));
        var delivery = Assert.Single(_fake.Deliveries);
        Assert.Equal("""{"data":{}}""", delivery.PlatformPayload);
        Assert.Equal("json", delivery.MessageStructure);
        Assert.Equal("hi", delivery.Subject);
    }

    [Fact]
    public async Task Publish_MessageThatIsNotJsonWhenJsonIsDeclared_ThrowsInvalidParameter()
    {
        var arn = await _client.CreatePlatformEndpointAsync(FakeSnsServer.GcmApplicationArn, DeviceToken, null, null, default);

        var error = await Assert.ThrowsAsync<SnsException>(() => _client.PublishAsync(arn, "{not json", true, null, default));

        Assert.Equal((400, "InvalidParameter"), (error.StatusCode, error.Code));
    }

    [Fact]
    public async Task WrongSecret_ThrowsSignatureDoesNotMatch()
    {
        var client = SnsTestSupport.ClientFor(_fake, _http, new AwsCredentials(FakeSnsServer.AccessKeyId, "not-the-secret"));

        var error = await Assert.ThrowsAsync<SnsException>(() => client.DeleteEndpointAsync("arn:aws:sns:x", default));

        Assert.Equal((403, "SignatureDoesNotMatch"), (error.StatusCode, error.Code));
    }

    [Fact]
    public async Task UnknownAccessKey_ThrowsInvalidClientTokenId()
    {
        var client = SnsTestSupport.ClientFor(_fake, _http, new AwsCredentials("AKIAUNKNOWN000000000", FakeSnsServer.SecretAccessKey));

        var error = await Assert.ThrowsAsync<SnsException>(() => client.DeleteEndpointAsync("arn:aws:sns:x", default));

        Assert.Equal((403, "InvalidClientTokenId"), (error.StatusCode, error.Code));
    }

    [Fact]
    public async Task ClockSixMinutesBehind_ThrowsSignatureExpired()
    {
        var client = SnsTestSupport.ClientFor(_fake, _http, time: new FixedTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-6)));

        var error = await Assert.ThrowsAsync<SnsException>(() => client.DeleteEndpointAsync("arn:aws:sns:x", default));

        Assert.Equal("SignatureDoesNotMatch", error.Code);
        Assert.StartsWith("Signature expired", error.ErrorMessage);
    }

    [Fact]
    public async Task ClockFourMinutesBehind_IsStillAccepted()
    {
        var client = SnsTestSupport.ClientFor(_fake, _http, time: new FixedTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-4)));

        await client.DeleteEndpointAsync("arn:aws:sns:x", default);
    }

    [Fact]
    public async Task SlowAnswer_ThrowsTimeoutNamingTheAction()
    {
        _fake.ResponseDelay = TimeSpan.FromSeconds(5);
        var client = SnsTestSupport.ClientFor(_fake, _http, timeout: TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => client.DeleteEndpointAsync("arn:aws:sns:x", default));

        Assert.Contains("did not answer DeleteEndpoint", error.Message);
    }

    [Fact]
    public async Task CallerCancels_ThrowsOperationCanceledRatherThanTimeout()
    {
        _fake.ResponseDelay = TimeSpan.FromSeconds(5);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.DeleteEndpointAsync("arn:aws:sns:x", cancellation.Token));
    }

    [Fact]
    public async Task ErrorThatIsNotAnAwsDocument_ThrowsWithStatusAndExcerpt()
    {
        using var http = new HttpClient(new CannedResponseHandler(HttpStatusCode.BadGateway, "<html>upstream down</html>", "text/html"));
        var client = SnsTestSupport.ClientFor(_fake, http);

        var error = await Assert.ThrowsAsync<SnsException>(() => client.DeleteEndpointAsync("arn:aws:sns:x", default));

        Assert.Equal((502, "Http502"), (error.StatusCode, error.Code));
        Assert.Contains("upstream down", error.ErrorMessage);
    }

    [Fact]
    public void EncodeForm_UsesRfc3986()
    {
        var form = SnsClient.EncodeForm([new("Message", "{\"a\":\"b c+d/é~\"}")]);

        Assert.Equal("Message=%7B%22a%22%3A%22b%20c%2Bd%2F%C3%A9~%22%7D", form);
    }
}
