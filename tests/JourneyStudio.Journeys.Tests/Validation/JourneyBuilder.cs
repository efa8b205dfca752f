using System.Collections.Immutable;
using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Tests.Validation;

/// <summary>Builds test journeys in a few readable lines; nodes keep the order they were added in.</summary>
internal sealed class JourneyBuilder(string name)
{
    public const string Success = StaticNodeIds.Success;
    public const string Failure = StaticNodeIds.Failure;

    private readonly List<NodeBuilder> _nodes = [];
    private string _entryNodeId = "";
    private bool _enabled = true;

    public JourneyBuilder StartAt(string nodeId)
    {
        _entryNodeId = nodeId;
        return this;
    }

    public JourneyBuilder Disabled()
    {
        _enabled = false;
        return this;
    }

    public JourneyBuilder Node(string id, string nodeType, string displayName, Action<NodeBuilder>? configure = null)
    {
        var node = new NodeBuilder(id, nodeType, displayName);
        configure?.Invoke(node);
        _nodes.Add(node);
        return this;
    }

    public JourneyBuilder Page(string id, string displayName, Action<NodeBuilder> configure) =>
        Node(id, TestCatalog.Page, displayName, configure);

    /// <summary>Changes a node added earlier (top-level or on a page), e.g. to break one rule of a clean journey.</summary>
    public JourneyBuilder Edit(string id, Action<NodeBuilder> change)
    {
        var node = _nodes.SelectMany(n => n.Children.Prepend(n)).FirstOrDefault(n => n.Id == id)
            ?? throw new ArgumentException($"No node '{id}' in the journey being built.", nameof(id));
        change(node);
        return this;
    }

    public Journey Build() => new()
    {
        Name = name,
        EntryNodeId = _entryNodeId,
        Settings = new JourneySettings { Enabled = _enabled },
        Nodes = _nodes.Select(n => n.Build()).ToList(),
    };
}

internal sealed class NodeBuilder(string id, string nodeType, string displayName)
{
    private readonly Dictionary<string, string> _connections = [];
    private NodeConfig _config = NodeConfig.Empty;

    public string Id { get; set; } = id;

    public List<NodeBuilder> Children { get; } = [];

    public NodeBuilder Connect(string outcomeId, string targetId)
    {
        _connections[outcomeId] = targetId;
        return this;
    }

    public NodeBuilder Disconnect(string outcomeId)
    {
        _connections.Remove(outcomeId);
        return this;
    }

    public NodeBuilder Set(string property, object? value)
    {
        _config = _config.With(property, value);
        return this;
    }

    public NodeBuilder Child(string childId, string childType, string childName, Action<NodeBuilder>? configure = null) =>
        InsertChild(Children.Count, childId, childType, childName, configure);

    public NodeBuilder InsertChild(int index, string childId, string childType, string childName, Action<NodeBuilder>? configure = null)
    {
        var child = new NodeBuilder(childId, childType, childName);
        configure?.Invoke(child);
        Children.Insert(index, child);
        return this;
    }

    public NodeBuilder RemoveChildren()
    {
        Children.Clear();
        return this;
    }

    public JourneyNode Build() => new()
    {
        Id = Id,
        NodeType = nodeType,
        DisplayName = displayName,
        Config = _config,
        Connections = _connections.ToImmutableDictionary(),
        Children = Children.Select(c => c.Build()).ToList(),
    };
}
