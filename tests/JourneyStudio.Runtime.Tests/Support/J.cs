using System.Collections.Immutable;
using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Runtime.Tests.Support;

/// <summary>Short builders for hand-made journeys.</summary>
public static class J
{
    public const string Success = StaticNodeIds.Success;
    public const string Failure = StaticNodeIds.Failure;

    public static JourneyNode Node(string id, string type, object? connections = null, params (string Name, object? Value)[] config) =>
        new()
        {
            Id = id,
            NodeType = type,
            DisplayName = id,
            Connections = ToConnections(connections),
            Config = NodeConfig.FromObject(config.Select(c => KeyValuePair.Create(c.Name, c.Value))),
        };

    public static JourneyNode Page(string id, object? connections, IReadOnlyList<JourneyNode> children, params (string Name, object? Value)[] config) =>
        Node(id, "PageNode", connections, config) with { Children = children };

    public static Journey Journey(string name, string entry, params JourneyNode[] nodes) =>
        new() { Name = name, EntryNodeId = entry, Nodes = nodes };

    /// <summary>Connections from an anonymous object or dictionary: <c>new { outcome = "next" }</c>.</summary>
    private static IReadOnlyDictionary<string, string> ToConnections(object? connections) => connections switch
    {
        null => ImmutableDictionary<string, string>.Empty,
        IReadOnlyDictionary<string, string> d => d,
        _ => connections.GetType().GetProperties().ToImmutableDictionary(p => p.Name, p => (string)p.GetValue(connections)!),
    };
}
