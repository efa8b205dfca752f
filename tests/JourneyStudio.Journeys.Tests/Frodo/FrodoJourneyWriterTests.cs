using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using JourneyStudio.Journeys.Frodo;
using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Tests.Frodo;

public sealed class FrodoJourneyWriterTests
{
    private static readonly JourneyNode Username = new()
    {
        Id = "c1", NodeType = "ValidatedUsernameNode", DisplayName = "User", NodeVersion = "2.0",
        Config = NodeConfig.FromObject(new Dictionary<string, object?> { ["usernameAttribute"] = "mail" }),
    };

    private static readonly JourneyNode Password = new() { Id = "c2", NodeType = "ValidatedPasswordNode", DisplayName = "Secret" };

    private static readonly JourneyNode Page = new()
    {
        Id = "p1", NodeType = "PageNode", DisplayName = "Login", X = 100, Y = 80.5,
        Children = [Username, Password],
        Config = NodeConfig.FromObject(new Dictionary<string, object?> { ["pageHeader"] = new Dictionary<string, string> { ["en"] = "Sign in" } }),
        Connections = ImmutableDictionary<string, string>.Empty.Add("outcome", "it1"),
    };

    private static readonly JourneyNode InnerTree = new()
    {
        Id = "it1", NodeType = "InnerTreeEvaluatorNode", DisplayName = "Check",
        Config = NodeConfig.FromObject(new Dictionary<string, object?> { ["tree"] = "Other", ["displayErrorOutcome"] = true }),
        Connections = ImmutableDictionary<string, string>.Empty.Add("true", StaticNodeIds.Success).Add("error", StaticNodeIds.Failure),
    };

    private static readonly Journey Designed = new()
    {
        Name = "Designed",
        EntryNodeId = "p1",
        Nodes = [Page, InnerTree],
    };

    private static JsonElement Export(Journey journey)
    {
        using var document = JsonDocument.Parse(FrodoJourneyWriter.WriteSingle(journey, TestCatalog.Known));
        return document.RootElement.Clone();
    }

    private static IEnumerable<string> OutcomeIds(JsonElement config) =>
        config.GetProperty("_outcomes").EnumerateArray().Select(o => o.GetProperty("id").GetString()!);

    [Fact]
    public void Meta_NamesJourneyStudioAndTheExportTime()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var meta = Export(Designed).GetProperty("meta");

