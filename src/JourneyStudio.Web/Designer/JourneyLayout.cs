using System.Collections.Immutable;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Web.Designer;

/// <summary>
/// Node sizes as the canvas draws them (the widgets' CSS uses the same numbers), so that a layout computed
/// without a browser does not overlap.
/// </summary>
public static class NodeMetrics
{
    public const double Width = 180;

    /// <summary>Page nodes are wider so that their child rows stay readable; the column gap absorbs the difference.</summary>
    public const double PageWidth = 240;
    public const double HeaderHeight = 52;
    public const double OutcomeRowHeight = 24;
    public const double ChildRowHeight = 34;

    public static double HeightOf(JourneyNode node, NodeCatalog catalog) =>
        HeaderHeight
        + node.Children.Count * ChildRowHeight + (node.NodeType == NodeCatalog.PageNodeType ? 20 : 0)
        + Math.Max(1, catalog.GetOutcomes(node).Count) * OutcomeRowHeight + 8;
}

/// <summary>Automatic layout: left to right by longest path from Start; each column stacked top to bottom.</summary>
public static class JourneyLayout
{
    public const double Left = 40;
    public const double Top = 40;
    public const double ColumnGap = 110;
    public const double RowGap = 40;

    public static Journey Arrange(Journey journey, NodeCatalog catalog)
    {
        var byId = journey.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var order = new List<string>(); // discovery order keeps the layout stable and readable
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var edges = new List<(string From, string To)>();

        // Depth-first from the entry marks back edges (loops such as retry paths), which the longest path ignores.
        void Visit(string id)
        {
            if (!byId.ContainsKey(id) || depth.ContainsKey(id)) return;
            depth[id] = 1;
            order.Add(id);
            onStack.Add(id);
            foreach (var outcome in catalog.GetOutcomes(byId[id]))
            {
                if (!byId[id].Connections.TryGetValue(outcome.Id, out var target) || !byId.ContainsKey(target)) continue;
                if (onStack.Contains(target)) continue;
                edges.Add((id, target));
                Visit(target);
            }
            onStack.Remove(id);
        }

        Visit(journey.EntryNodeId);
        foreach (var node in journey.Nodes) Visit(node.Id); // unreachable nodes start their own chains

        // Longest path on the acyclic edges: relax in rounds (the graph is small; at most n rounds).
        for (var round = 0; round < order.Count; round++)
        {
            var moved = false;
            foreach (var (from, to) in edges)
                if (depth[to] < depth[from] + 1) { depth[to] = depth[from] + 1; moved = true; }
            if (!moved) break;
        }

        var lastColumn = depth.Count == 0 ? 1 : depth.Values.Max() + 1;
        var columns = order.GroupBy(id => depth[id]).ToDictionary(g => g.Key, g => g.ToList());
        var positions = new Dictionary<string, NodePosition>(StringComparer.Ordinal);
        var tallest = 0.0;
        foreach (var (column, ids) in columns)
        {
            var y = Top;
            foreach (var id in ids)
            {
                positions[id] = new NodePosition(ColumnX(column), y);
                y += NodeMetrics.HeightOf(byId[id], catalog) + RowGap;
            }
            tallest = Math.Max(tallest, y);
        }
        tallest = Math.Max(tallest, 300);

        var startY = journey.EntryNodeId is { Length: > 0 } entry && positions.TryGetValue(entry, out var p) ? p.Y : Top;
        return journey with
        {
            Nodes = journey.Nodes.Select(n => positions.TryGetValue(n.Id, out var np) ? n with { X = np.X, Y = np.Y } : n).ToImmutableList(),
            StartPosition = new NodePosition(Left, startY),
            SuccessPosition = new NodePosition(ColumnX(lastColumn), Top),
            FailurePosition = new NodePosition(ColumnX(lastColumn), Top + 140),
        };
    }

    // Column 0 holds only the narrow Start node.
    private static double ColumnX(int column) => column == 0 ? Left : Left + 180 + (column - 1) * (NodeMetrics.Width + ColumnGap);
}
