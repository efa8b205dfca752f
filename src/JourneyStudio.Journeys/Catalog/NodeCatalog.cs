using System.Reflection;
using System.Text.Json;
using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Catalog;

/// <summary>
/// All known node types. The default catalogue finds every <see cref="NodeDescriptor"/> subclass in this
/// assembly, so adding a node type means adding its descriptor class and nothing else here.
/// </summary>
public sealed class NodeCatalog
{
    public const string PageNodeType = "PageNode";
    public const string InnerTreeNodeType = "InnerTreeEvaluatorNode";

    /// <summary>Config key under which an unknown node type keeps AM's <c>_outcomes</c>, so its ports survive a round-trip.</summary>
    public const string OutcomesKey = "_outcomes";

    public static NodeCatalog Default { get; } = new(
        typeof(NodeCatalog).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(NodeDescriptor)) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (NodeDescriptor)Activator.CreateInstance(t)!));

    private readonly Dictionary<string, NodeDescriptor> _byType;

    public NodeCatalog(IEnumerable<NodeDescriptor> descriptors)
    {
        All = descriptors.OrderBy(d => NodeCategoryOrder(d.Category)).ThenBy(d => d.DisplayName, StringComparer.OrdinalIgnoreCase).ToList();
        _byType = All.ToDictionary(d => d.TypeId, StringComparer.Ordinal);
    }

    /// <summary>Every descriptor, ordered by palette category then display name.</summary>
    public IReadOnlyList<NodeDescriptor> All { get; }

    public NodeDescriptor? Find(string typeId) => _byType.GetValueOrDefault(typeId);

    public bool IsKnown(string typeId) => _byType.ContainsKey(typeId);

    /// <summary>
    /// The outcomes of a node instance: a Page node has its last child's outcomes; an unknown type has
    /// the outcomes its import carried (or, failing that, the ids its connections use).
    /// </summary>
    public IReadOnlyList<NodeOutcome> GetOutcomes(JourneyNode node)
    {
        if (node.NodeType == PageNodeType)
            return node.Children.Count == 0 ? [new NodeOutcome("outcome", "Outcome")] : GetOutcomes(node.Children[^1]);
        // Binding fills in defaults, and is kept with the config, so repeated calls for one node cost nothing.
        if (Find(node.NodeType) is { } descriptor)
            return descriptor.GetOutcomes(node.Config);
        if (node.Config.Get(OutcomesKey) is { ValueKind: JsonValueKind.Array } stored)
            return stored.EnumerateArray()
                .Where(o => o.ValueKind == JsonValueKind.Object && o.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                .Select(o => new NodeOutcome(o.GetProperty("id").GetString()!,
                    o.TryGetProperty("displayName", out var label) && label.ValueKind == JsonValueKind.String ? label.GetString()! : o.GetProperty("id").GetString()!))
                .ToList();
        return node.Connections.Keys.Select(id => new NodeOutcome(id, id)).ToList();
    }

    private static int NodeCategoryOrder(string category)
    {
        var i = NodeCategories.Ordered.ToList().IndexOf(category);
        return i < 0 ? int.MaxValue : i;
    }
}
