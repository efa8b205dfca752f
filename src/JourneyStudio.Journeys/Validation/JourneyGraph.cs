using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Validation;

/// <summary>
/// The wiring of one journey as the runtime would follow it: which ids name which nodes, which nodes
/// sit on a page, and what Start can reach. Built once per validation.
/// </summary>
internal sealed class JourneyGraph
{
    private readonly Dictionary<string, JourneyNode> _topLevelById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JourneyNode> _pageByChildId = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reachable = new(StringComparer.Ordinal);

    public JourneyGraph(Journey journey, NodeCatalog catalog)
    {
        // With duplicate ids the first node wins, as a lookup by id would; the duplicates get their own finding.
        foreach (var node in journey.Nodes)
        {
            _topLevelById.TryAdd(node.Id, node);
            foreach (var child in node.Children)
                _pageByChildId.TryAdd(child.Id, node);
        }

        var entry = journey.EntryNodeId;
        IsStartConnected = entry.Length > 0 && (StaticNodeIds.IsTerminal(entry) || _topLevelById.ContainsKey(entry));
        if (!IsStartConnected) return;

        if (entry == StaticNodeIds.Success) ReachesSuccess = true;
        var pending = new Queue<string>();
        if (_topLevelById.ContainsKey(entry) && _reachable.Add(entry)) pending.Enqueue(entry);
        while (pending.TryDequeue(out var id))
        {
            var node = _topLevelById[id];
            // Only outcomes the node has today can be taken; a stale connection is dead wiring.
            foreach (var outcome in catalog.GetOutcomes(node))
            {
                if (!node.Connections.TryGetValue(outcome.Id, out var target)) continue;
                if (target == StaticNodeIds.Success) ReachesSuccess = true;
                else if (_topLevelById.ContainsKey(target) && _reachable.Add(target)) pending.Enqueue(target);
            }
        }
    }

    /// <summary>Start leads to Success, Failure or a top-level node of the journey.</summary>
    public bool IsStartConnected { get; }

    /// <summary>Some path from Start ends at Success. False when Start is not connected.</summary>
    public bool ReachesSuccess { get; }

    public JourneyNode? FindTopLevel(string id) => _topLevelById.GetValueOrDefault(id);

    /// <summary>The Page node holding a node with this id, or null when no page holds one.</summary>
    public JourneyNode? FindPageOf(string childId) => _pageByChildId.GetValueOrDefault(childId);

    /// <summary>Whether Start can reach this top-level node (a page child: its page). False when Start is not connected.</summary>
    public bool IsReachable(JourneyNode node, JourneyNode? page) => _reachable.Contains((page ?? node).Id);
}
