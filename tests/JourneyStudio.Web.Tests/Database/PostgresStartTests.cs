using System.Net;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace JourneyStudio.Web.Tests.Database;

/// <summary>
/// Starting on PostgreSQL: the schema is migrated and the first start (first admin, shipped journeys) done exactly
/// once, however many instances start at the same moment; a first start is decided by the database, not by a file.
/// </summary>
public sealed class PostgresStartTests
{
    private const string AdminPassword = "Concurrent-start-password-1";

    [Fact]
    public async Task TwoProcesses_StartedAtOnceOnAnEmptyDatabase_BothBecomeReady_WithOneAdminAndTheShippedJourneysOnce()
    {
        var database = await TestPostgres.CreateEmptyDatabaseAsync();
        var work = Directory.CreateTempSubdirectory("journeystudio-concurrent-").FullName;
        try
        {
            await using var first = StartProcess(database, Path.Combine(work, "a"));
            await using var second = StartProcess(database, Path.Combine(work, "b"));

            var addresses = await Task.WhenAll(first.WaitForListeningAsync(TimeSpan.FromMinutes(2)), second.WaitForListeningAsync(TimeSpan.FromMinutes(2)));

            foreach (var address in addresses)
            {
                using var http = new HttpClient { BaseAddress = address };
                using var ready = await http.GetAsync("health/ready");
                Assert.True(ready.StatusCode == HttpStatusCode.OK, await ready.Content.ReadAsStringAsync());
            }
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            Assert.Equal(1L, await ScalarAsync(connection, "SELECT COUNT(*) FROM \"AdminAccounts\""));
            Assert.Equal(11L, await ScalarAsync(connection, "SELECT COUNT(*) FROM \"Journeys\""));
            Assert.Equal(11L, await ScalarAsync(connection, "SELECT COUNT(*) FROM \"JourneyRevisions\""));
            // Both used the one shared key ring.
            Assert.Equal(1L, await ScalarAsync(connection, "SELECT COUNT(*) FROM \"DataProtectionKeys\""));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task SecondStart_DoesNotBringBackADeletedShippedJourney_AndAFreshDataDirectoryChangesNothing()
    {
        await using (var first = StudioServer.Start(provider: DatabaseProvider.Postgres))
        {
            Assert.True(await first.Services.GetRequiredService<JourneyStore>().DeleteAsync("PasswordlessPush"));

            // Another instance, another (empty) data directory: the database says this is not a first start.
            await using var second = StudioServer.Start(postgresConnectionString: first.PostgresConnectionString);

            var names = (await second.Services.GetRequiredService<JourneyStore>().ListAsync()).Select(j => j.Name).ToList();
            Assert.DoesNotContain("PasswordlessPush", names);
            Assert.Equal(10, names.Count);
            Assert.NotNull(await second.Services.GetRequiredService<AdminAccountStore>().VerifyAsync(StudioServer.AdminUsername, StudioServer.AdminPassword));
        }
    }

    private static StudioProcess StartProcess(string database, string dataDirectory) =>
        StudioProcess.StartDll(StudioProcess.BuildOutputDll, StudioProcess.RepositoryRoot, new Dictionary<string, string>
        {
            ["JourneyStudio__Database__Provider"] = "postgres",
            ["JourneyStudio__Database__ConnectionString"] = database,
            ["JourneyStudio__DataDirectory"] = dataDirectory,
            ["JourneyStudio__Admin__Password"] = AdminPassword,
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        });

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
