using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Administration;

namespace JourneyStudio.Runtime.Tests.Audit;

/// <summary>The audit log's few words on what a journey save changed: names and counts, never values.</summary>
public sealed class JourneyChangeSummaryTests
{
    private static JourneyNode Node(string id, string displayName = "Node", string secret = "x") => new()
    {
        Id = id, NodeType = "UsernameCollectorNode", DisplayName = displayName,
        Config = NodeConfig.FromObject([new("secretish", secret)]),
    };

    private static readonly Journey Before = new()
    {
        Name = "Login",
        Description = "old",
        Nodes = [Node("a"), Node("b"), Node("c")],
    };

    [Fact]
    public void Describe_NamesChangedFieldsAndSettings_AndCountsNodes()
    {
        var after = Before with
        {
            Description = "new",
            Settings = Before.Settings with { Enabled = false, IsRealmDefault = true },
            Nodes = [Node("a", secret: "Hunter2-config-value"), Node("c"), Node("d"), Node("e")],
        };

        var summary = JourneyChangeSummary.Describe(Before, after);

        Assert.Equal("description, settings (enabled, realm default) changed; 2 nodes added; 1 node removed; 1 node changed", summary);
        Assert.DoesNotContain("Hunter2", summary);
    }

    [Fact]
    public void Describe_SameContent_SaysNoChanges()
    {
        Assert.Equal("no changes", JourneyChangeSummary.Describe(Before, Before with { }));
        Assert.Equal("layout or export fields changed", JourneyChangeSummary.Describe(Before, Before with { StartPosition = new NodePosition(1, 2) }));
    }
}
