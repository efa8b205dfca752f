using Blazor.Diagrams.Core.Geometry;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Validation;

namespace JourneyStudio.Web.Designer;

/// <summary>
/// The canvas without its page: the diagram set up for journeys, kept in step with the journey shown (nodes, links,
/// findings, the path or changes marked, the selection), the view it opens with, zoom and fit, and where on it things
/// are. <see cref="DesignerCanvasHost"/> draws it and connects it to the browser.
/// </summary>
public sealed class DesignerCanvas
{
    private bool _reopenView;
    private IReadOnlyDictionary<string, JourneyNode> _removed = new Dictionary<string, JourneyNode>();

    public DesignerCanvas(NodeCatalog catalog, IDesignerActions actions) => Diagram = new DesignerDiagram(catalog, actions);

    public DesignerDiagram Diagram { get; }

    /// <summary>True once every node was drawn and measured and the opening view was set (the marker tests and the benchmark wait for).</summary>
    public bool Ready { get; private set; }

    public double Zoom => Diagram.Diagram.Zoom;

    /// <summary>Redraws the diagram from <paramref name="journey"/> and makes the canvas selection match <paramref name="selectedId"/>.</summary>
    public void Show(Journey journey, IReadOnlyList<ValidationFinding> findings, PathHighlight highlight, JourneyDiff? changes,
        bool readOnly, string? selectedId, bool fit = false)
    {
        _removed = RemovedNodes(changes, journey);
        Diagram.Sync(_removed.Count == 0 ? journey : journey with { Nodes = [.. journey.Nodes, .. _removed.Values] }, findings, highlight, changes);
        Diagram.SetReadOnly(readOnly, _removed.Count == 0 ? null : _removed.ContainsKey);
        // The canvas shows what the panel edits, whoever changed the selection (a click, Enter on the palette, a problem).
        Diagram.ShowSelection(selectedId, selectedId is null ? null : journey.FindParentPage(selectedId)?.Id);
        if (fit) Diagram.OpenView();
    }

    /// <summary>Whether <paramref name="nodeId"/> is a node the compared revision removed, drawn where it was (not part of the journey).</summary>
    public bool IsRemovedNode(string nodeId) => _removed.ContainsKey(nodeId);

    /// <summary>
    /// The top-level nodes the compared revisions removed, rebuilt from the changes so that the canvas can draw them where
    /// they were (marked removed, locked, without links); removed Page children are listed, not drawn.
    /// </summary>
    private static IReadOnlyDictionary<string, JourneyNode> RemovedNodes(JourneyDiff? changes, Journey shown) =>
        changes?.Nodes.Where(n => n is { Kind: NodeChangeKind.Removed, PageId: null, From: not null }
                && !StaticNodeIds.IsStatic(n.NodeId) && shown.FindNode(n.NodeId) is null)
            .ToDictionary(n => n.NodeId, n => new JourneyNode
            {
                Id = n.NodeId, NodeType = n.NodeType, DisplayName = n.DisplayName, X = n.From!.Value.X, Y = n.From.Value.Y,
            }, StringComparer.Ordinal)
        ?? (IReadOnlyDictionary<string, JourneyNode>)new Dictionary<string, JourneyNode>();

    /// <summary>Opens the view once the canvas and every node are measured; true when it became ready just now.</summary>
    public bool OpenWhenMeasured()
    {
        if (Ready || !Diagram.IsMeasured) return false;
        // Ready first: the canvas redraws its widgets (the navigator) only when the view changes, so the opening view's
        // redraw is the one that must tell the navigator the editor is ready.
        Ready = true;
        Diagram.OpenView();
        return true;
    }

    /// <summary>The layout changed between small and large screen: the next canvas size opens the view again.</summary>
    public void ReopenOnNextResize() => _reopenView = true;

    /// <summary>
    /// The canvas got its size or a new one: opens the view again after a layout change, or for the first time when the
    /// nodes were measured before the size came. True when the view changed.
    /// </summary>
    public bool OnContainerChanged()
    {
        var changed = false;
        if (Ready && _reopenView)
        {
            _reopenView = false;
            Diagram.OpenView();
            changed = true;
        }
        return OpenWhenMeasured() || changed;
    }

    /// <summary>Takes the sizes measured in the browser; true when that made the canvas ready.</summary>
    public bool ApplyMeasures(IReadOnlyList<NodeMeasure> measures)
    {
        Diagram.ApplyMeasures(measures);
        // Opening here puts the links, the opened view and the ready marker into one render.
        return OpenWhenMeasured();
    }

    /// <summary>
    /// Redraws every link after nodes were moved: the library redraws only the links of the moved nodes, but a routed link
    /// elsewhere may now have the node in its way, or a lane freed.
    /// </summary>
    public void RerouteLinks()
    {
        foreach (var link in Diagram.Diagram.Links) link.Refresh();
    }

    public void ZoomIn() => Diagram.ZoomAroundCentre(DesignerDiagram.ZoomStep);

    public void ZoomOut() => Diagram.ZoomAroundCentre(1 / DesignerDiagram.ZoomStep);

    public void ZoomToActualSize() => Diagram.ZoomToActualSize();

    /// <summary>The whole journey in view, never enlarged beyond 100 %.</summary>
    public void ZoomToFit() => Diagram.Fit(maxZoom: 1);

    public void SelectAndCentre(string nodeId) => Diagram.SelectAndCentre(nodeId);

    /// <summary>The Page node whose box holds the centre of the node <paramref name="nodeId"/> (just dropped), if any.</summary>
    public StepNode? PageUnder(string nodeId)
    {
        var node = Diagram.FindNode(nodeId);
        if (node is null || node.Kind != StepKind.Node || node.GetBounds() is not { } bounds) return null;
        return PageAt(new Point(bounds.Left + bounds.Width / 2, bounds.Top + bounds.Height / 2), exclude: nodeId);
    }

    /// <summary>The Page node whose box holds the canvas point, if any.</summary>
    public StepNode? PageAt(Point point, string? exclude = null) =>
        Diagram.Diagram.Nodes.OfType<StepNode>()
            .Where(n => n.Kind == StepKind.Page && n.Id != exclude)
            .FirstOrDefault(n => n.GetBounds() is { } b && point.X >= b.Left && point.X <= b.Right && point.Y >= b.Top && point.Y <= b.Bottom);

    /// <summary>Where a node added without the mouse goes: the middle of the visible canvas (its top-left corner).</summary>
    public Point VisibleMiddle()
    {
        var diagram = Diagram.Diagram;
        var (width, height) = diagram.Container is { } container ? (container.Width, container.Height) : (800d, 600d);
        return new Point(Math.Round((width / 2 - diagram.Pan.X) / diagram.Zoom - NodeMetrics.Width / 2),
            Math.Round((height / 2 - diagram.Pan.Y) / diagram.Zoom - 40));
    }
}
