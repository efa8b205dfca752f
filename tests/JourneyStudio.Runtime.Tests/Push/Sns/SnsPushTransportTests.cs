using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using JourneyStudio.Runtime.Push;
using JourneyStudio.Runtime.Push.Sns;

namespace JourneyStudio.Runtime.Tests.Push.Sns;

/// <summary>The transport end to end over real HTTP against the verifying fake.</summary>
public sealed class SnsPushTransportTests : IAsyncLifetime
{
    private const string AndroidToken = "fcm-registration-token-android-1";
    private const string IosToken = "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private const string Jwt = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJjIjoiYWJjIn0.c2lnbmF0dXJl";
    private const string MessageId = "AUTHENTICATE:0b9c4c5e-7d1a-4c55-b8a0-0f6d0e0a11111700000000000";

    private readonly HttpClient _http = new();
    private FakeSnsServer _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeSnsServer.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task RegisterThenSend_Gcm_DeliversAmsFcmPayload()
    {
        var transport = Transport(SnsTestSupport.OptionsFor(_fake));

        var registered = Assert.IsType<PushRegistrationResult.Registered>(
            await transport.RegisterDeviceAsync(new PushDeviceRegistration(PushCommunicationTypes.Gcm, AndroidToken), default));
        var sent = await transport.SendAsync(Delivery(registered.CommunicationId, PushCommunicationTypes.Gcm), default);

        Assert.StartsWith("arn:aws:sns:us-east-1:123456789012:endpoint/GCM/journeystudio-android/", registered.CommunicationId);
        Assert.False(string.IsNullOrEmpty(Assert.IsType<PushSendResult.Sent>(sent).TransportMessageId));
        var delivery = Assert.Single(_fake.Deliveries);
        Assert.Equal(registered.CommunicationId, delivery.TargetArn);
        Assert.Equal("json", delivery.MessageStructure);
        Assert.Equal("Login attempt from demo at ForgeRock", delivery.Subject);
        using var fcm = JsonDocument.Parse(delivery.PlatformPayload);
        Assert.Equal("high", fcm.RootElement.GetProperty("priority").GetString());
        Assert.Equal(Jwt, fcm.RootElement.GetProperty("data").GetProperty("message").GetString());
        Assert.Equal(MessageId, fcm.RootElement.GetProperty("data").GetProperty("messageId").GetString());
    }

    [Fact]
    public async Task RegisterThenSend_ApnsChallenge_DeliversAmsApnsPayload()
    {
        var transport = Transport(SnsTestSupport.OptionsFor(_fake));

        var registered = Assert.IsType<PushRegistrationResult.Registered>(
            await transport.RegisterDeviceAsync(new PushDeviceRegistration(PushCommunicationTypes.Apns, IosToken), default));
        Assert.IsType<PushSendResult.Sent>(await transport.SendAsync(
            Delivery(registered.CommunicationId, PushCommunicationTypes.Apns) with { PushType = PushType.Challenge }, default));

        Assert.Contains(":endpoint/APNS/journeystudio-ios/", registered.CommunicationId);
        var delivery = Assert.Single(_fake.Deliveries);
        using var apns = JsonDocument.Parse(delivery.PlatformPayload);
        var aps = apns.RootElement.GetProperty("aps");
        Assert.Equal("Login attempt from demo at ForgeRock", aps.GetProperty("alert").GetString());
        Assert.Equal("authentication_challenge", aps.GetProperty("category").GetString());
        Assert.Equal("time-sensitive", aps.GetProperty("interruption-level").GetString());
        Assert.Equal(MessageId, aps.GetProperty("messageId").GetString());
        Assert.Equal(Jwt, aps.GetProperty("data").GetString());
        Assert.Equal(1, aps.GetProperty("content-available").GetInt32());
        Assert.Equal(1, aps.GetProperty("mutable-content").GetInt32());
    }

    [Fact]
    public async Task Register_SameDeviceTwice_GivesTheSameCommunicationId()
    {
        var transport = Transport(SnsTestSupport.OptionsFor(_fake));
        var registration = new PushDeviceRegistration(PushCommunicationTypes.Gcm, AndroidToken, "alice");

        var first = await transport.RegisterDeviceAsync(registration, default);
        var second = await transport.RegisterDeviceAsync(registration, default);

        Assert.Equal(first, second);
        Assert.Single(_fake.Endpoints);
    }

