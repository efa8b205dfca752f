namespace JourneyStudio.Journeys.Catalog;

/// <summary>A config value that is missing, of the wrong shape or out of range.</summary>
public sealed record ConfigProblem(string PropertyName, string Message);
