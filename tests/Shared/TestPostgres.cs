using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace JourneyStudio.Testing;

/// <summary>
/// Databases on the test PostgreSQL server that tests/run.sh starts (a throwaway cluster; connection string of a
/// superuser in <c>JOURNEYSTUDIO_TEST_POSTGRES</c>). A test database is a copy of a template that was migrated once
/// per server and build (<c>CREATE DATABASE ... TEMPLATE</c>), so a test pays milliseconds, not a migration.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "JOURNEYSTUDIO_TEST_POSTGRES";

    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static string? _template;

    /// <summary>The server's connection string; a test that needs it fails, naming how to get one, when it is not set.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException(
                $"This test runs on PostgreSQL and {Variable} is not set. `bash tests/run.sh` starts a throwaway cluster for the tests; "
                + "for a filtered run: `source tests/postgres-cluster.sh && start_test_postgres`, then `dotnet test ...` in that shell"
                + " (stop_test_postgres removes it).");

    /// <summary>A new database with the studio's current schema (no data); returns its connection string.</summary>
    public static async Task<string> CreateMigratedDatabaseAsync()
    {
        var template = await TemplateAsync();
        return await CreateDatabaseAsync($"TEMPLATE \"{template}\"");
    }

    /// <summary>A new, empty database (what an operator hands a first start); returns its connection string.</summary>
    public static Task<string> CreateEmptyDatabaseAsync() => CreateDatabaseAsync("TEMPLATE template0");

    /// <summary><see cref="CreateEmptyDatabaseAsync"/> for callers that cannot wait asynchronously (a host started synchronously).</summary>
    public static string CreateEmptyDatabase()
    {
        var name = "js_test_" + Guid.NewGuid().ToString("N");
        using var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ServerConnectionString) { Pooling = false }.ConnectionString);
        server.Open();
        using var command = server.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{name}\" TEMPLATE template0";
        command.ExecuteNonQuery();
        return ConnectionStringOf(name);
    }

    /// <summary><see cref="DropDatabaseAsync"/>, synchronously.</summary>
    public static void DropDatabase(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        using var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ServerConnectionString) { Pooling = false }.ConnectionString);
        server.Open();
        using var command = server.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)";
        command.ExecuteNonQuery();
    }

    /// <summary>Drops the database of <paramref name="connectionString"/>, ending any session still on it.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        await using var server = await OpenServerAsync();
        await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
    }

    /// <summary>The connection string of <paramref name="database"/> on the test server.</summary>
    public static string ConnectionStringOf(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database }.ConnectionString;

    private static async Task<string> CreateDatabaseAsync(string from)
    {
        var name = "js_test_" + Guid.NewGuid().ToString("N");
        await using (var server = await OpenServerAsync())
        {
            // Copying a template needs it idle; another test process may be copying it at the same moment.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await ExecuteAsync(server, $"CREATE DATABASE \"{name}\" {from}");
                    break;
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 50)
                {
                    await Task.Delay(20 * attempt);
                }
            }
        }
        return ConnectionStringOf(name);
    }

    private static async Task<string> TemplateAsync()
    {
        if (_template is not null) return _template;
        await TemplateGate.WaitAsync();
        try
        {
            if (_template is not null) return _template;
            var options = new DbContextOptionsBuilder<JourneyStudioDbContext>();
            JourneyStudioDataServiceCollectionExtensions.ConfigurePostgres(options, ServerConnectionString);
            string lastMigration;
            await using (var probe = new JourneyStudioDbContext(options.Options))
                lastMigration = probe.Database.GetMigrations().Last();
            // One template per schema: a cluster kept across builds never hands out an outdated one.
            var template = "js_template_" + lastMigration.ToLowerInvariant();

            await using var server = await OpenServerAsync();
            // Test processes run side by side: one migrates, the others wait and then find the template.
            await ExecuteAsync(server, $"SELECT pg_advisory_lock({DatabaseConcurrency.AdvisoryLockKey("test-template")})");
            await using var found = server.CreateCommand();
            found.CommandText = "SELECT count(*) FROM pg_database WHERE datname = @name";
            found.Parameters.AddWithValue("name", template);
            if ((long)(await found.ExecuteScalarAsync())! == 0)
            {
                var building = template + "_building";
                await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)");
                await ExecuteAsync(server, $"CREATE DATABASE \"{building}\" TEMPLATE template0");
                var buildingConnection = ConnectionStringOf(building);
                var migrate = new DbContextOptionsBuilder<JourneyStudioDbContext>();
                JourneyStudioDataServiceCollectionExtensions.ConfigurePostgres(migrate, buildingConnection);
                await using (var db = new JourneyStudioDbContext(migrate.Options))
                    await db.Database.MigrateAsync();
                NpgsqlConnection.ClearPool(new NpgsqlConnection(buildingConnection));
                // Renamed only when complete: a process that dies half way leaves no template that looks finished.
                await ExecuteAsync(server, $"ALTER DATABASE \"{building}\" RENAME TO \"{template}\"");
            }
            await ExecuteAsync(server, $"SELECT pg_advisory_unlock({DatabaseConcurrency.AdvisoryLockKey("test-template")})");
            return _template = template;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    private static async Task<NpgsqlConnection> OpenServerAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ServerConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