    [Fact]
    public async Task Send_EndpointDisabledBySns_AsksForRegistrationAgain_AndRegisteringAgainRevivesIt()
    {
        var transport = Transport(SnsTestSupport.OptionsFor(_fake));
        var registration = new PushDeviceRegistration(PushCommunicationTypes.Gcm, AndroidToken);
        var arn = ((PushRegistrationResult.Registered)await transport.RegisterDeviceAsync(registration, default)).CommunicationId;
        _fake.DisableEndpoint(arn);

        var result = await transport.SendAsync(Delivery(arn, PushCommunicationTypes.Gcm), default);
        var reRegistered = await transport.RegisterDeviceAsync(registration, default);
        var afterwards = await transport.SendAsync(Delivery(arn, PushCommunicationTypes.Gcm), default);

        Assert.Contains("EndpointDisabled", Assert.IsType<PushSendResult.DeviceMustRegisterAgain>(result).Reason);
        Assert.Equal(new PushRegistrationResult.Registered(arn), reRegistered);
        Assert.IsType<PushSendResult.Sent>(afterwards);
    }

    [Theory]
    [InlineData(MissingEndpointAnswer.InvalidParameterNoEndpointFound)]
    [InlineData(MissingEndpointAnswer.NotFound)]
    public async Task Send_EndpointDeleted_AsksForRegistrationAgain(MissingEndpointAnswer answer)
    {
        _fake.PublishToMissingEndpoint = answer;
        var transport = Transport(SnsTestSupport.OptionsFor(_fake));
        var arn = ((PushRegistrationResult.Registered)await transport.RegisterDeviceAsync(
            new PushDeviceRegistration(PushCommunicationTypes.Gcm, AndroidToken), default)).CommunicationId;
        await SnsTestSupport.ClientFor(_fake, _http).DeleteEndpointAsync(arn, default);

        var result = await transport.SendAsync(Delivery(arn, PushCommunicationTypes.Gcm), default);

        Assert.IsType<PushSendResult.DeviceMustRegisterAgain>(result);
        Assert.Empty(_fake.Deliveries);
    }

    [Fact]
    public async Task Send_WrongSecret_FakeRejectsSignature_TransmissionFailureCarriesAwsCode()
    {
        var good = Transport(SnsTestSupport.OptionsFor(_fake));
        var arn = ((PushRegistrationResult.Registered)await good.RegisterDeviceAsync(
            new PushDeviceRegistration(PushCommunicationTypes.Gcm, AndroidToken), default)).CommunicationId;
        var wrongSecret = Transport(WithOptions(SnsTestSupport.OptionsFor(_fake), secretAccessKey: "wrong-secret"));

        var result = await wrongSecret.SendAsync(Delivery(arn, PushCommunicationTypes.Gcm), default);

        var failure = Assert.IsType<PushSendResult.TransmissionFailure>(result);
        Assert.Equal("SignatureDoesNotMatch", failure.ErrorCode);
        Assert.Contains("SignatureDoesNotMatch", failure.Reason);
        Assert.Contains("403", failure.Reason);
        Assert.Empty(_fake.Deliveries);
    }

    [Fact]
    public async Task Register_WrongSecret_FailsWithAwsCode()
    {
        var transport = Transport(WithOptions(SnsTestSupport.OptionsFor(_fake), secretAccessKey: "wrong-secret"));

        var result = await transport.RegisterDeviceAsync(new PushDeviceRegistration(PushCommunicationTypes.Apns, IosToken), default);

        Assert.Contains("SignatureDoesNotMatch", Assert.IsType<PushRegistrationResult.Failed>(result).Reason);
        Assert.Empty(_fake.Endpoints);
    }

    [Fact]
    public async Task SessionToken_IsSentAndSigned_AndTheFakeRequiresIt()
    {
        const string keyId = "ASIATEMPORARYKEY0001";
        const string secret = "temporary/secret";
        const string token = "FwoGZXIvYXdzEXAMPLEsessiontoken//+=";
        _fake.AddCredentials(keyId, secret, token);
        var withToken = Transport(WithOptions(SnsTestSupport.OptionsFor(_fake), keyId, secret, token));
        var withoutToken = Transport(WithOptions(SnsTestSupport.OptionsFor(_fake), keyId, secret));

        var registered = await withToken.RegisterDeviceAsync(new PushDeviceRegistration(PushCommunicationTypes.Gcm, AndroidToken), default);
        var rejected = await withoutToken.RegisterDeviceAsync(new PushDeviceRegistration(PushCommunicationTypes.Gcm, "another-token"), default);

        Assert.IsType<PushRegistrationResult.Registered>(registered);
        var request = _fake.Requests[0];
        Assert.Equal(token, request.Headers["x-amz-security-token"]);
        Assert.Contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token,", request.Headers["authorization"]);
        Assert.Contains("InvalidClientTokenId", Assert.IsType<PushRegistrationResult.Failed>(rejected).Reason);
    }

