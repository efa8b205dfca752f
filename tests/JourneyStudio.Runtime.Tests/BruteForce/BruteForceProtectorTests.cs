using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Audit;
using JourneyStudio.Runtime.BruteForce;

namespace JourneyStudio.Runtime.Tests.BruteForce;

/// <summary>The brute-force protector on real SQLite: lockouts per identity, their growth and reset, the address throttle, concurrency.</summary>
public abstract class BruteForceProtectorTests(DatabaseProvider provider)
{
    [Fact]
    public async Task TenWrongGuesses_LockForAMinute_AndEvenTheRightCredentialIsRefusedUnchecked()
    {
        await using var h = await GuardHarness.StartAsync(provider);

        await h.FailAsync("alice", 9);
        Assert.Null(await h.LockedForAsync("alice"));
        Assert.Equal(CredentialVerdict.Wrong, await h.TryAsync("alice", right: false));
        Assert.Equal(TimeSpan.FromMinutes(1), await h.LockedForAsync("alice"));

        var checksBefore = h.Checks;
        Assert.Equal(CredentialVerdict.IdentityLocked, await h.TryAsync("alice", right: true));
        Assert.Equal(checksBefore, h.Checks);
        h.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(CredentialVerdict.IdentityLocked, await h.TryAsync("alice", right: true));
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(CredentialVerdict.Accepted, await h.TryAsync("alice", right: true));
    }

    [Fact]
    public async Task EachFurtherLockout_DoublesTheLength_UpToFifteenMinutes()
    {
        await using var h = await GuardHarness.StartAsync(provider);
        var lengths = new List<double>();

        for (var lockout = 0; lockout < 6; lockout++)
        {
            await h.FailAsync("bob", 10);
            var length = (await h.LockedForAsync("bob"))!.Value;
            lengths.Add(length.TotalMinutes);
            h.Clock.Advance(length);
        }

        Assert.Equal([1, 2, 4, 8, 15, 15], lengths);
    }

    [Fact]
    public async Task ASignOn_ForgetsTheFailuresAndEarlierLockouts()
    {
        await using var h = await GuardHarness.StartAsync(provider);
        await h.FailAsync("carol", 10);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.FailAsync("carol", 9);

        await h.Guard.SignedOnAsync(CredentialAudience.EndUser, "carol");

        Assert.Null(await h.Failures.GetAsync(CredentialAudience.EndUser, "carol"));
        await h.FailAsync("carol", 10);
        Assert.Equal(TimeSpan.FromMinutes(1), await h.LockedForAsync("carol"));
    }

    [Fact]
    public async Task ASignOn_DuringALockout_DoesNotEndIt()
    {
        await using var h = await GuardHarness.StartAsync(provider);
        await h.FailAsync("dave", 10);

        await h.Guard.SignedOnAsync(CredentialAudience.EndUser, "dave");

        Assert.Equal(TimeSpan.FromMinutes(1), await h.LockedForAsync("dave"));
        Assert.True(await h.Lockout.IsLockedAsync("dave"));
    }

    [Fact]
    public async Task RightCredentials_BetweenFailures_DoNotResetTheCount_OnlyASignOnDoes()
    {
        // Passing one factor must not renew the guesses at the next (a known password, then guessing the OATH code).
        await using var h = await GuardHarness.StartAsync(provider);
        await h.FailAsync("erin", 5);
        Assert.Equal(CredentialVerdict.Accepted, await h.TryAsync("erin", right: true));
        await h.FailAsync("erin", 5);

        Assert.Equal(TimeSpan.FromMinutes(1), await h.LockedForAsync("erin"));
    }

    [Fact]
    public async Task FailuresOlderThanTheResetTime_AreForgotten_WithTheEarlierLockouts()
    {
        await using var h = await GuardHarness.StartAsync(provider);
        await h.FailAsync("frank", 10);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.FailAsync("frank", 9);

        h.Clock.Advance(TimeSpan.FromHours(12));
        await h.FailAsync("frank", 9);
        Assert.Null(await h.LockedForAsync("frank"));
        await h.FailAsync("frank", 1);

        Assert.Equal(TimeSpan.FromMinutes(1), await h.LockedForAsync("frank"));
    }

