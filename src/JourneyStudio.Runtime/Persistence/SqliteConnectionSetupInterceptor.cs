using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace JourneyStudio.Runtime.Persistence;

/// <summary>
/// Sets up each SQLite connection EF opens: foreign keys on (deleting a journey removes its revisions through ON DELETE
/// CASCADE); busy_timeout makes SQLite wait for another writer's lock instead of failing at
/// once with "database is locked" (statements outside transactions wait in <see cref="SqliteWriteGate"/> first); synchronous is how long a commit waits for the disk (<see cref="WriteDurability"/>);
/// the studio's SQL functions (<see cref="JourneyStudioDbContext.CaseFold"/>). All four belong to the native connection,
/// not to the file, and outlive a close: Microsoft.Data.Sqlite pools native connections, and both kinds of contexts share
/// that pool. So a native connection is set up when it is new, and its synchronous setting changed only when it was last
/// opened by the other kind; an open of a pooled connection (twice per sign-on step) runs no statement.
/// </summary>
internal sealed class SqliteConnectionSetupInterceptor(WriteDurability durability) : DbConnectionInterceptor
{
    public const int BusyTimeoutMilliseconds = 10_000;

    // The durability each live native connection was last set to; an entry goes with its connection.
    private static readonly ConditionalWeakTable<sqlite3, StrongBox<WriteDurability>> Applied = new();

    // In WAL mode NORMAL syncs the log only at checkpoints, FULL at every commit; a FULL commit also makes every
    // NORMAL commit before it durable, since they precede it in the same log.
    private readonly string _synchronous = durability == WriteDurability.SignOn ? "PRAGMA synchronous = NORMAL;" : "PRAGMA synchronous = FULL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (Pending(connection) is not { } handle) return;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = _synchronous;
            command.ExecuteNonQuery();
        }
        Applied.AddOrUpdate(handle, new StrongBox<WriteDurability>(durability));
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        if (Pending(connection) is not { } handle) return;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = _synchronous;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        Applied.AddOrUpdate(handle, new StrongBox<WriteDurability>(durability));
    }

    /// <summary>The native connection when its synchronous setting must be (re)applied; a new one gets its other settings here.</summary>
    private sqlite3? Pending(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle }) return null;
        if (Applied.TryGetValue(handle, out var applied)) return applied.Value == durability ? null : handle;
        ThrowOnError(handle, raw.sqlite3_exec(handle, "PRAGMA foreign_keys = ON;"));
        ThrowOnError(handle, raw.sqlite3_busy_timeout(handle, BusyTimeoutMilliseconds));
        ThrowOnError(handle, raw.sqlite3_create_function(handle, JourneyStudioDbContext.SqliteCaseFoldFunction, 1,
            raw.SQLITE_UTF8 | raw.SQLITE_DETERMINISTIC, null, CaseFold));
        return handle;
    }

    /// <summary><see cref="JourneyStudioDbContext.CaseFold"/> on SQLite: NULL stays NULL, anything else as text in upper case.</summary>
    private static void CaseFold(sqlite3_context context, object userData, sqlite3_value[] arguments)
    {
        if (raw.sqlite3_value_type(arguments[0]) == raw.SQLITE_NULL) raw.sqlite3_result_null(context);
        else raw.sqlite3_result_text(context, raw.sqlite3_value_text(arguments[0]).utf8_to_string().ToUpperInvariant());
    }

    private static void ThrowOnError(sqlite3 handle, int result)
    {
        if (result != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(result, handle);
    }
}
