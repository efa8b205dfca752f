using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace JourneyStudio.Runtime.Persistence;

/// <summary>
/// Runs per-connection pragmas each time EF opens a connection, and adds the studio's SQL functions
/// (<see cref="JourneyStudioDbContext.CaseFold"/>). busy_timeout makes SQLite wait for
/// another writer's lock instead of failing at once with "database is locked"; synchronous is how long a commit waits
/// for the disk (<see cref="WriteDurability"/>). Both are connection settings, not stored in the file the way WAL mode is,
/// and connections are pooled and shared by both kinds of contexts, so they are set on every open.
/// </summary>
internal sealed class SqliteConnectionSetupInterceptor(WriteDurability durability) : DbConnectionInterceptor
{
    public const int BusyTimeoutMilliseconds = 10_000;

    // In WAL mode NORMAL syncs the log only at checkpoints, FULL at every commit; a FULL commit also makes every
    // NORMAL commit before it durable, since they precede it in the same log.
    private readonly string _pragmas = durability == WriteDurability.SignOn
        ? "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;"
        : "PRAGMA busy_timeout = 10000; PRAGMA synchronous = FULL;";

    // Kept by the connection and registered again by each open; set before the open, so it costs no extra call.
    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        AddFunctions(connection);
        return result;
    }

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        AddFunctions(connection);
        return ValueTask.FromResult(result);
    }

    private static void AddFunctions(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
            sqlite.CreateFunction<string?, string?>(JourneyStudioDbContext.SqliteCaseFoldFunction, value => value?.ToUpperInvariant(), isDeterministic: true);
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
