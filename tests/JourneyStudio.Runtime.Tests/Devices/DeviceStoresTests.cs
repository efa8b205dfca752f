using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Tests.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Runtime.Tests.Devices;

/// <summary>MFA device, recovery-code and push-message storage on a real SQLite file.</summary>
public abstract class DeviceStoresTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.StartAsync(provider);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private T Get<T>() where T : notnull => _db.Services.GetRequiredService<T>();

    private MfaDevice NewOath(string username) => new()
    {
        Username = username, Kind = DeviceKind.Oath, Uuid = Guid.NewGuid().ToString(),
        ProtectedSecret = Get<SecretProtector>().Protect([1, 2, 3, 4]), OathAlgorithm = "TOTP", HashAlgorithm = "SHA1", Digits = 6, Period = 30,
    };

    [Fact]
    public async Task Secret_IsStoredProtected_AndComesBackUnprotected()
    {
        var device = await Get<DeviceStore>().AddAsync(NewOath("alice"));

        var stored = await Get<DeviceStore>().FindAsync("ALICE", DeviceKind.Oath);

        Assert.NotNull(stored);
        Assert.DoesNotContain("AQIDBA", stored!.ProtectedSecret); // base64 of the raw secret bytes
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, Get<SecretProtector>().Unprotect(stored.ProtectedSecret));
        Assert.Equal(device.Uuid, stored.Uuid);
    }

    [Fact]
    public async Task AddAsync_SecondDeviceOfAKind_ReplacesTheFirst()
    {
        await Get<DeviceStore>().AddAsync(NewOath("alice"));
        var second = await Get<DeviceStore>().AddAsync(NewOath("alice"));

        var devices = await Get<DeviceStore>().ListAsync("alice");

        Assert.Equal(second.Uuid, Assert.Single(devices).Uuid);
    }

    [Fact]
    public async Task AdvanceOath_FromAStaleRead_IsRefused()
    {
        await Get<DeviceStore>().AddAsync(NewOath("alice"));
        var read = (await Get<DeviceStore>().FindAsync("alice", DeviceKind.Oath))!;

        Assert.True(await Get<DeviceStore>().AdvanceOathAsync(read, 0, 1000));
        Assert.False(await Get<DeviceStore>().AdvanceOathAsync(read, 0, 1000));
        Assert.Equal(1000, (await Get<DeviceStore>().FindAsync("alice", DeviceKind.Oath))!.LastAcceptedTimeStep);
    }

    [Fact]
    public async Task RecoveryCode_ConsumedOnce_AndANewSetInvalidatesTheOld()
    {
        var codes = Get<RecoveryCodeStore>();
        await codes.ReplaceAsync("alice", [DeviceKind.Push, DeviceKind.Oath], ["h1", "h2"]);

        Assert.True(await codes.TryConsumeAsync("alice", DeviceKind.Oath, h => h == "h1"));
        Assert.False(await codes.TryConsumeAsync("alice", DeviceKind.Push, h => h == "h1"));
        Assert.Equal(1, await codes.CountAsync("alice", DeviceKind.Push));

        await codes.ReplaceAsync("alice", [DeviceKind.Push], ["h3"]);
        Assert.False(await codes.TryConsumeAsync("alice", DeviceKind.Push, h => h == "h2"));
        Assert.True(await codes.TryConsumeAsync("alice", DeviceKind.Push, h => h == "h3"));
    }

    [Fact]
    public async Task PushMessage_AnswersOnce_AndNotAfterItsTimeToLive()
    {
        var messages = Get<PushMessageStore>();
        var now = _db.Clock.GetUtcNow();
        PushMessageRecord Message(string id) => new()
        {
            MessageId = id, Kind = PushMessageKind.Authenticate, Username = "alice", Realm = "alpha", ProtectedSecret = "x",
            Challenge = "c", CreatedAt = now, ExpiresAt = now.AddSeconds(120),
        };
        await messages.AddAsync(Message("AUTHENTICATE:1"));
        await messages.AddAsync(Message("AUTHENTICATE:2"));

        Assert.Equal(PushAnswerResult.Recorded, await messages.AnswerAsync("AUTHENTICATE:1", PushMessageState.Accepted, 47, null));
        Assert.Equal(PushAnswerResult.AlreadyAnswered, await messages.AnswerAsync("AUTHENTICATE:1", PushMessageState.Denied, null, null));
        Assert.Equal(47, (await messages.GetLiveAsync("AUTHENTICATE:1"))!.ChallengeResponse);

        _db.Clock.Advance(TimeSpan.FromSeconds(121));
        Assert.Equal(PushAnswerResult.Expired, await messages.AnswerAsync("AUTHENTICATE:2", PushMessageState.Accepted, null, null));
        Assert.Null(await messages.GetLiveAsync("AUTHENTICATE:2"));
        Assert.Equal(PushAnswerResult.NotFound, await messages.AnswerAsync("AUTHENTICATE:3", PushMessageState.Accepted, null, null));
        Assert.Equal(2, await messages.PurgeExpiredAsync(TimeSpan.Zero));
    }

    [Fact]
    public async Task DeleteAll_RemovesDevicesAndCodes()
    {
        await Get<DeviceStore>().AddAsync(NewOath("alice"));
        await Get<RecoveryCodeStore>().ReplaceAsync("alice", [DeviceKind.Oath], ["h1"]);

        Assert.Equal(1, await Get<DeviceStore>().DeleteAllAsync("alice"));

        Assert.Empty(await Get<DeviceStore>().ListAsync("alice"));
        Assert.Equal(0, await Get<RecoveryCodeStore>().CountAsync("alice", DeviceKind.Oath));
    }
}

public sealed class DeviceStoresTestsOnSqlite() : DeviceStoresTests(DatabaseProvider.Sqlite);

public sealed class DeviceStoresTestsOnPostgres() : DeviceStoresTests(DatabaseProvider.Postgres);
