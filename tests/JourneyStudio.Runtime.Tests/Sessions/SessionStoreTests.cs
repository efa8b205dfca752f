using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Sessions;
using JourneyStudio.Runtime.Tests.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JourneyStudio.Runtime.Tests.Sessions;

/// <summary>The session stores on a real SQLite file with a clock the tests move.</summary>
public abstract class SessionStoreTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.StartAsync(provider);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private JourneySessionStore Journeys(JourneySessionOptions? options = null) =>
        new(_db.Services.GetRequiredService<IDbContextFactory<JourneyStudioDbContext>>(), Options.Create(options ?? new JourneySessionOptions()), _db.Clock);

    private UserSessionStore Users() =>
        new(_db.Services.GetRequiredService<IDbContextFactory<JourneyStudioDbContext>>(), Options.Create(new JourneySessionOptions()), _db.Clock);

    private JourneySessionState State(string journey = "Login", JourneySessionStatus status = JourneySessionStatus.InProgress) => new()
    {
        JourneyName = journey, Revision = 3, Realm = "alpha", Status = status, StartedAt = _db.Clock.GetUtcNow(), UpdatedAt = _db.Clock.GetUtcNow(),
        VisitedPath = [new VisitedNode(journey, "a", "outcome")],
    };

    [Fact]
    public async Task ClaimStep_OnlyOnceAndOnlyTheCurrentStep()
    {
        var store = Journeys();
        var session = await store.CreateAsync(State());

        Assert.False(await store.TryClaimStepAsync(session.Id, 2));
        Assert.True(await store.TryClaimStepAsync(session.Id, 1));
        Assert.False(await store.TryClaimStepAsync(session.Id, 1));
        var saved = await store.SaveStepAsync(session, State());
        Assert.Equal(2, saved.Step);
        Assert.Equal(2, (await store.GetAsync(session.Id))!.Step);
        Assert.True(await store.TryClaimStepAsync(session.Id, 2));
        // Step 2 was claimed (the row is at 3), so the step-1 session can no longer be saved over it.
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.SaveStepAsync(session, State()));
    }

    [Fact]
    public async Task ReleasedClaim_CanBeClaimedAgain()
    {
        var store = Journeys();
        var session = await store.CreateAsync(State());
        Assert.True(await store.TryClaimStepAsync(session.Id, 1));

        await store.ReleaseClaimAsync(session.Id, 1);

        Assert.True(await store.TryClaimStepAsync(session.Id, 1));
    }

    [Fact]
    public async Task IdleTimeout_EachStepMovesItOn_ButNotPastTheMaximum()
    {
        var store = Journeys(new JourneySessionOptions { IdleTimeout = TimeSpan.FromMinutes(5), MaxDuration = TimeSpan.FromMinutes(8) });
        var session = await store.CreateAsync(State());
        _db.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.False((await store.GetAsync(session.Id))!.IsTimedOut(_db.Clock.GetUtcNow()));
        Assert.True(await store.TryClaimStepAsync(session.Id, 1));
        await store.SaveStepAsync(session, State());

        _db.Clock.Advance(TimeSpan.FromMinutes(3)); // 7 min: idle ok (3 < 5), maximum not reached
        Assert.False((await store.GetAsync(session.Id))!.IsTimedOut(_db.Clock.GetUtcNow()));
        _db.Clock.Advance(TimeSpan.FromMinutes(1)); // 8 min: the maximum
        Assert.True((await store.GetAsync(session.Id))!.IsTimedOut(_db.Clock.GetUtcNow()));
        Assert.False(await store.TryClaimStepAsync(session.Id, 2));
    }

    [Fact]
    public async Task JourneyMaximum_OverridesTheDefault()
    {
        var store = Journeys(new JourneySessionOptions { IdleTimeout = TimeSpan.FromHours(1), MaxDuration = TimeSpan.FromMinutes(30) });
        var session = await store.CreateAsync(State(), maximumDurationMinutes: 2);

        Assert.Equal(_db.Clock.GetUtcNow() + TimeSpan.FromMinutes(2), session.MaxExpiresAt);
    }

    [Fact]
    public async Task Purge_RemovesTimedOutAndOldFinishedSessions_KeepsTheRest()
    {
        var store = Journeys(new JourneySessionOptions { IdleTimeout = TimeSpan.FromMinutes(5), FinishedRetention = TimeSpan.FromMinutes(60) });
        var timedOut = await store.CreateAsync(State());
        var finished = await store.CreateAsync(State(status: JourneySessionStatus.Succeeded));
        _db.Clock.Advance(TimeSpan.FromMinutes(10));
        var fresh = await store.CreateAsync(State());

        Assert.Equal(1, await store.PurgeExpiredAsync());
        Assert.Null(await store.GetAsync(timedOut.Id));
        Assert.NotNull(await store.GetAsync(finished.Id));
        Assert.NotNull(await store.GetAsync(fresh.Id));
        _db.Clock.Advance(TimeSpan.FromMinutes(55));
        Assert.Equal(2, await store.PurgeExpiredAsync());
    }

    [Fact]
    public async Task ListRecent_NewestFirstForThatJourneyOnly()
    {
        var store = Journeys();
        var first = await store.CreateAsync(State());
        _db.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await store.CreateAsync(State(status: JourneySessionStatus.Failed));
        await store.CreateAsync(State("Other"));

        var recent = await store.ListRecentAsync("login", 10);

        Assert.Equal([second.Id, first.Id], recent.Select(r => r.SessionId));
        Assert.Equal(JourneySessionStatus.Failed, recent[0].Status);
        Assert.Equal([new VisitedNode("Login", "a", "outcome")], recent[0].VisitedPath);
        Assert.Single(await store.ListRecentAsync("Login", 1));
    }

    private async Task<NewUserSession> CreateUserSessionAsync(UserSessionStore users, IReadOnlyList<string> authTypes)
    {
        await using (var db = _db.CreateContext())
        {
            if (!await db.Identities.AnyAsync(i => i.Username == "jdoe"))
            {
                db.Identities.Add(new Identity { Username = "jdoe", PasswordHash = "not a real hash" });
                await db.SaveChangesAsync();
            }
        }
        var creation = await users.CreateAsync("jdoe", "alpha", "Login", authTypes);
        return Assert.IsType<UserSessionCreation.Created>(creation).Session;
    }

    [Fact]
    public async Task UserSession_TokenIsStoredOnlyAsItsHash()
    {
        var users = Users();
        var created = await CreateUserSessionAsync(users, ["AuthenticatorPush"]);

        Assert.Equal(43, created.TokenId.Length);
        Assert.Equal(0L, _db.QueryScalar($"SELECT COUNT(*) FROM \"UserSessions\" WHERE \"TokenHash\" LIKE '%{created.TokenId}%'"));
        Assert.Equal(64L, _db.QueryScalar("SELECT LENGTH(\"TokenHash\") FROM \"UserSessions\""));
        var found = await users.GetAsync(created.TokenId);
        Assert.Equal("jdoe", found!.Username);
        Assert.Equal(["AuthenticatorPush"], found.AuthTypes);
        Assert.Null(await users.GetAsync(created.TokenId[..^1] + (created.TokenId[^1] == 'A' ? 'B' : 'A')));
    }

    [Fact]
    public async Task UserSession_ExpiresAfterItsLifetime_AndLogoutEndsIt()
    {
        var users = Users();
        var a = await CreateUserSessionAsync(users, []);
        var b = await CreateUserSessionAsync(users, []);

        Assert.True(await users.DeleteAsync(b.TokenId));
        Assert.Null(await users.GetAsync(b.TokenId));
        _db.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Null(await users.GetAsync(a.TokenId));
    }

    [Fact]
    public void AuthId_RoundTrips_AndRefusesAlteredOrForeignTokens()
    {
        var protector = new AuthIdProtector(new EphemeralDataProtectionProvider());
        var other = new AuthIdProtector(new EphemeralDataProtectionProvider());
        var authId = protector.Protect("0123456789abcdef0123456789abcdef", 7);

        Assert.True(protector.TryUnprotect(authId, out var id, out var step));
        Assert.Equal(("0123456789abcdef0123456789abcdef", 7), (id, step));
        Assert.DoesNotContain("0123456789abcdef", authId);
        Assert.False(other.TryUnprotect(authId, out _, out _));
        Assert.False(protector.TryUnprotect(authId[..^2], out _, out _));
        Assert.False(protector.TryUnprotect("not base64 !", out _, out _));
        Assert.False(protector.TryUnprotect("", out _, out _));
    }
}

public sealed class SessionStoreTestsOnSqlite() : SessionStoreTests(DatabaseProvider.Sqlite);

public sealed class SessionStoreTestsOnPostgres() : SessionStoreTests(DatabaseProvider.Postgres);
