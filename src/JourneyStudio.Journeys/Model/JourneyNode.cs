using System.Collections.Immutable;

namespace JourneyStudio.Journeys.Model;

/// <summary>
/// One node instance of a journey. Top-level nodes carry connections; nodes inside a Page node
/// are that Page node's <see cref="Children"/> and have neither connections nor a position of their own.
/// </summary>
public sealed record JourneyNode
{
    public required string Id { get; init; }

    /// <summary>AM node type id, e.g. <c>PushAuthenticationSenderNode</c>. Unknown types are kept as they are.</summary>
    public required string NodeType { get; init; }

    public string DisplayName { get; init; } = "";

    public double X { get; init; }

    public double Y { get; init; }

    public NodeConfig Config { get; init; } = NodeConfig.Empty;

    /// <summary>Outcome id to target node id (another node or a static Success/Failure id).</summary>
    public IReadOnlyDictionary<string, string> Connections { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Page nodes only: the ordered child nodes shown on the page.</summary>
    public IReadOnlyList<JourneyNode> Children { get; init; } = [];

    /// <summary>AM node version (e.g. "2.0") where the export carries one.</summary>
    public string? NodeVersion { get; init; }

    public NodePosition Position => new(X, Y);

    public JourneyNode WithConnection(string outcomeId, string? targetId)
    {
        var connections = Connections.ToImmutableDictionary();
        connections = targetId is null ? connections.Remove(outcomeId) : connections.SetItem(outcomeId, targetId);
        return this with { Connections = connections };
    }
}
