namespace JourneyStudio.Journeys.Catalog;

/// <summary>A named exit of a node: <paramref name="Id"/> is the stable key used in connections, <paramref name="Label"/> is display text.</summary>
public sealed record NodeOutcome(string Id, string Label);
