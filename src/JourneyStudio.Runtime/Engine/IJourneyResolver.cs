using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Runtime.Engine;

/// <summary>A saved journey and the revision it was loaded at.</summary>
public sealed record ResolvedJourney(Journey Journey, int Revision);

/// <summary>Loads saved journeys for the engine (implemented by persistence).</summary>
public interface IJourneyResolver
{
    /// <summary>
    /// The journey called <paramref name="name"/>: its latest revision when <paramref name="revision"/> is null,
    /// otherwise exactly that revision (sign-ons in flight stay on the version they started on). Null when absent.
    /// </summary>
    ValueTask<ResolvedJourney?> ResolveAsync(string name, int? revision, CancellationToken cancellationToken);
}
