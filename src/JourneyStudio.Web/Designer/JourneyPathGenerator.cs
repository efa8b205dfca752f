using Blazor.Diagrams.Core;
using Blazor.Diagrams.Core.Anchors;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;
using Blazor.Diagrams.Core.PathGenerators;

namespace JourneyStudio.Web.Designer;

/// <summary>
/// How links are drawn. A link that goes forward (its target to the right of its port) is a smooth curve, unless
/// another node stands in the band between its ends (the curve would run behind it: Failure reached from the first
/// column, say); then, like a link that goes back (Retry, Waiting, Expired, Time Out), which would be a tiny curl at the
/// port, it is routed: out to the right, along a lane clear of every node in its way, and into the target from the
/// left, with rounded corners.
/// </summary>
public sealed class JourneyPathGenerator : PathGenerator
{
    /// <summary>Room kept between a routed link and the nodes it goes around.</summary>
    public const double Clearance = 22;

    private readonly SmoothPathGenerator _forward = new();
    private readonly StraightPathGenerator _routed = new(10);

    public override PathGeneratorResult GetResult(Diagram diagram, BaseLinkModel link, Point[] route, Point source, Point target)
    {
        if (route.Length > 0
            || link.Source is not SinglePortAnchor { Port.Parent: { } from } || link.Target is not SinglePortAnchor { Port.Parent: { } to }
            || from.GetBounds() is not { } fromBox || to.GetBounds() is not { } toBox)
            return _forward.GetResult(diagram, link, route, source, target);
        // Every link of a large journey is drawn in the same render, so each looks at the boxes once (in the diagram's
        // order, which the lanes and turns found below depend on) rather than in a fresh pass per question.
        var boxes = BoxesOf(diagram);
        if (!IsBackward(source, target))
            return ForwardAround(diagram, link, boxes, source, target, from, to) ?? _forward.GetResult(diagram, link, route, source, target);

        var right = source.X + Clearance;
        var left = target.X - Clearance;
        // Several loops into one node get lanes of their own, so that they stay apart.
        var lane = Math.Abs(StableHash(((SinglePortAnchor)link.Source).Port.Id)) % 4 * 8;
        var obstacles = new List<Rectangle>();
        foreach (var (_, b) in boxes)
            if (b.Right > left && b.Left < right) obstacles.Add(b);
        var below = FreeLane(Math.Max(fromBox.Bottom, toBox.Bottom) + Clearance + lane, obstacles, down: true);
        var above = FreeLane(Math.Min(fromBox.Top, toBox.Top) - Clearance - lane, obstacles, down: false);
        var middle = (source.Y + target.Y) / 2;
        var y = Math.Abs(below - middle) <= Math.Abs(middle - above) ? below : above;
        // The turn beside the port must also clear the target (in the same column, say), and the other turn the source.
        right = PastNodes(boxes, from, right, source.X, source.Y, y, rightwards: true);
        left = PastNodes(boxes, to, left, target.X, target.Y, y, rightwards: false);

        Point[] corners = [new(right, source.Y), new(right, y), new(left, y), new(left, target.Y)];
        return _routed.GetResult(diagram, link, corners, source, target);
    }

    /// <summary>
    /// Where a link's turn beside its port (going from <paramref name="y1"/> to <paramref name="y2"/>) clears the
    /// nodes of the port's column that are wider than the port's node (or, into the target, further left).
    /// </summary>
    private static double PastNodes(List<(NodeModel Node, Rectangle Box)> boxes, NodeModel except, double x, double portX, double y1, double y2, bool rightwards)
    {
        foreach (var (node, b) in boxes)
        {
            if (node == except || !Spans(b, y1, y2)) continue;
            if (rightwards ? b.Left < x && b.Right > portX : b.Right > x && b.Left < portX)
                x = rightwards ? Math.Max(x, b.Right + Clearance) : Math.Min(x, b.Left - Clearance);
        }
        return x;
    }

