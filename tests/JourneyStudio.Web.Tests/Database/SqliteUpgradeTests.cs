using System.Net;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Realms;
using JourneyStudio.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Web.Tests.Database;

/// <summary>
/// A data directory as the version before the shared key ring left it: a SQLite database at the migrations
/// InitialCreate + TrustAndOperations, and the key ring as files in keys/. The upgrade applies only the new migration
/// and imports the keys, so a secret they encrypted still decrypts.
/// </summary>
public sealed class SqliteUpgradeTests : IDisposable
{
    private const string OldLastMigration = "20261202101840_TrustAndOperations";
    private const string SnsSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private readonly string _dataDirectory = Path.Combine(Directory.CreateTempSubdirectory("journeystudio-upgrade-").FullName, "data");

    [Fact]
    public async Task ADatabaseOfTheEarlierMigrations_WithFileKeys_OpensMigratesAndStillDecryptsTheSnsSecret()
    {
        Directory.CreateDirectory(_dataDirectory);
        var databasePath = Path.Combine(_dataDirectory, "journeystudio.db");
        string protectedSecret;
        await using (var oldKeyRing = new ServiceCollection().AddDataProtection()
                         .SetApplicationName(JourneyStudioDataServiceCollectionExtensions.DataProtectionApplicationName)
                         .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(_dataDirectory, "keys"))).Services.BuildServiceProvider())
            protectedSecret = oldKeyRing.GetRequiredService<IDataProtectionProvider>().CreateProtector("JourneyStudio.Realms.SnsSecret.v1").Protect(SnsSecret);
        var options = new DbContextOptionsBuilder<JourneyStudioDbContext>();
        JourneyStudioDataServiceCollectionExtensions.ConfigureSqlite(options, JourneyStudioDataServiceCollectionExtensions.ConnectionString(databasePath));
        await using (var old = new JourneyStudioDbContext(options.Options))
        {
            await old.GetService<IMigrator>().MigrateAsync(OldLastMigration);
            old.RealmServiceSettings.Add(new RealmServiceSettings
            {
                Realm = "alpha", Transport = "sns", Region = "eu-west-1", AccessKeyId = "AKIAIOSFODNN7EXAMPLE",
                ProtectedSecretAccessKey = protectedSecret, UpdatedAt = DateTimeOffset.UtcNow, UpdatedBy = "admin",
            });
            await old.SaveChangesAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        await using var upgraded = StudioServer.Start(dataDirectory: _dataDirectory, keepDataDirectory: true);

        using (var http = upgraded.CreateClient())
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("health/ready")).StatusCode);
        await using (var db = await upgraded.Services.GetRequiredService<IDbContextFactory<JourneyStudioDbContext>>().CreateDbContextAsync())
        {
            var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
            Assert.Equal(["20261124195708_InitialCreate", OldLastMigration], applied.Take(2));
            Assert.Equal(db.Database.GetMigrations(), applied);
            Assert.Single(await db.DataProtectionKeys.ToListAsync());
        }
        var sns = await upgraded.Services.GetRequiredService<RealmServiceStore>().GetSnsOptionsAsync("alpha");
        Assert.Equal(SnsSecret, sns.SecretAccessKey);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_dataDirectory)!, recursive: true);
    }
}
