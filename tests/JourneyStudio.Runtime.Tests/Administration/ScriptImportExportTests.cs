using System.Text.Json;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Validation;
using JourneyStudio.Runtime.Administration;
using JourneyStudio.Runtime.Audit;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Scripts;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Runtime.Tests.Administration;

/// <summary>
/// Scripts carried by frodo exports: stored as resources of their own on import, written back with the journeys that use
/// them on export. On our own multi-journey export in frodo's format (StudioScripts.journeys.json: a nesting journey
/// and the journey it nests, sharing legacy scripts, and a social journey with a next-generation script in lines form
/// and two Groovy scripts) and real SQLite.
/// </summary>
public sealed class ScriptImportExportTests : IAsyncLifetime
{
    private const string PickPathId = "9d2f4a61-3c7e-4b1a-a0d5-6e8b2c4f1a01";
    private const string RememberId = "9d2f4a61-3c7e-4b1a-a0d5-6e8b2c4f1a02";
    private const string CountId = "9d2f4a61-3c7e-4b1a-a0d5-6e8b2c4f1a03";
    private const string TraceId = "9d2f4a61-3c7e-4b1a-a0d5-6e8b2c4f1a04";
    private const string CheckUsernameId = "9d2f4a61-3c7e-4b1a-a0d5-6e8b2c4f1a05";
    private const string ProfileToUserId = "9d2f4a61-3c7e-4b1a-a0d5-6e8b2c4f1a06";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "journeystudio-scripts-" + Guid.NewGuid().ToString("N"));
    private ServiceProvider _services = null!;

    private JourneyAdminService Admin => _services.GetRequiredService<JourneyAdminService>();

    private ScriptStore Scripts => _services.GetRequiredService<ScriptStore>();

    private static string ReferenceExport =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ScriptExports", "StudioScripts.journeys.json"));

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
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private static AuditActor Actor => AuditActor.Studio("admin", null);

    [Fact]
    public async Task Import_OfAnExportWithScripts_StoresEachScriptOnce_GroovyIncluded()
    {
        var result = await Admin.ImportAsync(ReferenceExport, Actor);

        Assert.IsType<JourneyImportResult.Imported>(result);
        var scripts = await Scripts.ListAsync();
        Assert.Equal(7, scripts.Count); // the 4 that the nested and nesting journeys share, and the social journey's 3
        var pick = Assert.Single(scripts, s => s.Script.Name == "Studio pick path");
        Assert.Equal((PickPathId, "JAVASCRIPT", "AUTHENTICATION_TREE_DECISION_NODE", "1.0", 1),
            (pick.Script.Id, pick.Script.Language, pick.Script.Context, pick.Script.EvaluatorVersion, pick.Revision));
        Assert.StartsWith("// pick path: the first pass asks", pick.Script.Source); // the JSON-encoded string, decoded
        var check = Assert.Single(scripts, s => s.Script.Id == CheckUsernameId);
        Assert.Equal("2.0", check.Script.EvaluatorVersion);
        Assert.Equal(2, scripts.Count(s => s.Script.Language == "GROOVY"));
        Assert.Contains(scripts, s => s.Script.Language == "GROOVY" && s.Script.Name == "Studio OIDC normalization"); // named by the provider only
        var audited = await _services.GetRequiredService<DatabaseAuditLog>().QueryAsync(new AuditQuery { Action = AuditActions.ScriptSave });
        Assert.Equal(7, audited.Total);
        Assert.Contains(audited.Entries, e => e.Event.Target == "Studio pick path" && e.Event.RevisionAfter == 1 && e.Event.Actor == "admin");
    }

    [Fact]
    public async Task Export_OfAnImportedJourney_WritesBackTheScriptsItUses_AsTheExportHadThem()
    {
        await Admin.ImportAsync(ReferenceExport, Actor);

        var export = await Admin.ExportWithDependenciesAsync("Studio Nesting");

        using var original = JsonDocument.Parse(ReferenceExport);
        using var exported = JsonDocument.Parse(export!.Json);
        Assert.Equal(["Studio Nesting", "Studio Nested"], export.JourneyNames);
        foreach (var name in export.JourneyNames)
        {
            var before = original.RootElement.GetProperty("trees").GetProperty(name);
            var after = exported.RootElement.GetProperty("trees").GetProperty(name);
            Assert.True(JsonElement.DeepEquals(before.GetProperty("scripts"), after.GetProperty("scripts")),
                $"{name}: the scripts section differs:\n{after.GetProperty("scripts")}");
            Assert.True(JsonElement.DeepEquals(before.GetProperty("nodes"), after.GetProperty("nodes")), $"{name}: nodes differ");
            // The tree's wiring; the writer's own additions (noSession, an empty categories list left out) are not this test's business.
            foreach (var field in new[] { "nodes", "staticNodes", "entryNodeId" })
                Assert.True(JsonElement.DeepEquals(before.GetProperty("tree").GetProperty(field), after.GetProperty("tree").GetProperty(field)), $"{name}: tree.{field} differs");
        }
        Assert.Equal(4, exported.RootElement.GetProperty("trees").GetProperty("Studio Nested").GetProperty("scripts").EnumerateObject().Count());
    }

    [Fact]
    public async Task Reimport_OfTheExport_AddsNoScriptRevision_AndAChangedScriptGetsTheNextOne()
    {
        await Admin.ImportAsync(ReferenceExport, Actor);
        var export = (await Admin.ExportWithDependenciesAsync("Studio Nested"))!.Json;

        await Admin.ImportAsync(export, Actor);
        await Admin.ImportAsync(export.Replace("sharedState.put('remembered', ", "sharedState.put('remembered', 'changed ' + "), Actor);

        var changed = await Scripts.FindAsync(RememberId);
        Assert.Equal(2, changed!.Revision);
        Assert.Contains("'changed ' + ", changed.Script.Source);
        Assert.Equal(1, (await Scripts.FindAsync(TraceId))!.Revision);
    }

    [Fact]
    public async Task StoredJourneys_DoNotCarryTheirScripts_TheScriptStoreDoes()
    {
        await Admin.ImportAsync(ReferenceExport, Actor);

        var stored = await _services.GetRequiredService<JourneyStore>().GetAsync("Studio Nested");

        Assert.False(stored!.Journey.ExtraExportSections.ContainsKey("scripts"));
    }

    [Fact]
    public async Task AScriptInLinesForm_IsStoredAsText_AndExportedBackAsLines_BesideAGroovyScriptInStringForm()
    {
        await Admin.ImportAsync(ReferenceExport, Actor);

        var export = (await Admin.ExportWithDependenciesAsync("Studio Social"))!.Json;

        using var original = JsonDocument.Parse(ReferenceExport);
        var before = original.RootElement.GetProperty("trees").GetProperty("Studio Social").GetProperty("scripts");
        var lines = before.GetProperty(CheckUsernameId).GetProperty("script").EnumerateArray().Select(l => l.GetString()!).ToList();
        var stored = await Scripts.FindAsync(CheckUsernameId);
        Assert.Equal(string.Join('\n', lines), stored!.Script.Source);
        using var exported = JsonDocument.Parse(export);
        var after = exported.RootElement.GetProperty("trees").GetProperty("Studio Social").GetProperty("scripts");
        Assert.Equal(JsonValueKind.Array, after.GetProperty(CheckUsernameId).GetProperty("script").ValueKind);
        Assert.True(JsonElement.DeepEquals(before.GetProperty(CheckUsernameId), after.GetProperty(CheckUsernameId)), after.GetProperty(CheckUsernameId).ToString());
        Assert.Equal(JsonValueKind.String, after.GetProperty(ProfileToUserId).GetProperty("script").ValueKind);
        Assert.True(JsonElement.DeepEquals(before.GetProperty(ProfileToUserId), after.GetProperty(ProfileToUserId)), after.GetProperty(ProfileToUserId).ToString());
    }

    [Fact]
    public async Task Import_OfABrokenScript_IsRejectedWithItsPath_AndSavesNothing()
    {
        var json = ReferenceExport.Replace("\"language\": \"GROOVY\"", "\"language\": \"PYTHON\"");

        var result = await Admin.ImportAsync(json, Actor);

        var rejected = Assert.IsType<JourneyImportResult.Rejected>(result);
        Assert.Contains(rejected.Errors, e => e.Path.StartsWith("$.trees['Studio Social'].scripts['", StringComparison.Ordinal) && e.Path.EndsWith(".language", StringComparison.Ordinal));
        Assert.Empty(await Scripts.ListAsync());
        Assert.Empty(await _services.GetRequiredService<JourneyStore>().ListAsync());
    }

    [Fact]
    public async Task Validation_ReportsAGroovyScript_AsNotRunnable_AndASyntaxErrorWithItsLine()
    {
        await Admin.ImportAsync(ReferenceExport, Actor);
        Assert.DoesNotContain((await Admin.ValidateAsync("Studio Nested"))!.Findings, f => f.Code.StartsWith("script-", StringComparison.Ordinal));
        // The nested journey's 'count' node runs the count script; point it at a Groovy script and break another script.
        var export = (await Admin.ExportWithDependenciesAsync("Studio Nested"))!.Json
            .Replace($"\"script\": \"{CountId}\"", $"\"script\": \"{ProfileToUserId}\"");
        await Admin.ImportAsync(export, Actor);
        await Scripts.SaveAsync([(await Scripts.FindAsync(RememberId))!.Script with { Source = "var a = ;\n" }], "admin");

        var report = await Admin.ValidateAsync("Studio Nested");

        Assert.Contains(report!.Findings, f => f is { Code: ScriptValidator.NotRunnableCode, Severity: FindingSeverity.Error }
            && f.Message.Contains("GROOVY"));
        Assert.Contains(report.Findings, f => f.Code == ScriptValidator.SyntaxErrorCode && f.Message.Contains("at line 1"));
        Assert.DoesNotContain(report.Findings, f => f.Code == ScriptValidator.MissingCode);
    }
}
