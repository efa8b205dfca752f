namespace JourneyStudio.Journeys.Model;

/// <summary>A canvas position in the coordinates AM exports (pixels, origin top left).</summary>
public readonly record struct NodePosition(double X, double Y);
