using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JourneyStudio.Runtime.Tests.Persistence;

public sealed class JourneyStudioDatabaseTests
{
    [Fact]
    public async Task Initialize_FirstStart_CreatesDirectoryFileAndSchemaInWalMode()
    {
        await using var db = await TestDatabase.StartAsync();

        Assert.Equal(Path.Combine(db.DataDirectory, "journeystudio.db"), db.DatabasePath);
        Assert.True(File.Exists(db.DatabasePath));
        Assert.Equal("wal", db.QueryScalar("PRAGMA journal_mode"));
        await using (var context = db.CreateContext())
            Assert.Equal(context.Database.GetMigrations().Last(), db.QueryScalar("SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId DESC LIMIT 1"));
        foreach (var table in new[] { "Journeys", "JourneyRevisions", "AdminAccounts", "Identities", "MfaDevices", "JourneySessions", "RealmServiceSettings" })
            Assert.Equal(1L, db.QueryScalar($"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'"));
    }

    [Fact]
    public async Task Model_ComparedWithMigrations_NoChangeWithoutMigration()
    {
        await using var db = await TestDatabase.StartAsync();
        await using var context = db.CreateContext();

        // Fails when an entity changed and nobody ran `dotnet ef migrations add`.
        Assert.False(context.Database.HasPendingModelChanges());
        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Restart_SameDataDirectory_RevisionsAndContentSurvive()
    {
        await using var db = await TestDatabase.StartAsync();
        var first = TestJourneys.Login("Login");
        var second = TestJourneys.Edited(first, "second");
        await db.Journeys.CreateAsync(first, "alice");
        await db.Journeys.SaveAsync(second, 1, "bob", "note");

        await using var restarted = await db.RestartAsync();

        var current = await restarted.Journeys.GetAsync("Login");
        Assert.Equal(2, current?.Revision);
        TestJourneys.AssertSame(second, current!.Journey);
        TestJourneys.AssertSame(first, (await restarted.Journeys.GetRevisionAsync("Login", 1))!.Journey);
        Assert.Equal(new[] { (2, "bob", (string?)"note"), (1, "alice", "Created") },
            (await restarted.Journeys.ListRevisionsAsync("Login"))!.Select(r => (r.Revision, r.SavedBy, r.Note)));
        Assert.Equal(new SaveResult.Conflict(2), await restarted.Journeys.SaveAsync(first, 1, "alice"));
    }

    [Fact]
    public void Options_NothingConfigured_DataFolderUnderWorkingDirectory()
    {
        using var services = new ServiceCollection()
            .AddJourneyStudioData(new ConfigurationBuilder().Build())
            .BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<JourneyStudioDataOptions>>().Value;

        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "data", "journeystudio.db"), options.DatabasePath);
        Assert.Equal("admin", options.Admin.Username);
        Assert.Null(options.Admin.Password);
    }

    [Fact]
    public void Options_EnvironmentStyleKeys_Bound()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["JourneyStudio:DataDirectory"] = "/var/lib/journeystudio",
            ["JourneyStudio:Admin:Username"] = "root",
            ["JourneyStudio:Admin:Password"] = "correct horse",
        }).Build();
        using var services = new ServiceCollection().AddJourneyStudioData(configuration).BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<JourneyStudioDataOptions>>().Value;

        Assert.Equal("/var/lib/journeystudio/journeystudio.db", options.DatabasePath);
        Assert.Equal(("root", "correct horse"), (options.Admin.Username, options.Admin.Password));
    }

    [Fact]
    public void Options_EmptyDataDirectory_RefusedWithSettingName()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["JourneyStudio:DataDirectory"] = " " }).Build();
        using var services = new ServiceCollection().AddJourneyStudioData(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<JourneyStudioDataOptions>>().Value);
        Assert.Contains("JourneyStudio:DataDirectory must not be empty.", error.Message);
    }
}
