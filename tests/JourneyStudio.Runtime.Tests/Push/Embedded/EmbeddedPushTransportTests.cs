using JourneyStudio.Runtime.Realms;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Push;
using JourneyStudio.Runtime.Push.Embedded;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Tests.Persistence;
using Microsoft.EntityFrameworkCore;
using JourneyStudio.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StoredKind = JourneyStudio.Runtime.Devices.PushMessageKind;

namespace JourneyStudio.Runtime.Tests.Push.Embedded;

/// <summary>The embedded transport and the virtual device's inbox, on a real SQLite file.</summary>
public abstract class EmbeddedPushTransportTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private EmbeddedPushTransport _transport = null!;
    private VirtualInbox _inbox = null!;
    private readonly PushTestDevice _device = PushTestDevice.WithNewSecret();

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.StartAsync(provider);
        _inbox = new VirtualInbox(_db.Services.GetRequiredService<IDbContextFactory<JourneyStudioDbContext>>(), _db.Clock);
        _transport = new EmbeddedPushTransport(_inbox, _db.Services.GetRequiredService<PushMessageStore>(), _db.Clock);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<string> RegisterAsync()
    {
        var result = await _transport.RegisterDeviceAsync(new PushDeviceRegistration("gcm", _device.DeviceToken), CancellationToken.None);
        return Assert.IsType<PushRegistrationResult.Registered>(result).CommunicationId;
    }

    private async Task<string> SendAsync(string communicationId, TimeSpan? ttl = null, PushType type = PushType.Default)
    {
        var (messageId, _) = await PushTestMessages.CreateAsync(_db.Services, StoredKind.Authenticate, _device.Secret, timeToLive: ttl);
        var sent = await _transport.SendAsync(new PushDelivery(communicationId, "gcm", messageId, "jwt-of-" + messageId, "Sign in?", type), CancellationToken.None);
        Assert.IsType<PushSendResult.Sent>(sent);
        return messageId;
    }

    [Fact]
    public async Task Register_ReturnsEmbeddedCommunicationId()
    {
        Assert.Equal("embedded:" + _device.DeviceToken, await RegisterAsync());
    }

    [Theory]
    [InlineData("gcm", "short-token", "at least 16")]
    [InlineData("fcm", "0123456789abcdef0123", "Unknown push communication type")]
    [InlineData("gcm", "", "at least 16")]
    public async Task Register_BadTokenOrType_Fails(string type, string token, string expected)
    {
        var result = await _transport.RegisterDeviceAsync(new PushDeviceRegistration(type, token), CancellationToken.None);

        Assert.Contains(expected, Assert.IsType<PushRegistrationResult.Failed>(result).Reason);
    }

    [Fact]
    public async Task Send_PutsMessageInTheTokensInbox_AndTakeDeliversItOnce()
    {
        var communicationId = await RegisterAsync();
        var messageId = await SendAsync(communicationId, type: PushType.Challenge);

        var first = await _inbox.TakeAsync(_device.DeviceToken);
        var second = await _inbox.TakeAsync(_device.DeviceToken);

        var message = Assert.Single(first);
        Assert.Equal(messageId, message.MessageId);
        Assert.Equal("jwt-of-" + messageId, message.Jwt);
        Assert.Equal("Sign in?", message.UserMessage);
        Assert.Equal(PushType.Challenge, message.PushType);
        Assert.Empty(second);
    }

    [Fact]
    public async Task Inbox_OfAnotherToken_IsEmpty()
    {
        await SendAsync(await RegisterAsync());

        Assert.Empty(await _inbox.TakeAsync(PushTestDevice.WithNewSecret().DeviceToken));
    }

    [Fact]
    public async Task Message_ExpiresWithThePushMessage()
    {
        await SendAsync(await RegisterAsync(), TimeSpan.FromSeconds(30));
        _db.Clock.Advance(TimeSpan.FromSeconds(31));

        Assert.Empty(await _inbox.TakeAsync(_device.DeviceToken));
    }

    [Fact]
    public async Task Send_ToACommunicationIdOfAnotherTransport_AsksTheDeviceToRegisterAgain()
    {
        var result = await _transport.SendAsync(
            new PushDelivery("arn:aws:sns:eu-west-1:1:endpoint/GCM/app/1", "gcm", "AUTHENTICATE:x", "jwt", "Sign in?"), CancellationToken.None);

        Assert.IsType<PushSendResult.DeviceMustRegisterAgain>(result);
    }

    [Fact]
    public async Task Inbox_KeepsOnlyTheNewestMessages_OfADeviceThatNeverPolls()
    {
        var communicationId = await RegisterAsync();
        var ids = new List<string>();
        for (var i = 0; i < VirtualInbox.MaxPendingPerDevice + 3; i++) ids.Add(await SendAsync(communicationId));

        var delivered = await _inbox.TakeAsync(_device.DeviceToken);

        Assert.Equal(ids.Skip(3), delivered.Select(m => m.MessageId));
    }

    [Fact]
    public async Task Inbox_SurvivesARestart()
    {
        await SendAsync(await RegisterAsync());
        _db = await _db.RestartAsync();
        var inbox = new VirtualInbox(_db.Services.GetRequiredService<IDbContextFactory<JourneyStudioDbContext>>(), _db.Clock);

        Assert.Single(await inbox.TakeAsync(_device.DeviceToken));
    }

    [Theory]
    [InlineData(null, typeof(EmbeddedPushTransport))]
    [InlineData("", typeof(EmbeddedPushTransport))]
    [InlineData("Embedded", typeof(EmbeddedPushTransport))]
    [InlineData("sns", typeof(Runtime.Push.Sns.SnsPushTransport))]
    public async Task TransportSetting_PicksTheDefaultTransportOfEveryRealm(string? setting, Type expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [PushServiceCollectionExtensions.TransportSetting] = setting,
            ["JourneyStudio:DataDirectory"] = Path.Combine(_db.Root, "other"),
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddJourneyStudioData(configuration).AddJourneyStudioDevices()
            .AddJourneyStudioRealmServices(configuration).AddJourneyStudioPush(configuration).BuildServiceProvider();
        await JourneyStudioDatabase.InitializeAsync(services);

        var routed = Assert.IsType<RealmPushTransport>(services.GetRequiredService<IPushTransport>());
        Assert.IsType(expected, await routed.ResolveAsync(RealmNames.Alpha));
        Assert.IsType(expected, await routed.ResolveAsync(RealmNames.Root));
    }

    [Fact]
    public void TransportSetting_Unknown_FailsNamingTheSetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [PushServiceCollectionExtensions.TransportSetting] = "fcm",
        }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddJourneyStudioPush(configuration));

        Assert.Contains("JourneyStudio:Push:Transport", error.Message);
        Assert.Contains("'fcm'", error.Message);
    }

    [Fact]
    public void SnsWithoutPlatformApplications_ReportsTheMissingSettings()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [PushServiceCollectionExtensions.TransportSetting] = "sns",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddJourneyStudioRealmServices(configuration)
            .AddJourneyStudioPush(configuration).BuildServiceProvider();

        var problems = services.CheckPushConfiguration();

        Assert.NotEmpty(problems);
        Assert.Contains(problems, p => p.Contains("JourneyStudio:Push:Sns:GcmPlatformApplicationArn"));
    }
}

public sealed class EmbeddedPushTransportTestsOnSqlite() : EmbeddedPushTransportTests(DatabaseProvider.Sqlite);

public sealed class EmbeddedPushTransportTestsOnPostgres() : EmbeddedPushTransportTests(DatabaseProvider.Postgres);
