using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Sessions;
using Microsoft.EntityFrameworkCore;

namespace JourneyStudio.Runtime.Diagnostics;

/// <summary>
/// Feeds <c>journeystudio.signons.active</c>. The count comes from the database, so it is right across restarts,
/// timeouts and instances (any instance continues any sign-on, so an in-process count would drift); it is taken
/// when metrics are scraped, at most once per <see cref="MinimumInterval"/>, never per sign-on.
/// </summary>
public sealed class ActiveSignOnsGauge(
    IDbContextFactory<JourneyStudioDbContext> contextFactory,
    JourneyStudioMetrics metrics,
    TimeProvider time)
{
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _counting = new(1, 1);
    private long _lastCountTimestamp;
    private bool _counted;

    /// <summary>Counts again unless a count is running or was taken within <see cref="MinimumInterval"/>.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        // Concurrent scrapes share one count instead of queueing more queries on the sessions table.
        if (!await _counting.WaitAsync(0, cancellationToken)) return;
        try
        {
            if (_counted && time.GetElapsedTime(_lastCountTimestamp) < MinimumInterval) return;
            var now = time.GetUtcNow();
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var count = await db.Set<JourneySessionRecord>()
                .LongCountAsync(s => s.Status == JourneySessionStatus.InProgress && s.ExpiresAt > now, cancellationToken);
            metrics.SetActiveSignOns(count);
            _lastCountTimestamp = time.GetTimestamp();
            _counted = true;
        }
        finally
        {
            _counting.Release();
        }
    }
}