    [Fact]
    public async Task EmptyOptions_UseTheAwsEnvironmentVariables()
    {
        const string keyId = "ASIAFROMENVIRONMENT1";
        const string secret = "environment/secret";
        const string token = "environment-session-token";
        _fake.AddCredentials(keyId, secret, token);
        var options = new SnsOptions
        {
            ServiceUrl = _fake.ServiceUrl.ToString(),
            GcmPlatformApplicationArn = FakeSnsServer.GcmApplicationArn,
        };
        var environment = SnsTestSupport.Environment(
            ("AWS_ACCESS_KEY_ID", keyId),
            ("AWS_SECRET_ACCESS_KEY", secret),
            ("AWS_SESSION_TOKEN", token),
            ("AWS_DEFAULT_REGION", FakeSnsServer.Region));
        var transport = new SnsPushTransport(options, _http, environment);

        var registered = await transport.RegisterDeviceAsync(new PushDeviceRegistration(PushCommunicationTypes.Gcm, AndroidToken), default);
        var sent = await transport.SendAsync(Delivery(((PushRegistrationResult.Registered)registered).CommunicationId, "gcm"), default);

        Assert.IsType<PushSendResult.Sent>(sent);
        Assert.All(_fake.Requests, request =>
        {
            Assert.StartsWith($"AWS4-HMAC-SHA256 Credential={keyId}/", request.Headers["authorization"]);
            Assert.Equal(token, request.Headers["x-amz-security-token"]);
        });
    }

    [Fact]
    public async Task Register_ApnsWithoutApnsArn_FailsNamingTheSetting_WithoutCallingSns()
    {
        var transport = Transport(WithOptions(SnsTestSupport.OptionsFor(_fake), apnsArn: ""));

        var result = await transport.RegisterDeviceAsync(new PushDeviceRegistration(PushCommunicationTypes.Apns, IosToken), default);

        Assert.Contains("JourneyStudio:Push:Sns:ApnsPlatformApplicationArn", Assert.IsType<PushRegistrationResult.Failed>(result).Reason);
        Assert.Empty(_fake.Requests);
    }

    [Fact]
    public async Task Send_WithoutRegionOrCredentials_IsATransmissionFailureNamingTheSetting()
    {
        var noRegion = Transport(new SnsOptions { AccessKeyId = "a", SecretAccessKey = "b" });
        var noCredentials = Transport(new SnsOptions { Region = "eu-west-1" });

        var regionResult = await noRegion.SendAsync(Delivery("arn:aws:sns:eu-west-1:1:endpoint/GCM/a/b", "gcm"), default);
        var credentialsResult = await noCredentials.SendAsync(Delivery("arn:aws:sns:eu-west-1:1:endpoint/GCM/a/b", "gcm"), default);

        Assert.Contains("JourneyStudio:Push:Sns:Region", Assert.IsType<PushSendResult.TransmissionFailure>(regionResult).Reason);
        Assert.Contains("JourneyStudio:Push:Sns:AccessKeyId", Assert.IsType<PushSendResult.TransmissionFailure>(credentialsResult).Reason);
    }

    [Fact]
    public async Task Register_UnknownCommunicationTypeOrEmptyToken_Fails()
    {
        var transport = Transport(SnsTestSupport.OptionsFor(_fake));

        var unknown = await transport.RegisterDeviceAsync(new PushDeviceRegistration("wns", AndroidToken), default);
        var empty = await transport.RegisterDeviceAsync(new PushDeviceRegistration(PushCommunicationTypes.Gcm, " "), default);

        Assert.Contains("'wns'", Assert.IsType<PushRegistrationResult.Failed>(unknown).Reason);
        Assert.Contains("deviceId", Assert.IsType<PushRegistrationResult.Failed>(empty).Reason);
        Assert.Empty(_fake.Requests);
    }

    [Fact]
    public async Task Send_CommunicationIdThatIsNoSnsArn_AsksForRegistrationAgain()
    {
        var transport = Transport(SnsTestSupport.OptionsFor(_fake));

        var result = await transport.SendAsync(Delivery("embedded-device-42", PushCommunicationTypes.Gcm), default);

        Assert.IsType<PushSendResult.DeviceMustRegisterAgain>(result);
        Assert.Empty(_fake.Requests);
    }

