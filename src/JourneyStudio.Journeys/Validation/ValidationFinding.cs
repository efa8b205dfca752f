namespace JourneyStudio.Journeys.Validation;

public enum FindingSeverity
{
    Error,
    Warning,
}

/// <summary>
/// One problem found in a journey. <see cref="NodeId"/> and <see cref="Outcome"/> point at the place
/// (null when the finding concerns the journey as a whole); <see cref="Code"/> is a stable key for tools.
/// </summary>
public sealed record ValidationFinding(FindingSeverity Severity, string Code, string Message, string? NodeId = null, string? Outcome = null);
