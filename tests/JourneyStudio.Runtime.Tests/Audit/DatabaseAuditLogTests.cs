using JourneyStudio.Runtime.Audit;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Tests.Persistence;
using JourneyStudio.Runtime.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JourneyStudio.Runtime.Tests.Audit;

/// <summary>The audit log on a real SQLite file, with a clock the tests move.</summary>
public abstract class DatabaseAuditLogTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private readonly ListLogger<DatabaseAuditLog> _logger = new();

    public async Task InitializeAsync() => _db = await TestDatabase.StartAsync(provider);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private DatabaseAuditLog Log(TestDatabase? db = null) =>
        new((db ?? _db).Services.GetRequiredService<IDbContextFactory<JourneyStudioDbContext>>(), (db ?? _db).Clock, _logger);

    private static AuditEvent Event(string action, string actor = "admin", string? target = "Login", bool succeeded = true) =>
        new() { Action = action, Actor = actor, Target = target, Succeeded = succeeded, Channel = AuditChannels.Api };

    private async Task RecordAsync(params AuditEvent[] events)
    {
        foreach (var e in events)
        {
            await Log().RecordAsync(e);
            _db.Clock.Advance(TimeSpan.FromMinutes(1));
        }
    }

    [Fact]
    public async Task Query_ListsNewestFirst_WithEverythingThatWasRecorded()
    {
        var start = _db.Clock.GetUtcNow();
        await Log().RecordAsync(Event(AuditActions.JourneyCreate) with { RevisionAfter = 1, RemoteAddress = "10.0.0.7", Detail = "created" });
        // Two entries in the same tick still come back in recording order, reversed.
        await Log().RecordAsync(Event(AuditActions.JourneySave) with { RevisionBefore = 1, RevisionAfter = 2 });
        await Log().RecordAsync(Event(AuditActions.JourneyDelete, succeeded: false));

        var page = await Log().QueryAsync(new AuditQuery());

        Assert.Equal(3, page.Total);
        Assert.Equal([AuditActions.JourneyDelete, AuditActions.JourneySave, AuditActions.JourneyCreate], page.Entries.Select(e => e.Event.Action));
        var created = page.Entries[2];
        Assert.Equal(start, created.At);
        Assert.Equal(Event(AuditActions.JourneyCreate) with { RevisionAfter = 1, RemoteAddress = "10.0.0.7", Detail = "created" }, created.Event);
        Assert.False(page.Entries[0].Event.Succeeded);
    }

    [Fact]
    public async Task Query_Filters_ByActionFamilyActorTargetTimeAndResult()
    {
        var start = _db.Clock.GetUtcNow();
        await RecordAsync(
            Event(AuditActions.JourneySave, actor: "ann", target: "Login"),
            Event(AuditActions.IdentityCreate, actor: "bob", target: "carol"),
            Event(AuditActions.JourneyDelete, actor: "ANN", target: "login", succeeded: false),
            Event(AuditActions.IdentityDelete, actor: "ann", target: "carol"));

        async Task<IEnumerable<string>> Actions(AuditQuery query) => (await Log().QueryAsync(query)).Entries.Select(e => e.Event.Action);

        Assert.Equal([AuditActions.JourneyDelete, AuditActions.JourneySave], await Actions(new AuditQuery { Action = "journey.*" }));
        Assert.Equal([AuditActions.IdentityCreate], await Actions(new AuditQuery { Action = AuditActions.IdentityCreate }));
        // Names match without regard to letter case, as everywhere in the studio.
        Assert.Equal([AuditActions.IdentityDelete, AuditActions.JourneyDelete, AuditActions.JourneySave], await Actions(new AuditQuery { Actor = "Ann" }));
        Assert.Equal([AuditActions.JourneyDelete, AuditActions.JourneySave], await Actions(new AuditQuery { Target = "LOGIN" }));
        Assert.Equal([AuditActions.JourneyDelete, AuditActions.IdentityCreate],
            await Actions(new AuditQuery { From = start.AddMinutes(1), To = start.AddMinutes(3) }));
        Assert.Equal([AuditActions.JourneyDelete], await Actions(new AuditQuery { Succeeded = false }));
        Assert.Equal([AuditActions.IdentityDelete], await Actions(new AuditQuery { Actor = "ann", Target = "carol", Action = "identity.*" }));
    }

    [Fact]
    public async Task Query_Pages_WithTheTotalOfAllMatches()
    {
        for (var i = 1; i <= 7; i++)
            await RecordAsync(Event(AuditActions.JourneySave) with { RevisionAfter = i });

        var second = await Log().QueryAsync(new AuditQuery { Offset = 3, Limit = 3 });

        Assert.Equal(7, second.Total);
        Assert.Equal([4, 3, 2], second.Entries.Select(e => e.Event.RevisionAfter!.Value));
    }

    [Theory]
    [InlineData("journey.bogus", null, 0, 100, "Action")]
    [InlineData("*", null, 0, 100, "Action")]
    [InlineData("nothing.*", null, 0, 100, "Action")]
    [InlineData(null, -1, 0, 100, "To")]
    [InlineData(null, null, -1, 100, "Offset")]
    [InlineData(null, null, 0, 0, "Limit")]
    [InlineData(null, null, 0, AuditQuery.MaxLimit + 1, "Limit")]
    public async Task Query_Invalid_IsRefusedNamingTheFilter(string? action, int? toMinutes, int offset, int limit, string filter)
    {
        var now = _db.Clock.GetUtcNow();
        var query = new AuditQuery { Action = action, From = now, To = toMinutes is { } m ? now.AddMinutes(m) : null, Offset = offset, Limit = limit };

        Assert.Equal(filter, Assert.Single(query.Validate()).Filter);
        await Assert.ThrowsAsync<ArgumentException>(() => Log().QueryAsync(query));
    }

    [Fact]
    public async Task Record_OverlongValues_AreCutToTheColumnSizes()
    {
        await Log().RecordAsync(Event(AuditActions.JourneySave, target: new string('t', 400)) with { Detail = new string('d', 998) + "😀😀" });

        var stored = Assert.Single((await Log().QueryAsync(new AuditQuery())).Entries).Event;

        Assert.Equal(AuditEntry.MaxTargetLength, stored.Target!.Length);
        Assert.EndsWith("…", stored.Target);
        Assert.True(stored.Detail!.Length <= AuditEntry.MaxDetailLength);
        Assert.False(char.IsHighSurrogate(stored.Detail[^2]), "a character must not be cut in half");
    }

    [Fact]
    public async Task Record_WhenTheDatabaseRefuses_LogsTheErrorAndDoesNotThrow()
    {
        await using (var context = _db.CreateContext())
            await context.Database.ExecuteSqlRawAsync("DROP TABLE \"AuditEntries\"");

        await Log().RecordAsync(Event(AuditActions.IdentityDelete, target: "dave"));

        var error = Assert.Single(_logger.Entries, e => e.Level == LogLevel.Error);
        Assert.Equal(AuditActions.IdentityDelete, error.Values["Action"]);
        Assert.Equal("dave", error.Values["Target"]);
    }

    [Fact]
    public async Task Entries_AreKeptAcrossRestarts()
    {
        await Log().RecordAsync(Event(AuditActions.JourneyCreate));
        _db.Clock.Advance(TimeSpan.FromDays(400));

        _db = await _db.RestartAsync();

        Assert.Equal(1, (await Log().QueryAsync(new AuditQuery())).Total);
    }
}

public sealed class DatabaseAuditLogTestsOnSqlite() : DatabaseAuditLogTests(DatabaseProvider.Sqlite);

public sealed class DatabaseAuditLogTestsOnPostgres() : DatabaseAuditLogTests(DatabaseProvider.Postgres);
