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
/// them on export. On a real frodo-cli export (allAlphaJourneys.journey.json of frodo-cli's end-to-end tests) and real SQLite.
/// </summary>
public sealed class ScriptImportExportTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "journeystudio-scripts-" + Guid.NewGuid().ToString("N"));
    private ServiceProvider _services = null!;

    private JourneyAdminService Admin => _services.GetRequiredService<JourneyAdminService>();

    private ScriptStore Scripts => _services.GetRequiredService<ScriptStore>();

    private static string ReferenceExport =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ScriptExports", "frodo-cli_allAlphaJourneys.journey.json"));

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
    public async Task Import_OfARealExportWithScripts_StoresEachScriptOnce_GroovyIncluded()
    {
        var result = await Admin.ImportAsync(ReferenceExport, Actor);

        Assert.IsType<JourneyImportResult.Imported>(result);
        var scripts = await Scripts.ListAsync();
        Assert.Equal(12, scripts.Count); // the 8 of FrodoTest and the 4 that j00…j10 share
        var mode = Assert.Single(scripts, s => s.Script.Name == "mode");
        Assert.Equal(("5bbdaeff-ddee-44b9-b608-8d413d7d65a6", "JAVASCRIPT", "AUTHENTICATION_TREE_DECISION_NODE", "1.0", 1),
            (mode.Script.Id, mode.Script.Language, mode.Script.Context, mode.Script.EvaluatorVersion, mode.Revision));
        Assert.StartsWith("/* mode\n", mode.Script.Source);
        Assert.Contains(scripts, s => s.Script.Language == "GROOVY" && s.Script.Name == "Google Profile Normalization");
        var audited = await _services.GetRequiredService<DatabaseAuditLog>().QueryAsync(new AuditQuery { Action = AuditActions.ScriptSave });
        Assert.Equal(12, audited.Total);
        Assert.Contains(audited.Entries, e => e.Event.Target == "mode" && e.Event.RevisionAfter == 1 && e.Event.Actor == "admin");
    }

    [Fact]
    public async Task Export_OfAnImportedJourney_WritesBackTheScriptsItUses_AsTheExportHadThem()
    {
        await Admin.ImportAsync(ReferenceExport, Actor);

        var export = await Admin.ExportWithDependenciesAsync("j01");

        using var original = JsonDocument.Parse(ReferenceExport);
        using var exported = JsonDocument.Parse(export!.Json);
        Assert.Equal(["j01", "j00"], export.JourneyNames);
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
    }

    [Fact]
    public async Task Reimport_OfTheExport_AddsNoScriptRevision_AndAChangedScriptGetsTheNextOne()
    {
        await Admin.ImportAsync(ReferenceExport, Actor);
        var export = (await Admin.ExportWithDependenciesAsync("j00"))!.Json;

        await Admin.ImportAsync(export, Actor);
        await Admin.ImportAsync(export.Replace("outcome = 'true';", "outcome = 'true'; // changed"), Actor);

        var shared = await Scripts.FindAsync("1b52a7e0-4019-40fa-958a-15a49870e901");
        Assert.Equal(2, shared!.Revision);
        Assert.Contains("// changed", shared.Script.Source);
        Assert.Equal(1, (await Scripts.FindAsync("3cb43516-ae69-433a-8787-501d45db14e9"))!.Revision);
    }

    [Fact]
    public async Task StoredJourneys_DoNotCarryTheirScripts_TheScriptStoreDoes()
    {
        await Admin.ImportAsync(ReferenceExport, Actor);

        var stored = await _services.GetRequiredService<JourneyStore>().GetAsync("j00");

        Assert.False(stored!.Journey.ExtraExportSections.ContainsKey("scripts"));
    }

    [Fact]
    public async Task AScriptInLinesForm_RoundTripsAsLines()
    {
        var json = ReferenceExport;
        using (var document = JsonDocument.Parse(json))
        {
            var tree = document.RootElement.GetProperty("trees").GetProperty("j00");
            var single = System.Text.Json.Nodes.JsonNode.Parse(tree.GetRawText())!.AsObject();
            var script = single["scripts"]!["1b52a7e0-4019-40fa-958a-15a49870e901"]!.AsObject();
            script["script"] = new System.Text.Json.Nodes.JsonArray("(function () {", "  outcome = 'true';", "}());");
            json = single.ToJsonString();
        }

        await Admin.ImportAsync(json, Actor);
        var export = (await Admin.ExportWithDependenciesAsync("j00"))!.Json;

        var stored = await Scripts.FindAsync("1b52a7e0-4019-40fa-958a-15a49870e901");
        Assert.Equal("(function () {\n  outcome = 'true';\n}());", stored!.Script.Source);
        using var exported = JsonDocument.Parse(export);
        var lines = exported.RootElement.GetProperty("trees").GetProperty("j00").GetProperty("scripts")
            .GetProperty("1b52a7e0-4019-40fa-958a-15a49870e901").GetProperty("script");
        Assert.Equal(["(function () {", "  outcome = 'true';", "}());"], lines.EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public async Task Import_OfABrokenScript_IsRejectedWithItsPath_AndSavesNothing()
    {
        var json = ReferenceExport.Replace("\"language\": \"GROOVY\"", "\"language\": \"PYTHON\"");

        var result = await Admin.ImportAsync(json, Actor);

        var rejected = Assert.IsType<JourneyImportResult.Rejected>(result);
        Assert.Contains(rejected.Errors, e => e.Path.StartsWith("$.trees['FrodoTest'].scripts['", StringComparison.Ordinal) && e.Path.EndsWith(".language", StringComparison.Ordinal));
        Assert.Empty(await Scripts.ListAsync());
        Assert.Empty(await _services.GetRequiredService<JourneyStore>().ListAsync());
    }

    [Fact]
    public async Task Validation_ReportsAGroovyScript_AsNotRunnable_AndASyntaxErrorWithItsLine()
    {
        await Admin.ImportAsync(ReferenceExport, Actor);
        // j00's 'debug' node runs the debug script; point another node at a Groovy script and break one script.
        var export = (await Admin.ExportWithDependenciesAsync("j00"))!.Json
            .Replace("\"script\": \"41c24257-d7fc-4654-8b46-c2666dc5b56d\"", "\"script\": \"58d29080-4563-480b-89bb-1e7719776a21\"");
        await Admin.ImportAsync(export, Actor);
        await Scripts.SaveAsync([(await Scripts.FindAsync("1b52a7e0-4019-40fa-958a-15a49870e901"))!.Script with { Source = "var a = ;\n" }], "admin");

        var report = await Admin.ValidateAsync("j00");

        Assert.Contains(report!.Findings, f => f is { Code: ScriptValidator.NotRunnableCode, Severity: FindingSeverity.Error }
            && f.Message.Contains("GROOVY"));
        Assert.Contains(report.Findings, f => f.Code == ScriptValidator.SyntaxErrorCode && f.Message.Contains("at line 1"));
        Assert.DoesNotContain(report.Findings, f => f.Code == ScriptValidator.MissingCode);
    }
}
