using Blazor.Diagrams.Core.Geometry;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Web.Designer;

/// <summary>
/// What a gesture on the canvas did: the session's answer (null when it always applies, as adding a node does), the
/// node the panel should show afterwards, and a notice for the admin.
/// </summary>
public sealed record GestureEdit(EditResult? Result, string? Select = null, string? Notice = null)
{
    public static readonly GestureEdit None = new(EditResult.Unchanged);
}

/// <summary>
/// Gestures on the canvas as edits of the session: nodes dropped from the palette (onto a Page node they become its
/// children), added with the keyboard, moved (into a Page node, when dropped on one), and deleted.
/// </summary>
public sealed class CanvasGestures(JourneyEditSession session, DesignerCanvas canvas)
{
    /// <summary>A palette item dropped at a canvas point: into the Page node there, else a node of its own there.</summary>
    public GestureEdit Drop(NodeDescriptor descriptor, Point point)
    {
        if (canvas.PageAt(point) is { } page) return AddToPage(descriptor, page.Id);
        return new GestureEdit(null, session.AddNode(descriptor.TypeId, Math.Round(point.X), Math.Round(point.Y)));
    }

    /// <summary>
    /// Adding without the mouse: into the selected Page node when the type may go there, otherwise in the middle
    /// of the visible canvas, below anything already there so repeated adds do not cover each other.
    /// </summary>
    public GestureEdit Add(NodeDescriptor descriptor, string? selectedId)
    {
        if (selectedId is not null && canvas.Diagram.FindNode(selectedId) is { Kind: StepKind.Page } page && descriptor.CanBeOnPage)
            return AddToPage(descriptor, page.Id);
        var middle = canvas.VisibleMiddle();
        var (x, y) = (middle.X, middle.Y);
        while (session.Current.Nodes.Any(n => Math.Abs(n.X - x) < NodeMetrics.Width && Math.Abs(n.Y - y) < 100))
            y += 110;
        return new GestureEdit(null, session.AddNode(descriptor.TypeId, x, y));
    }

    /// <summary>Nodes dragged to new places; a single node dropped onto a Page node goes into it (and is selected).</summary>
    public GestureEdit Move(IReadOnlyDictionary<string, NodePosition> moves)
    {
        if (moves.Count == 1 && canvas.PageUnder(moves.Keys.First()) is { } page)
        {
            var nodeId = moves.Keys.First();
            var result = session.MoveIntoPage(nodeId, page.Id);
            return new GestureEdit(result, result.Applied ? nodeId : null);
        }
        return new GestureEdit(session.MoveNodes(moves));
    }

    /// <summary>
    /// Deletes the selection. A Page child chosen inside its (selected) page is what the admin means to delete, not the
    /// whole page; Start, Success and Failure stay, and so do removed nodes drawn for a comparison.
    /// </summary>
    public GestureEdit Delete(IReadOnlyList<string> nodeIds, IReadOnlyList<(string SourceId, string OutcomeId)> connections, string? selectedId)
    {
        nodeIds = nodeIds.Where(id => !canvas.IsRemovedNode(id)).ToList();
        if (nodeIds.Count == 1 && connections.Count == 0 && selectedId is not null
            && session.Current.FindParentPage(selectedId)?.Id == nodeIds[0])
            nodeIds = [selectedId];
        if (nodeIds.Count > 0 && nodeIds.All(StaticNodeIds.IsStatic) && connections.Count == 0)
            return new GestureEdit(EditResult.Unchanged, Notice: "Start, Success and Failure are part of every journey and cannot be deleted.");
        return new GestureEdit(session.DeleteSelection(nodeIds, connections));
    }

    /// <summary>Adds the node as the page's last child and selects it; the session refuses types a page cannot hold.</summary>
    private GestureEdit AddToPage(NodeDescriptor descriptor, string pageId)
    {
        var (result, childId) = session.AddNodeToPage(descriptor.TypeId, pageId);
        return new GestureEdit(result, childId);
    }
}