        Assert.Equal("JourneyStudio", meta.GetProperty("origin").GetString());
        Assert.Equal("JourneyStudio", meta.GetProperty("exportTool").GetString());
        Assert.False(string.IsNullOrEmpty(meta.GetProperty("exportToolVersion").GetString()));
        var date = DateTimeOffset.Parse(meta.GetProperty("exportDate").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(date, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.EndsWith("Z", meta.GetProperty("exportDate").GetString());
    }

    [Fact]
    public void KnownType_GetsTypeAndOutcomesFromTheCatalog_FollowingItsConfig()
    {
        var config = Export(Designed).GetProperty("nodes").GetProperty("it1");

        Assert.Equal("it1", config.GetProperty("_id").GetString());
        Assert.Equal("Other", config.GetProperty("tree").GetString());
        var type = config.GetProperty("_type");
        Assert.Equal("InnerTreeEvaluatorNode", type.GetProperty("_id").GetString());
        Assert.Equal("Fake Inner Tree", type.GetProperty("name").GetString());
        Assert.True(type.GetProperty("collection").GetBoolean());
        Assert.Equal(["true", "false", "error"], OutcomeIds(config));
        Assert.Equal("Error", config.GetProperty("_outcomes")[2].GetProperty("displayName").GetString());
    }

    [Fact]
    public void PageNode_GetsItsChildListBack_AndItsChildrenGoToInnerNodes()
    {
        var export = Export(Designed);
        var page = export.GetProperty("nodes").GetProperty("p1");

        var children = page.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(["c1", "c2"], children.Select(c => c.GetProperty("_id").GetString()));
        Assert.Equal(["User", "Secret"], children.Select(c => c.GetProperty("displayName").GetString()));
        Assert.Equal("2.0", children[0].GetProperty("nodeVersion").GetString());
        Assert.False(children[1].TryGetProperty("nodeVersion", out _));
        Assert.Equal("Sign in", page.GetProperty("pageHeader").GetProperty("en").GetString());
        Assert.Equal(["outcome"], OutcomeIds(page));

        var innerNodes = export.GetProperty("innerNodes");
        Assert.Equal(["c1", "c2"], innerNodes.EnumerateObject().Select(p => p.Name));
        Assert.Equal("mail", innerNodes.GetProperty("c1").GetProperty("usernameAttribute").GetString());
        Assert.False(export.GetProperty("tree").GetProperty("nodes").TryGetProperty("c1", out _));
    }

    [Fact]
    public void TreeNodes_CarryConnectionsPositionAndType()
    {
        var node = Export(Designed).GetProperty("tree").GetProperty("nodes").GetProperty("p1");

        Assert.Equal("it1", node.GetProperty("connections").GetProperty("outcome").GetString());
        Assert.Equal(100, node.GetProperty("x").GetDouble());
        Assert.Equal(80.5, node.GetProperty("y").GetDouble());
        Assert.Equal("PageNode", node.GetProperty("nodeType").GetString());
        Assert.Equal("Login", node.GetProperty("displayName").GetString());
    }

    [Fact]
    public void StudioSettings_GoToUiConfigAsStrings_OnlyWhenNotDefault()
    {
        var plain = Export(Designed).GetProperty("tree");
        var set = Export(Designed with
        {
            Settings = new JourneySettings
            {
                IsRealmDefault = true, ThemeOverride = "Dark", MaximumSessionDurationMinutes = 120, Categories = ["MFA", "Push"],
            },
        }).GetProperty("tree");

        Assert.Empty(plain.GetProperty("uiConfig").EnumerateObject());
        var ui = set.GetProperty("uiConfig");
        Assert.Equal("true", ui.GetProperty("realmDefault").GetString());
        Assert.Equal("Dark", ui.GetProperty("themeOverride").GetString());
        Assert.Equal("120", ui.GetProperty("maximumSessionDuration").GetString());
        Assert.Equal("[\"MFA\",\"Push\"]", ui.GetProperty("categories").GetString());
    }

    [Fact]
    public void AmSettings_AreWrittenAsTreeFields()
    {
        var tree = Export(Designed with
        {
            Description = "Sign on",
            Settings = new JourneySettings { IdentityResource = "managed/bravo_user", Enabled = false, InnerTreeOnly = true, NoSession = true, MustRun = true },
        }).GetProperty("tree");

        Assert.Equal("Designed", tree.GetProperty("_id").GetString());
        Assert.Equal("Sign on", tree.GetProperty("description").GetString());
        Assert.Equal("managed/bravo_user", tree.GetProperty("identityResource").GetString());
        Assert.Equal("p1", tree.GetProperty("entryNodeId").GetString());
        Assert.False(tree.GetProperty("enabled").GetBoolean());
        Assert.True(tree.GetProperty("innerTreeOnly").GetBoolean());
        Assert.True(tree.GetProperty("noSession").GetBoolean());
        Assert.True(tree.GetProperty("mustRun").GetBoolean());
    }

    [Fact]
    public void KeptAsideFields_AreWrittenBackWhereTheyCameFrom()
    {
        var journey = Assert.Single(FrodoJourneyReader.Read("""
            {"tree": {"_id": "A", "_rev": "12", "transactionalOnly": true,
              "uiConfig": {"annotations": "x", "categories": "[\"Frodo\"]"},
              "staticNodes": {"startNode": {"x": 1, "y": 2}, "odd": {"x": 3, "y": 4}}},
             "scripts": {"s1": {"name": "check"}}, "variables": {"v": 1}}
            """, TestCatalog.Known));

        var export = Export(journey);
        var tree = export.GetProperty("tree");

        Assert.Equal("12", tree.GetProperty("_rev").GetString());
        Assert.True(tree.GetProperty("transactionalOnly").GetBoolean());
        Assert.Equal("x", tree.GetProperty("uiConfig").GetProperty("annotations").GetString());
        Assert.Equal("[\"Frodo\"]", tree.GetProperty("uiConfig").GetProperty("categories").GetString());
        Assert.Equal(3, tree.GetProperty("staticNodes").GetProperty("odd").GetProperty("x").GetInt32());
        Assert.Equal(2, tree.GetProperty("staticNodes").GetProperty("startNode").GetProperty("y").GetInt32());
        Assert.Equal("check", export.GetProperty("scripts").GetProperty("s1").GetProperty("name").GetString());
        Assert.Equal(1, export.GetProperty("variables").GetProperty("v").GetInt32());
    }

    [Fact]
    public void JourneyWithoutDependencies_GetsFrodosEmptySections()
    {
        var export = Export(Designed);

        foreach (var section in new[] { "scripts", "emailTemplates", "socialIdentityProviders", "saml2Entities", "circlesOfTrust" })
            Assert.Empty(export.GetProperty(section).EnumerateObject());
        Assert.Equal(0, export.GetProperty("themes").GetArrayLength());
    }

    [Fact]
    public void WriteMulti_NestsEachJourneyUnderItsName()
    {
        using var document = JsonDocument.Parse(FrodoJourneyWriter.WriteMulti([Designed, Designed with { Name = "Copy" }], TestCatalog.Known));
        var trees = document.RootElement.GetProperty("trees");

        Assert.Equal("JourneyStudio", document.RootElement.GetProperty("meta").GetProperty("exportTool").GetString());
        Assert.Equal(["Designed", "Copy"], trees.EnumerateObject().Select(t => t.Name));
        Assert.Equal("Copy", trees.GetProperty("Copy").GetProperty("tree").GetProperty("_id").GetString());
        Assert.True(trees.GetProperty("Copy").TryGetProperty("innerNodes", out _));
        Assert.True(trees.GetProperty("Copy").TryGetProperty("scripts", out _));
    }

    [Fact]
    public void WriteMulti_RefusesTwoJourneysWithTheSameName()
    {
        var error = Assert.Throws<ArgumentException>(() => FrodoJourneyWriter.WriteMulti([Designed, Designed], TestCatalog.Known));

        Assert.Contains("'Designed'", error.Message);
    }

    [Fact]
    public void Write_RefusesANodeIdUsedTwice()
    {
        var clash = Designed with { Nodes = [Page, InnerTree with { Id = "c1" }] };

        var error = Assert.Throws<ArgumentException>(() => FrodoJourneyWriter.WriteSingle(clash, TestCatalog.Known));
        Assert.Contains("'c1'", error.Message);
    }

    [Fact]
    public void Write_RefusesAJourneyWithoutAName()
    {
        Assert.Throws<ArgumentException>(() => FrodoJourneyWriter.WriteSingle(Designed with { Name = "" }, TestCatalog.Known));
    }

    [Fact]
    public void DesignedJourney_RoundTripsThroughBothFormats()
    {
        var single = Assert.Single(FrodoJourneyReader.Read(FrodoJourneyWriter.WriteSingle(Designed, TestCatalog.Known), TestCatalog.Known));
        var multi = Assert.Single(FrodoJourneyReader.Read(FrodoJourneyWriter.WriteMulti([Designed], TestCatalog.Known), TestCatalog.Known));

        Assert.Empty(JourneyComparer.Differences(Designed, single));
        Assert.Empty(JourneyComparer.Differences(Designed, multi));
    }
}
