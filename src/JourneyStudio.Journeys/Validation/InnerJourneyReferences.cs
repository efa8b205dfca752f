using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Validation;

/// <summary>
/// Follows Inner Tree Evaluator references from journey to journey. Lookups are cached per validation,
/// since several nodes may name the same journey and the search may pass through it many times.
/// </summary>
internal sealed class InnerJourneyReferences(Func<string, Journey?> findJourney)
{
    private readonly Dictionary<string, Journey?> _journeys = new(StringComparer.Ordinal);

    public Journey? Find(string name)
    {
        if (!_journeys.TryGetValue(name, out var journey))
            _journeys[name] = journey = findJourney(name);
        return journey;
    }

    /// <summary>The journey names the Inner Tree Evaluators of a journey run (page children included), in node order.</summary>
    public static IEnumerable<string> NamedBy(Journey journey) =>
        journey.AllNodes()
            .Select(InnerTreeEvaluatorDescriptor.TreeOf)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);

    /// <summary>
    /// The shortest chain of inner journeys from <paramref name="firstReference"/> back to <paramref name="home"/>,
    /// e.g. [B, C, A] for A -> B -> C -> A; null when none leads back. Cycles that do not pass through
    /// <paramref name="home"/> (B -> C -> B) end the search instead of looping: each journey is visited once.
    /// </summary>
    public IReadOnlyList<string>? FindChainBack(string home, string firstReference)
    {
        var cameFrom = new Dictionary<string, string?>(StringComparer.Ordinal) { [firstReference] = null };
        var pending = new Queue<string>([firstReference]);
        while (pending.TryDequeue(out var name))
        {
            if (Find(name) is not { } journey) continue;
            foreach (var reference in NamedBy(journey))
            {
                if (reference == home) return ChainTo(name, cameFrom).Append(home).ToList();
                if (cameFrom.TryAdd(reference, name)) pending.Enqueue(reference);
            }
        }
        return null;
    }

    private static IEnumerable<string> ChainTo(string last, Dictionary<string, string?> cameFrom)
    {
        var chain = new List<string>();
        for (string? name = last; name is not null; name = cameFrom[name]) chain.Add(name);
        chain.Reverse();
        return chain;
    }
}
