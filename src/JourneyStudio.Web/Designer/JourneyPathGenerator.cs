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
/// left, with rounded corners. Every routed link keeps a lane of its own: its segments are remembered, and a link routed
/// later keeps <see cref="LaneGap"/> away from the segments of the others, so that two loops never draw one line.
/// </summary>
public sealed class JourneyPathGenerator : PathGenerator
{
    /// <summary>Room kept between a routed link and the nodes it goes around.</summary>
    public const double Clearance = 22;

    /// <summary>Room kept between two routed links that run side by side.</summary>
    public const double LaneGap = 10;

    /// <summary>A straight piece of a routed link: along y = <c>At</c> (horizontal) or x = <c>At</c>, from <c>From</c> to <c>To</c>.</summary>
    private readonly record struct Segment(bool Horizontal, double At, double From, double To)
    {
        public static Segment Across(double y, double x1, double x2) => new(true, y, Math.Min(x1, x2), Math.Max(x1, x2));

        public static Segment Down(double x, double y1, double y2) => new(false, x, Math.Min(y1, y2), Math.Max(y1, y2));

        public bool Overlaps(double from, double to) => From < Math.Max(from, to) + LaneGap && To > Math.Min(from, to) - LaneGap;
    }

    /// <summary>The segments of the links routed so far, by link id (links drawn as curves have none).</summary>
    private readonly Dictionary<string, Segment[]> _lanes = new(StringComparer.Ordinal);

    private readonly SmoothPathGenerator _forward = new();
    private readonly StraightPathGenerator _routed = new(10);

    public override PathGeneratorResult GetResult(Diagram diagram, BaseLinkModel link, Point[] route, Point source, Point target)
    {
        ForgetRemovedLinks(diagram);
        _lanes.Remove(link.Id);
        if (route.Length > 0
            || link.Source is not SinglePortAnchor { Port.Parent: { } from } || link.Target is not SinglePortAnchor { Port.Parent: { } to }
            || from.GetBounds() is not { } fromBox || to.GetBounds() is not { } toBox)
            return _forward.GetResult(diagram, link, route, source, target);
        if (!IsBackward(source, target))
            return ForwardAround(diagram, link, source, target, from, to) ?? _forward.GetResult(diagram, link, route, source, target);

        var right = source.X + Clearance;
        var left = target.X - Clearance;
        var obstacles = diagram.Nodes
            .Where(n => n.GetBounds() is { } b && b.Right > left && b.Left < right)
            .Select(n => n.GetBounds()!)
            .ToList();
        var below = FreeLane(Math.Max(fromBox.Bottom, toBox.Bottom) + Clearance, obstacles, left, right, down: true);
        var above = FreeLane(Math.Min(fromBox.Top, toBox.Top) - Clearance, obstacles, left, right, down: false);
        var middle = (source.Y + target.Y) / 2;
        var y = Math.Abs(below - middle) <= Math.Abs(middle - above) ? below : above;
        return Route(diagram, link, source, target, from, to, y);
    }

    /// <summary>
    /// The link drawn out of its port, along <paramref name="y"/> and into its target, with its turns beside its ends clear
    /// of the nodes there and of the other links' turns; its segments are remembered for the links routed after it.
    /// </summary>
    private PathGeneratorResult Route(Diagram diagram, BaseLinkModel link, Point source, Point target, NodeModel from, NodeModel to, double y)
    {
        // The turn beside the port must also clear the target (in the same column, say), and the other turn the source.
        var right = source.X + Clearance;
        var left = target.X - Clearance;
        var fromOthers = BoxesExcept(diagram, from);
        var toOthers = BoxesExcept(diagram, to);
        for (var pass = 0; pass < 3; pass++)
        {
            right = FreeTurn(PastNodes(fromOthers, right, source.X, source.Y, y, rightwards: true), source.Y, y, rightwards: true);
            left = FreeTurn(PastNodes(toOthers, left, target.X, target.Y, y, rightwards: false), target.Y, y, rightwards: false);
        }
        _lanes[link.Id] = [Segment.Down(right, source.Y, y), Segment.Across(y, left, right), Segment.Down(left, y, target.Y)];
        Point[] corners = [new(right, source.Y), new(right, y), new(left, y), new(left, target.Y)];
        return _routed.GetResult(diagram, link, corners, source, target);
    }

