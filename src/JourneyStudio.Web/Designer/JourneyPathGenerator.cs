using Blazor.Diagrams.Core;
using Blazor.Diagrams.Core.Anchors;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;
using Blazor.Diagrams.Core.PathGenerators;

namespace JourneyStudio.Web.Designer;

/// <summary>
/// How links are drawn. A link that goes forward (its target to the right of its port) is a smooth curve. A link that
/// goes back (Retry, Waiting, Expired, Time Out) would be a tiny curl at the port, or run behind the nodes between; it
/// is routed instead: out to the right, along a lane above or below every node in its way, and into the target from
/// the left, with rounded corners.
/// </summary>
public sealed class JourneyPathGenerator : PathGenerator
{
    /// <summary>Room kept between a routed link and the nodes it goes around.</summary>
    public const double Clearance = 22;

    private readonly SmoothPathGenerator _forward = new();
    private readonly StraightPathGenerator _routed = new(10);

    public override PathGeneratorResult GetResult(Diagram diagram, BaseLinkModel link, Point[] route, Point source, Point target)
    {
        if (route.Length > 0 || !IsBackward(source, target)
            || link.Source is not SinglePortAnchor { Port.Parent: { } from } || link.Target is not SinglePortAnchor { Port.Parent: { } to }
            || from.GetBounds() is not { } fromBox || to.GetBounds() is not { } toBox)
            return _forward.GetResult(diagram, link, route, source, target);

        var right = source.X + Clearance;
        var left = target.X - Clearance;
        // Several loops into one node get lanes of their own, so that they stay apart.
        var lane = Math.Abs(StableHash(((SinglePortAnchor)link.Source).Port.Id)) % 4 * 8;
        var obstacles = diagram.Nodes
            .Where(n => n.GetBounds() is { } b && b.Right > left && b.Left < right)
            .Select(n => n.GetBounds()!)
            .ToList();
        var below = FreeLane(Math.Max(fromBox.Bottom, toBox.Bottom) + Clearance + lane, obstacles, down: true);
        var above = FreeLane(Math.Min(fromBox.Top, toBox.Top) - Clearance - lane, obstacles, down: false);
        var middle = (source.Y + target.Y) / 2;
        var y = Math.Abs(below - middle) <= Math.Abs(middle - above) ? below : above;

        Point[] corners = [new(right, source.Y), new(right, y), new(left, y), new(left, target.Y)];
        return _routed.GetResult(diagram, link, corners, source, target);
    }

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
