using JourneyStudio.Runtime.ApiTokens;
using JourneyStudio.Runtime.Audit;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Push;
using JourneyStudio.Runtime.Push.Embedded;
using JourneyStudio.Runtime.Tests.Persistence;
using JourneyStudio.Runtime.Tests.Support;
using JourneyStudio.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StoredKind = JourneyStudio.Runtime.Devices.PushMessageKind;

namespace JourneyStudio.Runtime.Tests.Concurrency;

/// <summary>
/// State that instances share through the database stays right when two hosts on one database act on it at the same
/// moment: each inbox message reaches one reader, a push message takes one answer, purges do not trip over each other,
/// and an API token's last use is written once.
/// </summary>
public abstract class SharedStateTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase _a = null!;
    private TestDatabase _b = null!;

    public async Task InitializeAsync()
    {
        _a = await TestDatabase.StartAsync(provider);
        _b = await _a.SecondInstanceAsync();
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    private static VirtualInbox Inbox(TestDatabase db) => new(db.Services.GetRequiredService<IDbContextFactory<JourneyStudioDbContext>>(), db.Clock);

    [Fact]
    public async Task TwoInstancesPollingOneInbox_HandEachMessageToExactlyOneOfThem()
    {
        const string device = "device-token-0123456789abcdef";
        var now = _a.Clock.GetUtcNow();
        for (var i = 0; i < VirtualInbox.MaxPendingPerDevice; i++)
            await Inbox(_a).PutAsync(new VirtualInboxMessage
            {
                DeviceToken = device, MessageId = $"AUTHENTICATE:{i}", Jwt = "jwt", UserMessage = "Sign in?",
                PushType = PushType.Default, CreatedAt = now, ExpiresAt = now.AddMinutes(2),
            });

        var polls = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => Inbox(i % 2 == 0 ? _a : _b).TakeAsync(device))));

        var delivered = polls.SelectMany(p => p).Select(m => m.MessageId).ToList();
        Assert.Equal(VirtualInbox.MaxPendingPerDevice, delivered.Count);
        Assert.Equal(delivered.Count, delivered.Distinct().Count());
        Assert.Empty(await Inbox(_b).TakeAsync(device));
    }

    [Fact]
    public async Task ConcurrentAnswersToOnePushMessage_FromBothInstances_RecordExactlyOne()
    {
        var (messageId, _) = await PushTestMessages.CreateAsync(_a.Services, StoredKind.Authenticate, [1, 2, 3]);

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() =>
            (i % 2 == 0 ? _a : _b).Services.GetRequiredService<PushMessageStore>()
                .AnswerAsync(messageId, i % 3 == 0 ? PushMessageState.Denied : PushMessageState.Accepted, 42, null))));

        Assert.Single(answers, a => a == PushAnswerResult.Recorded);
        Assert.All(answers.Where(a => a != PushAnswerResult.Recorded), a => Assert.Equal(PushAnswerResult.AlreadyAnswered, a));
    }

    [Fact]
    public async Task ConcurrentPurges_OnBothInstances_DeleteEachExpiredMessageOnce_AndFailNothing()
    {
        for (var i = 0; i < 6; i++)
            await PushTestMessages.CreateAsync(_a.Services, StoredKind.Authenticate, [1, 2, 3], timeToLive: TimeSpan.FromSeconds(10));
        await PushTestMessages.CreateAsync(_a.Services, StoredKind.Authenticate, [1, 2, 3], timeToLive: TimeSpan.FromHours(1));
        _a.Clock.Advance(TimeSpan.FromMinutes(1));
        _b.Clock.Advance(TimeSpan.FromMinutes(1));

        var purged = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() =>
            (i % 2 == 0 ? _a : _b).Services.GetRequiredService<PushMessageStore>().PurgeExpiredAsync(TimeSpan.Zero))));

        Assert.Equal(6, purged.Sum());
        await using var db = _a.CreateContext();
        Assert.Equal(1, await db.PushMessages.CountAsync());
    }

    [Fact]
    public async Task AnApiTokenUsedOnBothInstancesAtOnce_IsValidEverywhere_AndItsLastUseIsRecorded()
    {
        var tokens = new AdminApiTokenStore(_a.Services.GetRequiredService<IDbContextFactory<JourneyStudioDbContext>>(), new RecordingAuditLog(), _a.Clock);
        var created = Assert.IsType<AdminApiTokenCreateResult.Created>(await tokens.CreateAsync("pipeline", null, AuditActor.CommandLine("test")));
        var onB = new AdminApiTokenStore(_b.Services.GetRequiredService<IDbContextFactory<JourneyStudioDbContext>>(), new RecordingAuditLog(), _b.Clock);

        var checks = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => (i % 2 == 0 ? tokens : onB).AuthenticateAsync(created.Token))));

        Assert.All(checks, check => Assert.IsType<AdminApiTokenCheck.Valid>(check));
        var listed = Assert.Single(await onB.ListAsync());
        Assert.Equal(_a.Clock.GetUtcNow(), listed.LastUsedAt);
    }
}

public sealed class SharedStateTestsOnSqlite() : SharedStateTests(DatabaseProvider.Sqlite);

public sealed class SharedStateTestsOnPostgres() : SharedStateTests(DatabaseProvider.Postgres);
