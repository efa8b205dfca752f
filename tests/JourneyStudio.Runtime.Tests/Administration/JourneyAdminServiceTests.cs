using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Frodo;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Validation;
using JourneyStudio.Runtime.Administration;
using JourneyStudio.Runtime.Audit;
using JourneyStudio.Runtime.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Runtime.Tests.Administration;

/// <summary>The journey operations the admin API and the studio pages share, on a real SQLite file.</summary>
public sealed class JourneyAdminServiceTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "journeystudio-admin-" + Guid.NewGuid().ToString("N"));
    private ServiceProvider _services = null!;

    private JourneyStore Store => _services.GetRequiredService<JourneyStore>();

    private JourneyAdminService Admin => _services.GetRequiredService<JourneyAdminService>();

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

    private static AuditActor Actor(string name) => AuditActor.Studio(name, null);

    private static Journey Simple(string name, bool realmDefault = false) => new()
    {
        Name = name,
        EntryNodeId = StaticNodeIds.Success,
        Settings = new JourneySettings { IsRealmDefault = realmDefault },
    };

    /// <summary>Start -> Page(username, password) -> inner journey -> Success/Failure.</summary>
    private static Journey WithPageAndInner(string name, params string[] innerJourneys)
    {
        var nodes = new List<JourneyNode>
        {
            new()
            {
                Id = "page", NodeType = NodeCatalog.PageNodeType, DisplayName = "Sign on",
                Connections = new Dictionary<string, string> { ["outcome"] = innerJourneys.Length > 0 ? "inner-0" : StaticNodeIds.Success },
                Children =
                [
                    new JourneyNode { Id = "user", NodeType = NodeTypeIds.PlatformUsername, DisplayName = "Username" },
                    new JourneyNode { Id = "password", NodeType = NodeTypeIds.PlatformPassword, DisplayName = "Password" },
                ],
            },
        };
        for (var i = 0; i < innerJourneys.Length; i++)
            nodes.Add(new JourneyNode
            {
                Id = $"inner-{i}", NodeType = NodeCatalog.InnerTreeNodeType, DisplayName = $"Run {innerJourneys[i]}",
                Config = NodeConfig.FromObject(new Dictionary<string, object?> { ["tree"] = innerJourneys[i] }),
                Connections = new Dictionary<string, string>
                {
                    ["true"] = i + 1 < innerJourneys.Length ? $"inner-{i + 1}" : StaticNodeIds.Success,
                    ["false"] = StaticNodeIds.Failure,
                },
            });
        return new Journey { Name = name, EntryNodeId = "page", Nodes = nodes };
    }

    [Fact]
    public void Duplicate_GivesEveryNodeANewIdAndRewiresConnectionsAndEntry()
    {
        var source = WithPageAndInner("Original", "Inner");

        var copy = JourneyAdminService.Duplicate(source, "Original copy");

        var oldIds = source.AllNodes().Select(n => n.Id).ToHashSet();
        Assert.Equal("Original copy", copy.Name);
        Assert.Equal(source.AllNodes().Count(), copy.AllNodes().Count());
        Assert.All(copy.AllNodes(), n => Assert.True(Guid.TryParse(n.Id, out _) && !oldIds.Contains(n.Id), n.Id));
        var page = copy.FindNode(copy.EntryNodeId)!;
        Assert.Equal(NodeCatalog.PageNodeType, page.NodeType);
        Assert.Equal(["Username", "Password"], page.Children.Select(c => c.DisplayName));
        var inner = copy.FindNode(page.Connections["outcome"])!;
        Assert.Equal("Run Inner", inner.DisplayName);
        Assert.Equal(StaticNodeIds.Success, inner.Connections["true"]);
        Assert.Equal(StaticNodeIds.Failure, inner.Connections["false"]);
        Assert.DoesNotContain(JourneyValidator.Validate(copy, NodeCatalog.Default, n => n == "Inner" ? Simple("Inner") : null),
            f => f.Severity == FindingSeverity.Error);
    }

    [Fact]
    public void Duplicate_OfTheRealmDefault_IsNotTheRealmDefault()
    {
        var copy = JourneyAdminService.Duplicate(Simple("Default", realmDefault: true), "Default copy");

        Assert.False(copy.Settings.IsRealmDefault);
    }

    [Fact]
    public void FreeCopyName_SkipsTakenNamesWithoutRegardToCase()
    {
        Assert.Equal("Login copy", JourneyAdminService.FreeCopyName("Login", new HashSet<string>()));
        Assert.Equal("Login copy 3", JourneyAdminService.FreeCopyName("Login",
            new HashSet<string>(["LOGIN COPY", "Login copy 2"], StringComparer.OrdinalIgnoreCase)));
    }

    [Fact]
    public void FreeCopyName_OfALongName_StaysWithinTheNameLimit()
    {
        var name = JourneyAdminService.FreeCopyName(new string('a', JourneyNameRules.MaxLength), new HashSet<string>());

        Assert.Equal(JourneyNameRules.MaxLength, name.Length);
        Assert.EndsWith(" copy", name);
        Assert.True(JourneyNameRules.IsValid(name));
    }

    [Fact]
    public async Task DuplicateAsync_SavesTheCopyUnderAFreeName()
    {
        await Store.CreateAsync(WithPageAndInner("Login"), "test");
        await Store.CreateAsync(Simple("Login copy"), "test");

        var (result, name) = await Admin.DuplicateAsync("login", Actor("test"));

        Assert.IsType<SaveResult.Saved>(result);
        Assert.Equal("Login copy 2", name);
        var copy = (await Store.GetAsync("Login copy 2"))!.Journey;
        Assert.Equal(3, copy.AllNodes().Count());
    }

    [Fact]
    public async Task DuplicateAsync_Unknown_IsNotFound()
    {
        var (result, name) = await Admin.DuplicateAsync("Nothing", Actor("test"));

        Assert.IsType<SaveResult.NotFound>(result);
        Assert.Null(name);
    }

    [Fact]
    public async Task Import_MultiExport_SavesAllAndGivesExistingOnesANewRevision()
    {
        await Store.CreateAsync(Simple("Existing"), "test");
        var export = FrodoJourneyWriter.WriteMulti([Simple("Existing") with { Description = "updated" }, Simple("Fresh")]);

        var result = await Admin.ImportAsync(export, Actor("importer"));

        var imported = Assert.IsType<JourneyImportResult.Imported>(result).Journeys;
        Assert.Equal([new ImportedJourney("Existing", 2, false), new ImportedJourney("Fresh", 1, true)], imported);
        Assert.Equal("updated", (await Store.GetAsync("Existing"))!.Journey.Description);
        Assert.Equal("importer", (await Store.ListRevisionsAsync("Fresh"))![0].SavedBy);
    }

    [Fact]
    public async Task Import_WithAFormatError_SavesNothingAndListsTheErrors()
    {
        var good = FrodoJourneyWriter.WriteMulti([Simple("Good one")]);
        var broken = good.Replace("\"entryNodeId\"", "\"entryNodeId\": 5, \"ignored\"");

        var result = await Admin.ImportAsync(broken, Actor("importer"));

        var errors = Assert.IsType<JourneyImportResult.Rejected>(result).Errors;
        Assert.Contains(errors, e => e.Path.EndsWith(".entryNodeId"));
        Assert.Empty(await Store.ListAsync());
    }

    [Fact]
    public async Task Import_BadNameOrTwoRealmDefaults_SavesNothing()
    {
        var badName = FrodoJourneyWriter.WriteSingle(Simple("Bad:name"));
        var twoDefaults = FrodoJourneyWriter.WriteMulti([Simple("One", realmDefault: true), Simple("Two", realmDefault: true)]);

        var nameErrors = Assert.IsType<JourneyImportResult.Rejected>(await Admin.ImportAsync(badName, Actor("t"))).Errors;
        var defaultErrors = Assert.IsType<JourneyImportResult.Rejected>(await Admin.ImportAsync(twoDefaults, Actor("t"))).Errors;

        Assert.Equal("$.tree._id", Assert.Single(nameErrors).Path);
        Assert.Contains("realm default", Assert.Single(defaultErrors).Message);
        Assert.Empty(await Store.ListAsync());
    }

    [Fact]
    public async Task Import_OfARealmDefault_MovesTheRealmDefault()
    {
        await Store.CreateAsync(Simple("Old default", realmDefault: true), "test");

        await Admin.ImportAsync(FrodoJourneyWriter.WriteSingle(Simple("New default", realmDefault: true)), Actor("t"));

        Assert.Equal("New default", (await Store.GetRealmDefaultAsync())!.Journey.Name);
        Assert.False((await Store.GetAsync("Old default"))!.Journey.Settings.IsRealmDefault);
    }

    [Fact]
    public async Task ExportWithDependencies_FollowsInnerJourneysRecursively_ThroughCycles_AndReportsMissingOnes()
    {
        await Store.CreateAsync(WithPageAndInner("A", "B"), "t");
        await Store.CreateAsync(WithPageAndInner("B", "C", "Missing"), "t");
        await Store.CreateAsync(WithPageAndInner("C", "A"), "t");
        await Store.CreateAsync(Simple("Unrelated"), "t");

        var export = await Admin.ExportWithDependenciesAsync("a");

        Assert.NotNull(export);
        Assert.Equal(["A", "B", "C"], export.JourneyNames);
        Assert.Equal(["Missing"], export.MissingReferences);
        Assert.Equal(["A", "B", "C"], FrodoJourneyReader.Read(export.Json).Select(j => j.Name));
    }

    [Fact]
    public async Task ExportAll_CarriesEveryJourney()
    {
        await Store.CreateAsync(Simple("One"), "t");
        await Store.CreateAsync(Simple("Two"), "t");

        var export = await Admin.ExportAllAsync();

        Assert.Equal(["One", "Two"], FrodoJourneyReader.Read(export.Json).Select(j => j.Name));
    }

    [Fact]
    public async Task List_CountsValidationErrorsAndWarningsPerJourney()
    {
        await Store.CreateAsync(Simple("Fine"), "t");
        await Store.CreateAsync(new Journey { Name = "Unwired" }, "t");
        await Store.CreateAsync(WithPageAndInner("Needs missing", "Nowhere"), "t");

        var list = (await Admin.ListAsync()).ToDictionary(o => o.Summary.Name);

        Assert.Equal(0, list["Fine"].ValidationErrors);
        Assert.True(list["Unwired"].ValidationErrors > 0);
        Assert.True(list["Needs missing"].ValidationErrors > 0);
    }

    [Fact]
    public async Task Validate_ResolvesInnerJourneysFromTheStore()
    {
        await Store.CreateAsync(WithPageAndInner("Outer", "Inner"), "t");
        var before = await Admin.ValidateAsync("Outer");
        await Store.CreateAsync(Simple("Inner"), "t");

        var after = await Admin.ValidateAsync("Outer");

        Assert.Contains(before!.Findings, f => f.Code == FindingCodes.InnerJourneyMissing);
        Assert.DoesNotContain(after!.Findings, f => f.Code == FindingCodes.InnerJourneyMissing);
        Assert.Null(await Admin.ValidateAsync("Nothing"));
    }

    [Fact]
    public async Task SetEnabled_SavesANewRevisionOnlyWhenItChanges()
    {
        await Store.CreateAsync(Simple("Toggle"), "t");

        var off = await Admin.SetEnabledAsync("Toggle", false, Actor("t"));
        var offAgain = await Admin.SetEnabledAsync("Toggle", false, Actor("t"));

        Assert.Equal(new SaveResult.Saved(2), off);
        Assert.Equal(new SaveResult.Saved(2), offAgain);
        Assert.False((await Store.GetAsync("Toggle"))!.Journey.Settings.Enabled);
    }
}
