using System.Collections.Immutable;
using System.Text.Json;

namespace JourneyStudio.Journeys.Model;

/// <summary>
/// A journey (AM: authentication tree). Immutable: edits produce a new instance with <c>with</c>.
/// </summary>
public sealed record Journey
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    public JourneySettings Settings { get; init; } = new();

    /// <summary>Id of the node Start connects to; may be a static Success/Failure id or empty for an empty journey.</summary>
    public string EntryNodeId { get; init; } = "";

    /// <summary>Top-level nodes in document order. Children of Page nodes live inside their Page node.</summary>
    public IReadOnlyList<JourneyNode> Nodes { get; init; } = [];

    // A new journey's Start, Success and Failure fit a canvas beside the palette and the property panel at 100 %,
    // so that it opens with all three in view.
    public NodePosition StartPosition { get; init; } = new(50, 250);

    public NodePosition SuccessPosition { get; init; } = new(600, 150);

    public NodePosition FailurePosition { get; init; } = new(600, 350);

    /// <summary>Tree fields this model does not interpret, kept so that exports round-trip untouched.</summary>
    public IReadOnlyDictionary<string, JsonElement> ExtraTreeFields { get; init; } = ImmutableDictionary<string, JsonElement>.Empty;

    /// <summary>Export sections this model does not interpret (scripts, emailTemplates, themes, ...), kept for round-trips.</summary>
    public IReadOnlyDictionary<string, JsonElement> ExtraExportSections { get; init; } = ImmutableDictionary<string, JsonElement>.Empty;

    /// <summary>Finds a top-level node or a Page node's child by id.</summary>
    public JourneyNode? FindNode(string nodeId)
    {
        foreach (var node in Nodes)
        {
            if (node.Id == nodeId) return node;
            foreach (var child in node.Children)
                if (child.Id == nodeId) return child;
        }
        return null;
    }

    /// <summary>The Page node holding <paramref name="childId"/>, or null when it is top-level or absent.</summary>
    public JourneyNode? FindParentPage(string childId) =>
        Nodes.FirstOrDefault(n => n.Children.Any(c => c.Id == childId));

    /// <summary>All nodes: top-level ones, each followed by its children.</summary>
    public IEnumerable<JourneyNode> AllNodes() => Nodes.SelectMany(n => n.Children.Prepend(n));

    public Journey ReplaceNode(JourneyNode node) =>
        this with { Nodes = Nodes.Select(n => n.Id == node.Id ? node : n).ToImmutableList() };
}
