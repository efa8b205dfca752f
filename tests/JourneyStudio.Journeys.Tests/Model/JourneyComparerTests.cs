using System.Collections.Immutable;
using System.Text.Json;
using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Tests.Model;

public sealed class JourneyComparerTests
{
    private static readonly JourneyNode Child1 = new() { Id = "c1", NodeType = "ValidatedUsernameNode", DisplayName = "User" };
    private static readonly JourneyNode Child2 = new() { Id = "c2", NodeType = "ValidatedPasswordNode", DisplayName = "Password" };

    private static readonly JourneyNode Page = new()
    {
        Id = "p1", NodeType = "PageNode", DisplayName = "Login", X = 10, Y = 20,
        Children = [Child1, Child2],
        Connections = ImmutableDictionary<string, string>.Empty.Add("outcome", "d1"),
    };

    private static readonly JourneyNode Decision = new()
    {
        Id = "d1", NodeType = "DataStoreDecisionNode", DisplayName = "Check",
        Config = NodeConfig.FromObject(new Dictionary<string, object?> { ["retries"] = 3 }),
        Connections = ImmutableDictionary<string, string>.Empty.Add("true", StaticNodeIds.Success).Add("false", StaticNodeIds.Failure),
    };

    private static readonly Journey Sample = new()
    {
        Name = "Login",
        Description = "Sign on",
        EntryNodeId = "p1",
        Nodes = [Page, Decision],
        ExtraTreeFields = ImmutableDictionary<string, JsonElement>.Empty.Add("_rev", JsonSerializer.SerializeToElement("1")),
        ExtraExportSections = ImmutableDictionary<string, JsonElement>.Empty.Add("scripts", JsonSerializer.SerializeToElement(new { s1 = 1 })),
    };

    private static string Single(Journey changed) => Assert.Single(JourneyComparer.Differences(Sample, changed));

    [Fact]
    public void EqualJourneys_HaveNoDifferences()
    {
        var copy = Sample with
        {
            Nodes = [Decision with { Config = NodeConfig.FromObject(new Dictionary<string, object?> { ["retries"] = 3 }) }, Page],
            ExtraTreeFields = ImmutableDictionary<string, JsonElement>.Empty.Add("_rev", JsonDocument.Parse("\"1\"").RootElement),
        };

        Assert.Empty(JourneyComparer.Differences(Sample, copy));
    }

    [Fact]
    public void JourneyLevelChanges_AreNamed()
    {
        Assert.Contains("name", Single(Sample with { Name = "Other" }));
        Assert.Contains("description", Single(Sample with { Description = "" }));
        Assert.Contains("entry node", Single(Sample with { EntryNodeId = "d1" }));
        Assert.Contains("settings.enabled", Single(Sample with { Settings = new JourneySettings { Enabled = false } }));
        Assert.Contains("settings.themeOverride", Single(Sample with { Settings = new JourneySettings { ThemeOverride = "Dark" } }));
        Assert.Contains("settings.maximumSessionDuration", Single(Sample with { Settings = new JourneySettings { MaximumSessionDurationMinutes = 5 } }));
        Assert.Contains("settings.categories", Single(Sample with { Settings = new JourneySettings { Categories = ["MFA"] } }));
        Assert.Contains("start position", Single(Sample with { StartPosition = new NodePosition(1, 1) }));
        Assert.Contains("success position", Single(Sample with { SuccessPosition = new NodePosition(1, 1) }));
        Assert.Contains("failure position", Single(Sample with { FailurePosition = new NodePosition(1, 1) }));
    }

    [Fact]
    public void NodeChanges_NameTheNodeAndWhatChanged()
    {
        Assert.Equal("node 'd1' type: \"DataStoreDecisionNode\" vs \"Other\"", Single(Sample.ReplaceNode(Decision with { NodeType = "Other" })));
        Assert.Contains("node 'd1' display name", Single(Sample.ReplaceNode(Decision with { DisplayName = "x" })));
        Assert.Contains("node 'd1' position: (0, 0) vs (5, 0)", Single(Sample.ReplaceNode(Decision with { X = 5 })));
        Assert.Contains("node 'd1' node version", Single(Sample.ReplaceNode(Decision with { NodeVersion = "2.0" })));
        Assert.Equal("node 'd1' config 'retries': 3 vs 4", Single(Sample.ReplaceNode(Decision with { Config = Decision.Config.With("retries", 4) })));
        Assert.Contains("node 'd1' config 'extra': (absent) vs true", Single(Sample.ReplaceNode(Decision with { Config = Decision.Config.With("extra", true) })));
        Assert.Contains("node 'd1' connection 'false'", Single(Sample.ReplaceNode(Decision.WithConnection("false", null))));
    }

    [Fact]
    public void PageChildren_AreComparedInOrder()
    {
        Assert.Contains("node 'p1' children: [c1, c2] vs [c2, c1]", Single(Sample.ReplaceNode(Page with { Children = [Child2, Child1] })));
        Assert.Contains("node 'p1' child 'c1' display name", Single(Sample.ReplaceNode(Page with { Children = [Child1 with { DisplayName = "Name" }, Child2] })));
        Assert.Contains("node 'p1' child 'c2' config 'x'", Single(Sample.ReplaceNode(Page with { Children = [Child1, Child2 with { Config = NodeConfig.Empty.With("x", 1) }] })));
    }

    [Fact]
    public void AddedAndRemovedNodes_AreReported()
    {
        var differences = JourneyComparer.Differences(Sample, Sample with { Nodes = [Page, Decision with { Id = "d2" }] });

        Assert.Contains(differences, d => d.Contains("node 'd1'") && d.Contains("only in the first"));
        Assert.Contains(differences, d => d.Contains("node 'd2'") && d.Contains("only in the second"));
    }

    [Fact]
    public void ExtraFieldsAndSections_AreComparedStructurally()
    {
        Assert.Contains("extra tree field '_rev'", Single(Sample with { ExtraTreeFields = ImmutableDictionary<string, JsonElement>.Empty }));
        Assert.Contains("export section 'scripts': {\"s1\":1} vs {\"s1\":2}",
            Single(Sample with { ExtraExportSections = ImmutableDictionary<string, JsonElement>.Empty.Add("scripts", JsonSerializer.SerializeToElement(new { s1 = 2 })) }));
    }
}
