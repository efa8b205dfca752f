using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Tests.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Runtime.Tests.Identities;

/// <summary>Retry Limit counts on the user, on a real SQLite file.</summary>
public abstract class DatabaseRetryCounterStoreTests(DatabaseProvider provider)
{
    [Fact]
    public async Task Increment_FromParallelSignOns_CountsEachOnce()
    {
        await using var db = await TestDatabase.StartAsync(provider);
        var store = new DatabaseRetryCounterStore(db.Services.GetRequiredService<IDbContextFactory<JourneyStudioDbContext>>());

        var counts = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ => await store.IncrementAsync("alpha", "alice", "retry", default)));

        // Each parallel sign-on got its own number: no two saw the same count (a read-then-write would hand out duplicates).
        Assert.Equal(Enumerable.Range(1, 40), counts.Order());
        Assert.Equal(40, await store.GetAsync("alpha", "alice", "retry", default));
    }

    [Fact]
    public async Task Increment_IgnoresTheCaseOfTheUsername_AndKeepsNodesAndRealmsApart()
    {
        await using var db = await TestDatabase.StartAsync(provider);
        var store = new DatabaseRetryCounterStore(db.Services.GetRequiredService<IDbContextFactory<JourneyStudioDbContext>>());

        await store.IncrementAsync("alpha", "Alice", "retry", default);
        await store.IncrementAsync("alpha", "ALICE", "retry", default);
        await store.IncrementAsync("alpha", "alice", "other", default);
        await store.IncrementAsync("root", "alice", "retry", default);

        Assert.Equal(2, await store.GetAsync("alpha", "alice", "retry", default));
        await store.ClearUserAsync("aLiCe", default);
        Assert.Null(await store.GetAsync("alpha", "alice", "retry", default));
        Assert.Null(await store.GetAsync("root", "alice", "retry", default));
        Assert.Null(await store.GetAsync("alpha", "alice", "other", default));
    }
}

public sealed class DatabaseRetryCounterStoreTestsOnSqlite() : DatabaseRetryCounterStoreTests(DatabaseProvider.Sqlite);

public sealed class DatabaseRetryCounterStoreTestsOnPostgres() : DatabaseRetryCounterStoreTests(DatabaseProvider.Postgres);
