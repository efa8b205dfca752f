using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Runtime.Tests.Persistence;

/// <summary>Journeys the store tests save, and a field-by-field comparison of journeys.</summary>
internal static class TestJourneys
{
    /// <summary>A username/password page followed by a data store decision, with config of several JSON kinds.</summary>
    public static Journey Login(string name, string description = "Username and password") => new()
    {
        Name = name,
        Description = description,
        Settings = new JourneySettings { Categories = ["Authentication"], MaximumSessionDurationMinutes = 30 },
        EntryNodeId = "page-1",
        StartPosition = new NodePosition(40, 200),
        Nodes =
        [
            new JourneyNode
            {
                Id = "page-1",
                NodeType = "PageNode",
                DisplayName = "Sign on",
                X = 180.5,
                Y = 90,
                Config = NodeConfig.FromObject(new Dictionary<string, object?>
                {
                    ["pageHeader"] = new Dictionary<string, string> { ["en"] = "Sign on" },
                    ["stage"] = null,
                }),
                Connections = new Dictionary<string, string> { ["outcome"] = "decision-1" },
                Children =
                [
                    new JourneyNode { Id = "user-1", NodeType = "ValidatedUsernameNode", DisplayName = "Username",
                        Config = NodeConfig.FromObject(new Dictionary<string, object?> { ["usernameAttribute"] = "userName", ["validateInput"] = false }) },
                    new JourneyNode { Id = "password-1", NodeType = "ValidatedPasswordNode", DisplayName = "Password", NodeVersion = "1.0",
                        Config = NodeConfig.FromObject(new Dictionary<string, object?> { ["passwordAttribute"] = "password" }) },
                ],
            },
            new JourneyNode
            {
                Id = "decision-1",
                NodeType = "DataStoreDecisionNode",
                DisplayName = "Check credentials",
                X = 420,
                Y = 110,
                Config = NodeConfig.FromObject(new Dictionary<string, object?> { ["retries"] = 3, ["tags"] = new[] { "a", "b" } }),
                Connections = new Dictionary<string, string>
                {
                    ["true"] = StaticNodeIds.Success,
                    ["false"] = StaticNodeIds.Failure,
                },
            },
        ],
    };

    /// <summary>The same journey with a visibly different second version (one more retry, a moved node, a new description).</summary>
    public static Journey Edited(Journey journey, string description) => journey with
    {
        Description = description,
        Nodes = journey.Nodes.Select(n => n.Id == "decision-1"
            ? n with { X = n.X + 50, Config = n.Config.With("retries", 5) }
            : n).ToList(),
    };

    public static void AssertSame(Journey expected, Journey actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Description, actual.Description);
        Assert.Equal(expected.Settings with { Categories = [] }, actual.Settings with { Categories = [] });
        Assert.Equal(expected.Settings.Categories, actual.Settings.Categories);
        Assert.Equal(expected.EntryNodeId, actual.EntryNodeId);
        Assert.Equal(expected.StartPosition, actual.StartPosition);
        Assert.Equal(expected.SuccessPosition, actual.SuccessPosition);
        Assert.Equal(expected.FailurePosition, actual.FailurePosition);
        AssertSameNodes(expected.Nodes, actual.Nodes);
    }

    private static void AssertSameNodes(IReadOnlyList<JourneyNode> expected, IReadOnlyList<JourneyNode> actual)
    {
        Assert.Equal(expected.Select(n => n.Id), actual.Select(n => n.Id));
        foreach (var (e, a) in expected.Zip(actual))
        {
            Assert.Equal(e.NodeType, a.NodeType);
            Assert.Equal(e.DisplayName, a.DisplayName);
            Assert.Equal(e.Position, a.Position);
            Assert.Equal(e.NodeVersion, a.NodeVersion);
            Assert.True(e.Config.ContentEquals(a.Config), $"Config of node {e.Id} differs: expected {e.Config}, got {a.Config}");
            Assert.Equal(e.Connections.OrderBy(c => c.Key), a.Connections.OrderBy(c => c.Key));
            AssertSameNodes(e.Children, a.Children);
        }
    }
}
