using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Engine;

namespace JourneyStudio.Runtime.Tests.Support;

/// <summary>Saved journeys by name, each with its revisions (1, 2, ...).</summary>
public sealed class FakeJourneyResolver : IJourneyResolver
{
    private readonly Dictionary<string, List<Journey>> _revisions = new(StringComparer.Ordinal);

    /// <summary>Saves a new revision of the journey and returns its number.</summary>
    public int Save(Journey journey)
    {
        if (!_revisions.TryGetValue(journey.Name, out var list)) _revisions[journey.Name] = list = [];
        list.Add(journey);
        return list.Count;
    }

    public ValueTask<ResolvedJourney?> ResolveAsync(string name, int? revision, CancellationToken cancellationToken)
    {
        if (!_revisions.TryGetValue(name, out var list)) return ValueTask.FromResult<ResolvedJourney?>(null);
        var number = revision ?? list.Count;
        return ValueTask.FromResult(number >= 1 && number <= list.Count ? new ResolvedJourney(list[number - 1], number) : null);
    }
}