    [Fact]
    public async Task Send_NonAsciiUserMessage_IsSentWithoutSubject()
    {
        var transport = Transport(SnsTestSupport.OptionsFor(_fake));
        var arn = ((PushRegistrationResult.Registered)await transport.RegisterDeviceAsync(
            new PushDeviceRegistration(PushCommunicationTypes.Gcm, AndroidToken), default)).CommunicationId;

        var result = await transport.SendAsync(Delivery(arn, "gcm") with { UserMessage = "Anmeldung von Jürgen bei Übung" }, default);

        Assert.IsType<PushSendResult.Sent>(result);
        var delivery = Assert.Single(_fake.Deliveries);
        Assert.Null(delivery.Subject);
        Assert.Contains("Jürgen", delivery.Message);
    }

    [Fact]
    public async Task Send_NobodyListening_IsATransmissionFailure()
    {
        var closedPort = ClosedLoopbackPort();
        var transport = Transport(WithOptions(SnsTestSupport.OptionsFor(_fake), serviceUrl: $"http://127.0.0.1:{closedPort}/"));

        var result = await transport.SendAsync(Delivery("arn:aws:sns:us-east-1:1:endpoint/GCM/a/b", "gcm"), default);

        Assert.Contains("could not be reached", Assert.IsType<PushSendResult.TransmissionFailure>(result).Reason);
    }

    [Fact]
    public async Task Send_SnsTooSlow_IsATransmissionFailure()
    {
        _fake.ResponseDelay = TimeSpan.FromSeconds(5);
        var options = WithOptions(SnsTestSupport.OptionsFor(_fake), timeout: TimeSpan.FromMilliseconds(200));

        var result = await Transport(options).SendAsync(Delivery("arn:aws:sns:us-east-1:1:endpoint/GCM/a/b", "gcm"), default);

        Assert.Contains("did not answer Publish", Assert.IsType<PushSendResult.TransmissionFailure>(result).Reason);
    }

    [Fact]
    public void CheckConfiguration_CompleteSettings_ReportsNothing()
    {
        Assert.Empty(Transport(SnsTestSupport.OptionsFor(_fake)).CheckConfiguration());
    }

    [Fact]
    public void CheckConfiguration_NothingSet_NamesEverySettingToFix()
    {
        var problems = Transport(new SnsOptions()).CheckConfiguration();

        var text = string.Join("\n", problems);
        Assert.Contains("JourneyStudio:Push:Sns:Region", text);
        Assert.Contains("JourneyStudio:Push:Sns:AccessKeyId", text);
        Assert.Contains("JourneyStudio:Push:Sns:GcmPlatformApplicationArn", text);
        Assert.Contains("JourneyStudio:Push:Sns:ApnsPlatformApplicationArn", text);
    }

    [Fact]
    public void CheckConfiguration_OnlyOnePlatformConfigured_IsFine_ButAMalformedArnIsReported()
    {
        var androidOnly = WithOptions(SnsTestSupport.OptionsFor(_fake), apnsArn: "");
        var malformed = WithOptions(SnsTestSupport.OptionsFor(_fake), apnsArn: "journeystudio-ios");

        Assert.Empty(Transport(androidOnly).CheckConfiguration());
        Assert.Contains("'journeystudio-ios' is not an ARN", Assert.Single(Transport(malformed).CheckConfiguration()));
    }

    private SnsPushTransport Transport(SnsOptions options) => new(options, _http, SnsTestSupport.NoEnvironment);

    private static PushDelivery Delivery(string communicationId, string communicationType) =>
        new(communicationId, communicationType, MessageId, Jwt, "Login attempt from demo at ForgeRock");

    private static SnsOptions WithOptions(
        SnsOptions options,
        string? accessKeyId = null,
        string? secretAccessKey = null,
        string? sessionToken = null,
        string? apnsArn = null,
        string? serviceUrl = null,
        TimeSpan? timeout = null) => new()
    {
        Region = options.Region,
        AccessKeyId = accessKeyId ?? options.AccessKeyId,
        SecretAccessKey = secretAccessKey ?? options.SecretAccessKey,
        SessionToken = sessionToken ?? options.SessionToken,
        ServiceUrl = serviceUrl ?? options.ServiceUrl,
        ApnsPlatformApplicationArn = apnsArn ?? options.ApnsPlatformApplicationArn,
        GcmPlatformApplicationArn = options.GcmPlatformApplicationArn,
        RequestTimeout = timeout ?? options.RequestTimeout,
    };

    private static int ClosedLoopbackPort()
    {
        // Bind, note the port, release it: nothing listens there afterwards.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
