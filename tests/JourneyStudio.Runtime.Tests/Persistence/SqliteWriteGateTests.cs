using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Runtime.Tests.Persistence;

/// <summary>
/// Writers on one SQLite file take turns without holding a thread while they wait: a write that finds another one ahead of
/// it returns a pending task at once, instead of sleeping in SQLite's busy handler on the caller's thread.
/// </summary>
public sealed class SqliteWriteGateTests
{
    private const string Touch = "UPDATE \"Journeys\" SET \"Name\" = \"Name\"";

    [Fact]
    public async Task WriteBehindAnotherWrite_WaitsWithoutBlockingTheCaller_AndBothSucceedOnceTheLockIsFree()
    {
        var ahead = new FirstWriteSignal();
        await using var database = await TestDatabase.StartAsync(configure: services => services.AddSingleton<IInterceptor>(ahead));
        // Another process's transaction holds SQLite's write lock.
        using var holder = database.OpenRawConnection();
        using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE;";
            begin.ExecuteNonQuery();
        }

        // The first write gets its turn and waits for the lock inside SQLite (busy_timeout), on a thread of its own.
        var first = Task.Run(async () =>
        {
            await using var db = database.CreateContext();
            return await db.Database.ExecuteSqlRawAsync(FirstWriteSignal.Marker + Touch);
        });
        await ahead.Reached.Task;

        await using var second = database.CreateContext();
        var waiting = second.Database.ExecuteSqlRawAsync(Touch);

        Assert.False(waiting.IsCompleted);
        using (var commit = holder.CreateCommand())
        {
            commit.CommandText = "COMMIT;";
            commit.ExecuteNonQuery();
        }
        Assert.Equal(0, await first);
        Assert.Equal(0, await waiting);
    }

    [Fact]
    public async Task WritesFromManyContextsAtOnce_AllSucceed_AndReadsGoOnBesideThem()
    {
        await using var database = await TestDatabase.StartAsync();

        var writes = Enumerable.Range(0, 40).Select(async i =>
        {
            await using var db = database.CreateContext();
            if (i % 4 == 0) return await db.Journeys.CountAsync();
            return await db.Database.ExecuteSqlRawAsync(Touch);
        });

        Assert.All(await Task.WhenAll(writes), count => Assert.Equal(0, count));
    }

    /// <summary>Tells when the marked write is past the gate (interceptors registered as services run after it).</summary>
    private sealed class FirstWriteSignal : DbCommandInterceptor
    {
        public const string Marker = "/* first */ ";

        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.StartsWith(Marker, StringComparison.Ordinal)) Reached.TrySetResult();
            return ValueTask.FromResult(result);
        }
    }
}
