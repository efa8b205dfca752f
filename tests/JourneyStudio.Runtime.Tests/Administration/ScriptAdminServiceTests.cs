using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Runtime.Administration;
using JourneyStudio.Runtime.Audit;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Scripts;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Runtime.Tests.Administration;

/// <summary>
/// Editing scripts as resources of their own (what the studio's Scripts page does), on real SQLite with the scripts of
/// StudioScripts.journeys.json: concurrent saves, Groovy kept without a compile check, names unique in any letter case.
/// </summary>
public sealed class ScriptAdminServiceTests : IAsyncLifetime
{
    private const string CountId = "9d2f4a61-3c7e-4b1a-a0d5-6e8b2c4f1a03";
    private const string ProfileToUserId = "9d2f4a61-3c7e-4b1a-a0d5-6e8b2c4f1a06";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "journeystudio-script-admin-" + Guid.NewGuid().ToString("N"));
    private ServiceProvider _services = null!;

    private ScriptAdminService Admin => _services.GetRequiredService<ScriptAdminService>();

    private ScriptStore Scripts => _services.GetRequiredService<ScriptStore>();

    private static AuditActor Alice => AuditActor.Studio("alice", "127.0.0.1");

    private static AuditActor Bob => AuditActor.Studio("bob", "127.0.0.2");

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["JourneyStudio:DataDirectory"] = _root }).Build();
        _services = new ServiceCollection()
            .AddSingleton(NodeCatalog.Default)
            .AddSingleton<IJourneyCodec, FrodoJourneyCodec>()
            .AddJourneyStudioData(configuration)
            .AddJourneyStudioAdministration()
            .BuildServiceProvider();
        await JourneyStudioDatabase.InitializeAsync(_services);
        var export = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "ScriptExports", "StudioScripts.journeys.json"));
        Assert.IsType<JourneyImportResult.Imported>(await _services.GetRequiredService<JourneyAdminService>().ImportAsync(export, AuditActor.System));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task TwoSavesOnTheSameRevisionAtOnce_OneIsSaved_TheOtherIsRefusedAsStale_AndNeitherTextIsLost()
    {
        var saves = await Task.WhenAll(
            Admin.SaveAsync(CountId, "outcome = 'alice';\n", 1, Alice),
            Admin.SaveAsync(CountId, "outcome = 'bob';\n", 1, Bob));

        var saved = Assert.Single(saves.OfType<ScriptSaveResult.Saved>());
        var stale = Assert.Single(saves.OfType<ScriptSaveResult.Stale>());
        Assert.Equal(2, stale.CurrentRevision);
        var stored = (await Scripts.FindAsync(CountId))!;
        Assert.Equal((2, saved.Script.Script.Source), (stored.Revision, stored.Script.Source));
        Assert.Equal(2, (await Scripts.ListRevisionsAsync(CountId))!.Count);
        Assert.Equal(saved.Script.Script.Source == "outcome = 'alice';\n" ? "alice" : "bob", stale.SavedBy);
    }

    [Fact]
    public async Task Groovy_IsSavedWithoutACompileCheck_AsANewRevision()
    {
        var groovy = "import org.forgerock.json.JsonValue\ndef profile = normalizedProfile\nreturn json(object(field('userName', profile.username)))\n";

        var result = await Admin.SaveAsync(ProfileToUserId, groovy, 1, Alice);

        var saved = Assert.IsType<ScriptSaveResult.Saved>(result);
        Assert.Equal(("GROOVY", 2, groovy), (saved.Script.Script.Language, saved.Script.Revision, saved.Script.Script.Source));
    }

    [Fact]
    public async Task Create_RefusesANameTakenInAnyCase_AnEmptyName_AndAnUnknownEvaluatorVersion_SavingNothing()
    {
        var taken = Assert.IsType<ScriptSaveResult.Invalid>(await Admin.CreateAsync("studio COUNT", "1.0", Alice));
        var empty = Assert.IsType<ScriptSaveResult.Invalid>(await Admin.CreateAsync("   ", "1.0", Alice));
        var version = Assert.IsType<ScriptSaveResult.Invalid>(await Admin.CreateAsync("Fresh", "3.0", Alice));

        Assert.Equal(("name", "name", "evaluatorVersion"), (taken.Field, empty.Field, version.Field));
        Assert.Contains("already exists", taken.Message);
        Assert.Equal(7, (await Scripts.ListAsync()).Count);
        var refused = (await _services.GetRequiredService<DatabaseAuditLog>().QueryAsync(new AuditQuery { Action = AuditActions.ScriptSave, Succeeded = false })).Total;
        Assert.Equal(3, refused);
    }

    [Fact]
    public async Task Restore_OfAMissingRevision_IsNotFound_AndOfTheCurrentText_AddsNoRevision()
    {
        Assert.IsType<ScriptSaveResult.NotFound>(await Admin.RestoreAsync(CountId, 9, 1, Alice));
        Assert.IsType<ScriptSaveResult.Unchanged>(await Admin.RestoreAsync(CountId, 1, 1, Alice));
        Assert.Equal(1, (await Scripts.FindAsync(CountId))!.Revision);
    }
}
