using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Push;
using JourneyStudio.Runtime.Push.Embedded;
using JourneyStudio.Runtime.Push.Sns;
using JourneyStudio.Runtime.Realms;
using JourneyStudio.Runtime.Tests.Persistence;
using JourneyStudio.Runtime.Tests.Push.Sns;
using JourneyStudio.Runtime.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace JourneyStudio.Runtime.Tests.Push;

/// <summary>
/// Pushes go through the transport of the realm's saved Push Notification service: a realm switched to SNS on the
/// Services page reaches (the verifying fake of) SNS, the other realm keeps the embedded default.
/// </summary>
public abstract class RealmPushTransportTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private FakeSnsServer _sns = null!;
    private RealmServiceStore _realms = null!;
    private RealmPushTransport _transport = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.StartAsync(provider);
        _sns = await FakeSnsServer.StartAsync();
        _realms = new RealmServiceStore(
            _db.Services.GetRequiredService<IDbContextFactory<JourneyStudioDbContext>>(),
            _db.Services.GetRequiredService<IDataProtectionProvider>(),
            new RealmServiceDefaults(null, new SnsOptions(), SnsTestSupport.NoEnvironment),
            _db.Clock);
        var embedded = new EmbeddedPushTransport(
            new VirtualInbox(_db.Services.GetRequiredService<IDbContextFactory<JourneyStudioDbContext>>(), _db.Clock),
            _db.Services.GetRequiredService<PushMessageStore>(), _db.Clock);
        _transport = new RealmPushTransport(_realms, embedded, new SingleClientFactory(), TimeProvider.System, TestMetrics.Create(),
            NullLogger<RealmPushTransport>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _sns.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task NothingSaved_EveryRealmUsesTheConfiguredEmbeddedTransport()
    {
        Assert.IsType<EmbeddedPushTransport>(await _transport.ResolveAsync(RealmNames.Alpha));
        Assert.IsType<EmbeddedPushTransport>(await _transport.ResolveAsync(null));

        var registered = await _transport.RegisterDeviceAsync(
            new PushDeviceRegistration(PushCommunicationTypes.Gcm, "virtual-device-token-0001") { Realm = RealmNames.Alpha }, default);

        Assert.StartsWith(EmbeddedPushTransport.CommunicationIdPrefix, Assert.IsType<PushRegistrationResult.Registered>(registered).CommunicationId);
        Assert.Empty(_sns.Requests);
    }

    [Fact]
    public async Task RealmSavedAsSns_RegistersAndPublishesThroughSns_OtherRealmStaysEmbedded()
    {
        await SaveAlphaAsSnsAsync();

        var registered = Assert.IsType<PushRegistrationResult.Registered>(await _transport.RegisterDeviceAsync(
            new PushDeviceRegistration(PushCommunicationTypes.Gcm, "fcm-registration-token-alpha") { Realm = RealmNames.Alpha }, default));
        var sent = await _transport.SendAsync(new PushDelivery(registered.CommunicationId, PushCommunicationTypes.Gcm,
            "AUTHENTICATE:0b9c4c5e-7d1a-4c55-b8a0-0f6d0e0a11111700000000000", "a.b.c", "Login attempt") { Realm = RealmNames.Alpha }, default);
        var rootRegistration = await _transport.RegisterDeviceAsync(
            new PushDeviceRegistration(PushCommunicationTypes.Gcm, "fcm-registration-token-root") { Realm = RealmNames.Root }, default);

        Assert.StartsWith("arn:aws:sns:", registered.CommunicationId);
        Assert.IsType<PushSendResult.Sent>(sent);
        Assert.Equal(registered.CommunicationId, Assert.Single(_sns.Deliveries).TargetArn);
        Assert.StartsWith(EmbeddedPushTransport.CommunicationIdPrefix,
            Assert.IsType<PushRegistrationResult.Registered>(rootRegistration).CommunicationId);
    }

    [Fact]
    public async Task RealmSavedWithCredentialsSnsRefuses_RegistrationFailsWithTheReason()
    {
        await SaveAlphaAsSnsAsync(secret: "not-the-secret-sns-knows");

        var result = await _transport.RegisterDeviceAsync(
            new PushDeviceRegistration(PushCommunicationTypes.Gcm, "fcm-registration-token-alpha") { Realm = RealmNames.Alpha }, default);

        Assert.False(string.IsNullOrWhiteSpace(Assert.IsType<PushRegistrationResult.Failed>(result).Reason));
        Assert.Empty(_sns.Endpoints);
    }

    [Fact]
    public async Task UnknownRealm_FailsWithAReason_InsteadOfThrowing()
    {
        var sent = await _transport.SendAsync(new PushDelivery("embedded:x", PushCommunicationTypes.Gcm,
            "AUTHENTICATE:0b9c4c5e-7d1a-4c55-b8a0-0f6d0e0a11111700000000000", "a.b.c", "Login attempt") { Realm = "bravo" }, default);

        Assert.Contains("not usable", Assert.IsType<PushSendResult.TransmissionFailure>(sent).Reason);
    }

    private async Task SaveAlphaAsSnsAsync(string secret = FakeSnsServer.SecretAccessKey)
    {
        var saved = await _realms.SaveAsync(RealmNames.Alpha, new RealmServiceChanges
        {
            Transport = PushTransportNames.Sns,
            Region = FakeSnsServer.Region,
            AccessKeyId = FakeSnsServer.AccessKeyId,
            SecretAccessKey = secret,
            GcmEndpoint = FakeSnsServer.GcmApplicationArn,
            ApnsEndpoint = FakeSnsServer.ApnsApplicationArn,
            ServiceUrl = _sns.ServiceUrl.ToString(),
        }, "admin");
        Assert.IsType<RealmServiceSaveResult.Saved>(saved);
    }

    private sealed class SingleClientFactory : IHttpClientFactory
    {
        private readonly HttpClient _client = new();

        public HttpClient CreateClient(string name) => _client;
    }
}

public sealed class RealmPushTransportTestsOnSqlite() : RealmPushTransportTests(DatabaseProvider.Sqlite);

public sealed class RealmPushTransportTestsOnPostgres() : RealmPushTransportTests(DatabaseProvider.Postgres);
