using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace JourneyStudio.Runtime.Persistence;

/// <summary>
/// Runs per-connection pragmas each time EF opens a connection. busy_timeout makes SQLite wait for
/// another writer's lock instead of failing at once with "database is locked"; it is a connection
/// setting, so it cannot be stored in the file the way WAL mode is.
/// </summary>
internal sealed class SqliteConnectionSetupInterceptor : DbConnectionInterceptor
{
    public const int BusyTimeoutMilliseconds = 10_000;

    private const string Pragmas = "PRAGMA busy_timeout = 10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