    /// <summary>Where a turn going from <paramref name="y1"/> to <paramref name="y2"/> at <paramref name="x"/> keeps its distance from the other links' turns.</summary>
    private double FreeTurn(double x, double y1, double y2, bool rightwards)
    {
        for (var moved = true; moved;)
        {
            moved = false;
            foreach (var turn in _lanes.Values.SelectMany(s => s).Where(s => !s.Horizontal && s.Overlaps(y1, y2)))
            {
                if (Math.Abs(turn.At - x) >= LaneGap) continue;
                x = rightwards ? turn.At + LaneGap : turn.At - LaneGap;
                moved = true;
            }
        }
        return x;
    }

    private void ForgetRemovedLinks(Diagram diagram)
    {
        if (_lanes.Count == 0) return;
        var present = diagram.Links.Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var id in _lanes.Keys.Where(id => !present.Contains(id)).ToList()) _lanes.Remove(id);
    }

    /// <summary>
    /// Where a link's turn beside its port (going from <paramref name="y1"/> to <paramref name="y2"/>) clears the
    /// nodes of the port's column that are wider than the port's node (or, into the target, further left).
    /// </summary>
    private static double PastNodes(IReadOnlyList<Rectangle> boxes, double x, double portX, double y1, double y2, bool rightwards)
    {
        foreach (var b in boxes.Where(b => Spans(b, y1, y2) && (rightwards ? b.Left < x && b.Right > portX : b.Right > x && b.Left < portX)))
            x = rightwards ? Math.Max(x, b.Right + Clearance) : Math.Min(x, b.Left - Clearance);
        return x;
    }

    /// <summary>
    /// A forward link with nodes in the band between its ends: along the free lane nearest to the straight line, with
    /// its turns in the gaps beside its ends. Null when nothing stands in the way (the curve is drawn).
    /// </summary>
    private PathGeneratorResult? ForwardAround(Diagram diagram, BaseLinkModel link, Point source, Point target, NodeModel from, NodeModel to)
    {
        var others = diagram.Nodes.Where(n => n != from && n != to).Select(n => n.GetBounds()).OfType<Rectangle>().ToList();
        var between = others.Where(b => b.Right > source.X && b.Left < target.X).ToList();
        var top = Math.Min(source.Y, target.Y) - Clearance / 2;
        var bottom = Math.Max(source.Y, target.Y) + Clearance / 2;
        if (!between.Any(b => b.Bottom > top && b.Top < bottom)) return null;

        var middle = (source.Y + target.Y) / 2;
        var below = FreeLane(middle, between, source.X, target.X, down: true);
        var above = FreeLane(middle, between, source.X, target.X, down: false);
        var y = Math.Abs(below - middle) <= Math.Abs(middle - above) ? below : above;
        // The turns go down (or up) in the gaps next to the ends, past any wider node of the same column.
        var right = PastNodes(BoxesExcept(diagram, from), source.X + Clearance, source.X, source.Y, y, rightwards: true);
        var left = PastNodes(BoxesExcept(diagram, to), target.X - Clearance, target.X, target.Y, y, rightwards: false);
        if (left <= right) return null;
        return Route(diagram, link, source, target, from, to, y);
    }

    private static List<Rectangle> BoxesExcept(Diagram diagram, NodeModel node) =>
        diagram.Nodes.Where(n => n != node).Select(n => n.GetBounds()).OfType<Rectangle>().ToList();

    private static bool Spans(Rectangle box, double y1, double y2) => box.Bottom > Math.Min(y1, y2) && box.Top < Math.Max(y1, y2);

    /// <summary>True when the target is left of the port (or just beside it), so a curve would fold back on itself.</summary>
    public static bool IsBackward(Point source, Point target) => target.X < source.X + 12;

    /// <summary>
    /// The first horizontal line from <paramref name="start"/> (moving down or up) that crosses none of the boxes and keeps
    /// its distance from the lanes of the other links between <paramref name="x1"/> and <paramref name="x2"/>.
    /// </summary>
    private double FreeLane(double start, IReadOnlyList<Rectangle> boxes, double x1, double x2, bool down)
    {
        var lanes = _lanes.Values.SelectMany(s => s).Where(s => s.Horizontal && s.Overlaps(x1, x2)).ToList();
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
            foreach (var lane in lanes)
            {
                if (Math.Abs(lane.At - y) >= LaneGap) continue;
                y = down ? lane.At + LaneGap : lane.At - LaneGap;
                moved = true;
            }
        }
        return y;
    }
}
