using JourneyStudio.Runtime.Engine;

namespace JourneyStudio.Runtime.Persistence;

/// <summary>The engine's view of saved journeys: the latest revision to start, the pinned one to continue.</summary>
public sealed class StoreJourneyResolver(JourneyStore store) : IJourneyResolver
{
    public async ValueTask<ResolvedJourney?> ResolveAsync(string name, int? revision, CancellationToken cancellationToken)
    {
        var stored = revision is { } r
            ? await store.GetRevisionAsync(name, r, cancellationToken)
            : await store.GetAsync(name, cancellationToken);
        return stored is null ? null : new ResolvedJourney(stored.Journey, stored.Revision);
    }
}
