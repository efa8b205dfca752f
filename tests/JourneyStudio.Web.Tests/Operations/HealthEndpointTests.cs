using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using JourneyStudio.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Web.Tests.Operations;

/// <summary>
/// <c>/health/live</c> and <c>/health/ready</c> as a load balancer calls them: anonymous, JSON, 200 or 503, and the
/// failing check named without any detail of the failure.
/// </summary>
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Live_IsOk_WithoutCredentials_AndChecksNothing()
    {
        await using var server = StudioServer.Start();

        var (status, body, response) = await GetAsync(server, "health/live");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", (string?)body["status"]);
        Assert.Empty(body["checks"]!.AsArray());
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Ready_OnANormalStart_IsOk_ListingEachCheck()
    {
        await using var server = StudioServer.Start();

        var (status, body, _) = await GetAsync(server, "health/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", (string?)body["status"]);
        Assert.Equal(new Dictionary<string, string> { ["database"] = "Healthy", ["migrations"] = "Healthy", ["keyRing"] = "Healthy" }, Checks(body));
    }

    [Fact]
    public async Task Ready_WithAMigrationNotApplied_Is503_NamingMigrations()
    {
        await using var server = StudioServer.Start();
        // As after restoring a backup taken before the last upgrade: the history lacks this build's newest migration.
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(server.DataDirectory, "journeystudio.db")}"))
        {
            await db.OpenAsync();
            await using var delete = db.CreateCommand();
            delete.CommandText = """DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = (SELECT MAX("MigrationId") FROM "__EFMigrationsHistory")""";
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
        }

        var (status, body, _) = await GetAsync(server, "health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", (string?)body["status"]);
        Assert.Equal(new Dictionary<string, string> { ["database"] = "Healthy", ["migrations"] = "Unhealthy", ["keyRing"] = "Healthy" }, Checks(body));
        Assert.Equal("1 database migration is not applied.", Description(body, "migrations"));
    }

    [Fact]
    public async Task Ready_WhenTheDatabaseFileIsNoLongerADatabase_Is503_NamingTheDatabase_WithoutDetails()
    {
        await using var server = StudioServer.Start();
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(server, "health/ready")).Status);

        // The file is overwritten (a bad restore, a disk fault); pooled connections are closed so the studio opens it again.
        var path = Path.Combine(server.DataDirectory, "journeystudio.db");
        SqliteConnection.ClearAllPools();
        foreach (var sidecar in new[] { path + "-wal", path + "-shm" })
            File.Delete(sidecar);
        await File.WriteAllBytesAsync(path, RandomNumberGenerator.GetBytes(64 * 1024));

        var (status, body, response) = await GetAsync(server, "health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        var checks = Checks(body);
        Assert.Equal("Unhealthy", checks["database"]);
        Assert.Equal("Healthy", checks["keyRing"]);
        Assert.Equal("The database cannot be reached or read.", Description(body, "database"));
        var text = body.ToJsonString();
        Assert.DoesNotContain("SQLite", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(server.DataDirectory, text);
        Assert.DoesNotContain("Exception", text);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Ready_WhenTheKeyRingCannotBeUsed_Is503_NamingTheKeyRing()
    {
        var keyRing = new BreakableDataProtection();
        await using var server = StudioServer.Start(configureServices: keyRing.Install);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(server, "health/ready")).Status);

        keyRing.Broken = true;
        var (status, body, _) = await GetAsync(server, "health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(new Dictionary<string, string> { ["database"] = "Healthy", ["migrations"] = "Healthy", ["keyRing"] = "Unhealthy" }, Checks(body));
        Assert.Equal("The key ring cannot protect and unprotect a probe value.", Description(body, "keyRing"));
        Assert.DoesNotContain(BreakableDataProtection.FailureMessage, body.ToJsonString());
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body, HttpResponseMessage Response)> GetAsync(StudioServer server, string path)
    {
        using var http = server.CreateClient();
        var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject(), response);
    }

    private static Dictionary<string, string> Checks(JsonObject body) =>
        body["checks"]!.AsArray().ToDictionary(c => (string)c!["name"]!, c => (string)c!["status"]!);

    private static string? Description(JsonObject body, string check) =>
        (string?)body["checks"]!.AsArray().Single(c => (string?)c!["name"] == check)!["description"];

    /// <summary>
    /// The studio's own Data Protection, until <see cref="Broken"/>: then every protector fails as one does when
    /// its key ring cannot be read (keys deleted, their store unreachable).
    /// </summary>
    private sealed class BreakableDataProtection
    {
        public const string FailureMessage = "The key ring store at /secret/path cannot be read.";

        public volatile bool Broken;

        public void Install(IServiceCollection services)
        {
            var original = services.Last(d => d.ServiceType == typeof(IDataProtectionProvider));
            services.Remove(original);
            services.AddSingleton<IDataProtectionProvider>(provider => new Provider(this, Create(original, provider)));
        }

        private static IDataProtectionProvider Create(ServiceDescriptor descriptor, IServiceProvider provider) =>
            (IDataProtectionProvider)(descriptor.ImplementationInstance
                ?? descriptor.ImplementationFactory?.Invoke(provider)
                ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));

        private sealed class Provider(BreakableDataProtection owner, IDataProtectionProvider inner) : IDataProtectionProvider
        {
            public IDataProtector CreateProtector(string purpose) => new Protector(owner, inner.CreateProtector(purpose));
        }

        private sealed class Protector(BreakableDataProtection owner, IDataProtector inner) : IDataProtector
        {
            public IDataProtector CreateProtector(string purpose) => new Protector(owner, inner.CreateProtector(purpose));

            public byte[] Protect(byte[] plaintext) =>
                owner.Broken ? throw new CryptographicException(FailureMessage) : inner.Protect(plaintext);

            public byte[] Unprotect(byte[] protectedData) =>
                owner.Broken ? throw new CryptographicException(FailureMessage) : inner.Unprotect(protectedData);
        }
    }
}
