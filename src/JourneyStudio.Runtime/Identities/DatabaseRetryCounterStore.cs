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

    public async ValueTask SetAsync(string realm, string username, string nodeId, int count, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var updated = await db.RetryCounters.Where(c => c.Realm == realm && c.Username == username && c.NodeId == nodeId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Count, count), cancellationToken);
        if (updated > 0) return;
        db.RetryCounters.Add(new RetryCounter { Realm = realm, Username = username, NodeId = nodeId, Count = count });
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateException)
        {
            // A concurrent first failure inserted the row: the later write wins, as with the update above.
            await using var retry = await contextFactory.CreateDbContextAsync(cancellationToken);
            await retry.RetryCounters.Where(c => c.Realm == realm && c.Username == username && c.NodeId == nodeId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Count, count), cancellationToken);
        }
    }

    public async ValueTask ClearAsync(string realm, string username, string nodeId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.RetryCounters.Where(c => c.Realm == realm && c.Username == username && c.NodeId == nodeId).ExecuteDeleteAsync(cancellationToken);
    }
}
