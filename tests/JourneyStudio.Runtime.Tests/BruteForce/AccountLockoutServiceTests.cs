using JourneyStudio.Runtime.Administration;
using JourneyStudio.Runtime.Audit;
using JourneyStudio.Runtime.BruteForce;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Nodes;
using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using JourneyStudio.Runtime.Tests.Support;

namespace JourneyStudio.Runtime.Tests.BruteForce;

/// <summary>What the Identities page and the admin API use: who is locked until when, and unlocking (audited).</summary>
public abstract class AccountLockoutServiceTests(DatabaseProvider provider)
{
    [Fact]
    public async Task LockedUntil_ListsOnlyIdentitiesLockedNow_MatchingTheirCase()
    {
        await using var h = await GuardHarness.StartAsync(provider);
        var service = new AccountLockoutService(h.Failures, new InMemoryRetryCounterStore(), h.Audit, h.Clock);
        await h.FailAsync("ALICE", 10);
        await h.FailAsync("bob", 9);

        var locked = await service.LockedUntilAsync(["alice", "bob", "carol"]);

        Assert.Equal(h.Clock.GetUtcNow() + TimeSpan.FromMinutes(1), Assert.Single(locked, l => l.Key == "alice").Value);
        Assert.Single(locked);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(await service.LockedUntilAsync(["alice"]));
    }

    [Fact]
    public async Task Unlock_EndsTheLockout_ForgetsFailuresAndRetryCounts_AndIsAudited()
    {
        await using var h = await GuardHarness.StartAsync(provider);
        var retries = new InMemoryRetryCounterStore();
        await retries.IncrementAsync("alpha", "alice", "retry", default);
        var service = new AccountLockoutService(h.Failures, retries, h.Audit, h.Clock);
        await h.FailAsync("alice", 10);

        Assert.True(await service.UnlockAsync("Alice", new AuditActor("root-admin", "api", "192.0.2.4")));

        Assert.False(await h.Lockout.IsLockedAsync("alice"));
        Assert.Equal(CredentialVerdict.Accepted, await h.TryAsync("alice", right: true));
        Assert.Null(await retries.GetAsync("alpha", "alice", "retry", default));
        var unlock = Assert.Single(h.Audit.Events, e => e.Action == AuditActions.IdentityUnlock);
        Assert.Equal(("root-admin", "Alice", "api", "192.0.2.4"), (unlock.Actor, unlock.Target, unlock.Channel, unlock.RemoteAddress));
        // The next lockout is a first one again.
        await h.FailAsync("alice", 10);
        Assert.Equal(TimeSpan.FromMinutes(1), await h.LockedForAsync("alice"));
    }

    [Fact]
    public async Task Unlock_OfAnIdentityThatIsNotLocked_ChangesNothingAndRecordsNothing()
    {
        await using var h = await GuardHarness.StartAsync(provider);
        var service = new AccountLockoutService(h.Failures, new InMemoryRetryCounterStore(), h.Audit, h.Clock);

        Assert.False(await service.UnlockAsync("alice", new AuditActor("root-admin", "studio")));

        Assert.Empty(h.Audit.Events);
    }

    [Fact]
    public async Task DeletingTheIdentity_ForgetsItsLockout_SoARecreatedOneStartsClean()
    {
        await using var h = await GuardHarness.StartAsync(provider);
        var identities = new IdentityStore(h.Db.Services.GetRequiredService<IDbContextFactory<JourneyStudioDbContext>>(), new BoundedPasswordHasher(1), h.Clock, h.Sessions);
        await identities.CreateAsync(new NewIdentity("alice", "Alice-password-1"));
        await h.FailAsync("alice", 10);

        Assert.True(await identities.DeleteAsync("ALICE"));

        Assert.Null(await h.Failures.GetAsync(CredentialAudience.EndUser, "alice"));
        Assert.False(await h.Lockout.IsLockedAsync("alice"));
    }
}

public sealed class AccountLockoutServiceTestsOnSqlite() : AccountLockoutServiceTests(DatabaseProvider.Sqlite);

public sealed class AccountLockoutServiceTestsOnPostgres() : AccountLockoutServiceTests(DatabaseProvider.Postgres);
