using System.Collections.Immutable;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.BrowserTests.Designer;

/// <summary>Journeys the designer tests start from, created through the real store of the test server.</summary>
internal static class DesignerTestJourneys
{
    public static JourneyStore Store(StudioServer server) => server.Services.GetRequiredService<JourneyStore>();

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    public static JourneyNode Node(string typeId, string id, double x, double y, params (string Outcome, string Target)[] connections)
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

    /// <summary>An empty journey: Start, Success and Failure only.</summary>
    public static async Task<string> CreateEmptyAsync(StudioServer server, string prefix)
    {
        var name = UniqueName(prefix);
        var result = await Store(server).CreateAsync(new Journey { Name = name }, "test");
        Assert.IsType<SaveResult.Saved>(result);
        return name;
    }

    /// <summary>Start → Data Store Decision (true → Success, false → Failure), plus a Push Sender at the side.</summary>
    public static async Task<string> CreateSmallAsync(StudioServer server, string prefix)
    {
        var name = UniqueName(prefix);
        var journey = new Journey
        {
            Name = name,
            EntryNodeId = "decision",
            Nodes =
            [
                Node(NodeTypeIds.DataStoreDecision, "decision", 300, 150, ("true", StaticNodeIds.Success), ("false", StaticNodeIds.Failure)),
                Node(NodeTypeIds.PushSender, "push", 300, 400),
            ],
            StartPosition = new NodePosition(60, 180),
            SuccessPosition = new NodePosition(800, 120),
            FailurePosition = new NodePosition(800, 300),
        };
        var result = await Store(server).CreateAsync(journey, "test");
        Assert.IsType<SaveResult.Saved>(result);
        return name;
    }
}