    /// <summary>
    /// A forward link with nodes in the band between its ends: along the free lane nearest to the straight line, with
    /// its turns in the gaps beside its ends. Null when nothing stands in the way (the curve is drawn).
    /// </summary>
    private PathGeneratorResult? ForwardAround(Diagram diagram, BaseLinkModel link, List<(NodeModel Node, Rectangle Box)> boxes,
        Point source, Point target, NodeModel from, NodeModel to)
    {
        var between = new List<Rectangle>();
        foreach (var (node, b) in boxes)
            if (node != from && node != to && b.Right > source.X && b.Left < target.X) between.Add(b);
        var top = Math.Min(source.Y, target.Y) - Clearance / 2;
        var bottom = Math.Max(source.Y, target.Y) + Clearance / 2;
        if (!between.Exists(b => b.Bottom > top && b.Top < bottom)) return null;

        var middle = (source.Y + target.Y) / 2;
        var below = FreeLane(middle, between, down: true);
        var above = FreeLane(middle, between, down: false);
        var y = Math.Abs(below - middle) <= Math.Abs(middle - above) ? below : above;
        // The turns go down (or up) in the gaps next to the ends, past any wider node of the same column.
        var right = PastNodes(boxes, from, source.X + Clearance, source.X, source.Y, y, rightwards: true);
        var left = PastNodes(boxes, to, target.X - Clearance, target.X, target.Y, y, rightwards: false);
        if (left <= right) return null;

        Point[] corners = [new(right, source.Y), new(right, y), new(left, y), new(left, target.Y)];
        return _routed.GetResult(diagram, link, corners, source, target);
    }

    private List<(NodeModel Node, Rectangle Box)> _boxes = [];

    /// <summary>
    /// The measured nodes with their boxes, in the diagram's order: those of the previous link while no node was added,
    /// removed, moved or resized since (checked exactly, node by node), so that the links drawn together in one render
    /// share one list.
    /// </summary>
    private List<(NodeModel Node, Rectangle Box)> BoxesOf(Diagram diagram)
    {
        if (IsCurrent(_boxes, diagram)) return _boxes;
        var boxes = new List<(NodeModel, Rectangle)>(diagram.Nodes.Count);
        foreach (var node in diagram.Nodes)
            if (node.GetBounds() is { } box) boxes.Add((node, box));
        return _boxes = boxes;
    }

    private static bool IsCurrent(List<(NodeModel Node, Rectangle Box)> boxes, Diagram diagram)
    {
        var i = 0;
        foreach (var node in diagram.Nodes)
        {
            if (node.Size is not { } size) continue;
            if (i >= boxes.Count) return false;
            var (known, box) = boxes[i++];
            if (!ReferenceEquals(known, node) || box.Left != node.Position.X || box.Top != node.Position.Y
                || box.Width != size.Width || box.Height != size.Height) return false;
        }
        return i == boxes.Count;
    }

    private static bool Spans(Rectangle box, double y1, double y2) => box.Bottom > Math.Min(y1, y2) && box.Top < Math.Max(y1, y2);

    /// <summary>True when the target is left of the port (or just beside it), so a curve would fold back on itself.</summary>
    public static bool IsBackward(Point source, Point target) => target.X < source.X + 12;

    /// <summary>The first horizontal line from <paramref name="start"/> (moving down or up) that crosses none of the boxes.</summary>
    private static double FreeLane(double start, IReadOnlyList<Rectangle> boxes, bool down)
    {
        var y = start;
        for (var moved = true; moved;)
        {
            moved = false;
            foreach (var box in boxes)
            {
                if (y <= box.Top - Clearance / 2 || y >= box.Bottom + Clearance / 2) continue;
                y = down ? box.Bottom + Clearance : box.Top - Clearance;
                moved = true;
            }
        }
        return y;
    }

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text) hash = unchecked(hash * 31 + c);
        return hash == int.MinValue ? 0 : hash;
    }
}