    [Fact]
    public async Task Usernames_AreCountedWithoutRegardToCase()
    {
        await using var h = await GuardHarness.StartAsync(provider);

        await h.FailAsync("Grace", 5);
        await h.FailAsync("GRACE", 5);

        Assert.True(await h.Lockout.IsLockedAsync("grace"));
    }

    [Fact]
    public async Task AdminsAndEndUsers_AreCountedApart()
    {
        await using var h = await GuardHarness.StartAsync(provider);

        await h.FailAsync("admin", 10, audience: CredentialAudience.EndUser);

        Assert.NotNull(await h.LockedForAsync("admin", CredentialAudience.EndUser));
        Assert.Null(await h.LockedForAsync("admin", CredentialAudience.Admin));
        Assert.Equal(CredentialVerdict.Accepted, await h.TryAsync("admin", right: true, audience: CredentialAudience.Admin));
    }

    [Fact]
    public async Task ParallelFailures_AreCountedExactly()
    {
        await using var h = await GuardHarness.StartAsync(provider, o => o.MaxFailures = 1000);

        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => h.TryAsync("heidi", right: false)));

        Assert.Equal(40, (await h.Failures.GetAsync(CredentialAudience.EndUser, "heidi"))!.ConsecutiveFailures);
        Assert.Equal(40, h.Checks);
    }

    [Fact]
    public async Task ParallelGuesses_GetNoMoreChecksThanTheLimit_AndLockOnce()
    {
        // Each check counts as failed from its start, so a burst cannot slip past the limit before the first answer.
        await using var h = await GuardHarness.StartAsync(provider);

        var verdicts = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => h.TryAsync("ivan", right: false)));

        Assert.Equal(10, h.Checks);
        Assert.Equal(10, verdicts.Count(v => v == CredentialVerdict.Wrong));
        Assert.Equal(20, verdicts.Count(v => v == CredentialVerdict.IdentityLocked));
        Assert.Equal(TimeSpan.FromMinutes(1), await h.LockedForAsync("ivan"));
        Assert.Single(h.Audit.Events, e => e.Action == AuditActions.IdentityLockout);
    }

    [Fact]
    public async Task AnAddress_OverItsLimit_IsRefusedForEveryUsername_UntilTheWindowEnds()
    {
        await using var h = await GuardHarness.StartAsync(provider, o => { o.AddressMaxFailures = 5; o.AddressWindow = TimeSpan.FromMinutes(5); });
        for (var i = 0; i < 5; i++) await h.TryAsync($"user{i}", right: false);

        Assert.Equal(CredentialVerdict.AddressThrottled, await h.TryAsync("judy", right: true));
        Assert.Equal(CredentialVerdict.Accepted, await h.TryAsync("judy", right: true, address: "198.51.100.20"));
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(CredentialVerdict.Accepted, await h.TryAsync("judy", right: true));
        // The refused attempt was not counted against judy.
        Assert.Equal(0, (await h.Failures.GetAsync(CredentialAudience.EndUser, "judy"))?.ConsecutiveFailures ?? 0);
    }

    [Fact]
    public async Task RightCredentials_DoNotCountAgainstTheAddress()
    {
        await using var h = await GuardHarness.StartAsync(provider, o => o.AddressMaxFailures = 3);

        for (var i = 0; i < 20; i++) Assert.Equal(CredentialVerdict.Accepted, await h.TryAsync($"user{i}", right: true));

        Assert.Equal(CredentialVerdict.Wrong, await h.TryAsync("mallory", right: false));
    }

    [Fact]
    public async Task ALockout_EndsTheUsersSessions_AndIsAudited()
    {
        await using var h = await GuardHarness.StartAsync(provider);
        var phone = await h.SignedOnAsync("kim");
        var laptop = await h.SignedOnAsync("KIM", "root");
        var other = await h.SignedOnAsync("lee");

        await h.FailAsync("kim", 10);

        Assert.Null(await h.Sessions.GetAsync(phone));
        Assert.Null(await h.Sessions.GetAsync(laptop));
        Assert.NotNull(await h.Sessions.GetAsync(other));
        var entry = Assert.Single(h.Audit.Events);
        Assert.Equal(AuditActions.IdentityLockout, entry.Action);
        Assert.Equal("kim", entry.Target);
        Assert.Equal("system", entry.Actor);
        Assert.Equal(GuardHarness.Address, entry.RemoteAddress);
        Assert.Contains("2 session(s) ended", entry.Detail);
    }

    [Fact]
    public async Task Disabled_RunsEveryCheck_AndCountsNothing()
    {
        await using var h = await GuardHarness.StartAsync(provider, o => o.Enabled = false);

        await h.FailAsync("mia", 50);

        Assert.Equal(CredentialVerdict.Accepted, await h.TryAsync("mia", right: true));
        Assert.Null(await h.Failures.GetAsync(CredentialAudience.EndUser, "mia"));
        Assert.False(await h.Lockout.IsLockedAsync("mia"));
    }

    [Fact]
    public async Task AnOverlongUsername_IsCountedUnderABoundedKey()
    {
        await using var h = await GuardHarness.StartAsync(provider);
        var junk = new string('x', 100_000);

        await h.FailAsync(junk, 10);

        Assert.NotNull(await h.LockedForAsync(junk.ToUpperInvariant()));
        var stored = h.Db.QueryScalar("SELECT MAX(LENGTH(\"Username\")) FROM \"CredentialFailures\"");
        Assert.InRange(Convert.ToInt32(stored), 1, CredentialFailureStore.MaxKeyLength);
    }

    [Fact]
    public async Task Purge_DeletesIdleUnlockedCountersAndEndedWindows_ButKeepsLockouts()
    {
        await using var h = await GuardHarness.StartAsync(provider, o =>
        {
            o.FailureResetTime = TimeSpan.FromMinutes(10);
            o.LockoutDuration = o.MaxLockoutDuration = TimeSpan.FromHours(1);
        });
        await h.FailAsync("nick", 3);
        await h.FailAsync("olga", 10);

        h.Clock.Advance(TimeSpan.FromMinutes(10));
        await h.Failures.PurgeExpiredAsync(h.Options, h.Clock.GetUtcNow(), default);

        Assert.Null(await h.Failures.GetAsync(CredentialAudience.EndUser, "nick"));
        Assert.True(await h.Lockout.IsLockedAsync("olga"));
        Assert.Equal(0L, h.Db.QueryScalar("SELECT COUNT(*) FROM \"AddressFailures\""));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(4, 15)]
    [InlineData(30, 15)]
    public void LockoutLength_Doubles_AndStopsAtTheMaximum(int previousLockouts, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), new BruteForceOptions().LockoutLength(previousLockouts));

    [Theory]
    [InlineData("MaxFailures", "JourneyStudio:BruteForce:MaxFailures")]
    [InlineData("LockoutDuration", "JourneyStudio:BruteForce:LockoutDuration")]
    [InlineData("MaxLockoutDuration", "JourneyStudio:BruteForce:MaxLockoutDuration")]
    [InlineData("FailureResetTime", "JourneyStudio:BruteForce:FailureResetTime")]
    [InlineData("AddressMaxFailures", "JourneyStudio:BruteForce:AddressMaxFailures")]
    [InlineData("AddressWindow", "JourneyStudio:BruteForce:AddressWindow")]
    public void BadSettings_AreReported_NamingTheSetting(string setting, string expected)
    {
        var options = new BruteForceOptions();
        switch (setting)
        {
            case "MaxFailures": options.MaxFailures = 0; break;
            case "LockoutDuration": options.LockoutDuration = TimeSpan.Zero; break;
            case "MaxLockoutDuration": options.MaxLockoutDuration = TimeSpan.FromSeconds(30); break;
            case "FailureResetTime": options.FailureResetTime = TimeSpan.FromMinutes(-1); break;
            case "AddressMaxFailures": options.AddressMaxFailures = -1; break;
            case "AddressWindow": options.AddressWindow = TimeSpan.Zero; break;
        }

        Assert.StartsWith(expected, Assert.Single(options.Problems()));
    }

    [Fact]
    public void TheDefaults_AreUsable() => Assert.Empty(new BruteForceOptions().Problems());
}

public sealed class BruteForceProtectorTestsOnSqlite() : BruteForceProtectorTests(DatabaseProvider.Sqlite);

public sealed class BruteForceProtectorTestsOnPostgres() : BruteForceProtectorTests(DatabaseProvider.Postgres);
