using System.Collections.Immutable;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Web.Tests.Designer;

internal static class TestJourneys
{
    public static JourneyNode Node(string typeId, string id, double x = 0, double y = 0, params (string Outcome, string Target)[] connections)
    {
        var descriptor = NodeCatalog.Default.Find(typeId)!;
        return new JourneyNode
        {
            Id = id,
            NodeType = typeId,
            DisplayName = descriptor.DisplayName,
            X = x,
            Y = y,
            Config = descriptor.CreateDefaultConfig(),
            Connections = connections.ToImmutableDictionary(c => c.Outcome, c => c.Target),
        };
    }

    /// <summary>Start → decision (true → push, false → Failure); push: SENT → Success, SKIPPED → Failure. A Page node with a username collector.</summary>
    public static Journey Sample() => new()
    {
        Name = "Sample",
        EntryNodeId = "decision",
        Nodes =
        [
            Node(NodeTypeIds.DataStoreDecision, "decision", 200, 100, ("true", "push"), ("false", StaticNodeIds.Failure)),
            Node(NodeTypeIds.PushSender, "push", 500, 100, ("SENT", StaticNodeIds.Success), ("SKIPPED", StaticNodeIds.Failure)),
            Node(NodeTypeIds.PageNode, "page", 200, 400) with
            {
                Children = [Node(NodeTypeIds.UsernameCollector, "user")],
                Connections = ImmutableDictionary<string, string>.Empty.Add("outcome", "decision"),
            },
            Node(NodeTypeIds.PasswordCollector, "password", 600, 500, ("outcome", "decision")),
            Node(NodeTypeIds.RetryLimitDecision, "retry", 800, 500),
        ],
    };
}
