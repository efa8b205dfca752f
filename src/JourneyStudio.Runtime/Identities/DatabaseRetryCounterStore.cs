using JourneyStudio.Runtime.Nodes;
using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JourneyStudio.Runtime.Identities;

/// <summary>Retry counters kept on the user in the database, so they survive new sessions and restarts.</summary>
public sealed class DatabaseRetryCounterStore(IDbContextFactory<JourneyStudioDbContext> contextFactory) : IRetryCounterStore
{
    public async ValueTask<int?> GetAsync(string realm, string username, string nodeId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.RetryCounters.Where(c => c.Realm == realm && c.Username == username && c.NodeId == nodeId)
            .Select(c => (int?)c.Count).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>One insert-or-increment statement: no read-then-write window in which two sign-ons see the same count.</summary>
    public async ValueTask<int> IncrementAsync(string realm, string username, string nodeId, CancellationToken cancellationToken)
    {
        // The same statement on SQLite and PostgreSQL.
        FormattableString sql = $"""
            INSERT INTO "RetryCounters" ("Realm", "Username", "NodeId", "Count") VALUES ({realm}, {username}, {nodeId}, 1)
            ON CONFLICT ("Realm", "Username", "NodeId") DO UPDATE SET "Count" = "RetryCounters"."Count" + 1
            RETURNING "Count" AS "Value"
            """;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var counts = await db.Database.SqlQuery<int>(sql).ToListAsync(cancellationToken);
        return counts.Single();
    }

    public async ValueTask ClearAsync(string realm, string username, string nodeId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.RetryCounters.Where(c => c.Realm == realm && c.Username == username && c.NodeId == nodeId).ExecuteDeleteAsync(cancellationToken);
    }

    public async ValueTask ClearUserAsync(string username, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.RetryCounters.Where(c => c.Username == username).ExecuteDeleteAsync(cancellationToken);
    }
}
