using System.Collections.Concurrent;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Validation;
using JourneyStudio.Runtime.Administration;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Persistence;

namespace JourneyStudio.Runtime.JourneyTests;

/// <summary>The outcome of asking to run a stored journey's tests.</summary>
public abstract record JourneyTestRunResult
{
    private JourneyTestRunResult() { }

    public sealed record Ran(JourneyTestRun Run) : JourneyTestRunResult;

    public sealed record NotFound : JourneyTestRunResult;

    public sealed record RevisionNotFound(int Revision) : JourneyTestRunResult;
}

/// <summary>Runs the tests of a journey as given (e.g. the designer's canvas), not necessarily stored.</summary>
public interface IJourneyTestRuns
{
    Task<JourneyTestRun> RunAsync(Journey journey, int revision, CancellationToken cancellationToken = default);
}

/// <summary>
/// Runs the tests of stored journeys (the API, the studio and the command line share it) and refuses a publish when one
/// fails (<see cref="IJourneyPublishCheck"/>). Inner journeys run at their live revision, as they would for end users.
/// </summary>
public sealed class JourneyTestService(JourneyStore store, JourneyTestRunner runner) : IJourneyPublishCheck, IJourneyTestRuns
{
    // The last run of each journey revision the publish check ran, so a refusal can list the failing scenarios.
    private readonly ConcurrentDictionary<(string Name, int Revision), JourneyTestRun> _lastRuns = new();

    /// <summary>Runs the tests of <paramref name="revision"/> (default: the newest revision, the draft when there is one).</summary>
    public async Task<JourneyTestRunResult> RunAsync(string name, int? revision, CancellationToken cancellationToken = default)
    {
        var stored = revision is { } wanted
            ? await store.GetRevisionAsync(name, wanted, cancellationToken)
            : await store.GetLatestAsync(name, cancellationToken);
        if (stored is null)
        {
            if (revision is { } missing && await store.GetLatestAsync(name, cancellationToken) is not null)
                return new JourneyTestRunResult.RevisionNotFound(missing);
            return new JourneyTestRunResult.NotFound();
        }
        return new JourneyTestRunResult.Ran(await RunAsync(stored.Journey, stored.Revision, cancellationToken));
    }

    /// <summary>Runs the tests of a journey not (or not yet) stored, such as the designer's unsaved canvas or an export file.</summary>
    public Task<JourneyTestRun> RunAsync(Journey journey, int revision, CancellationToken cancellationToken = default) =>
        runner.RunAsync(new ResolvedJourney(journey, revision), LiveJourneyAsync, cancellationToken);

    private async ValueTask<ResolvedJourney?> LiveJourneyAsync(string name, CancellationToken cancellationToken) =>
        await store.GetAsync(name, cancellationToken) is { } live ? new ResolvedJourney(live.Journey, live.Revision) : null;

    /// <summary>The run the publish check made of this revision, if it made one.</summary>
    public JourneyTestRun? LastPublishRun(string name, int revision) => _lastRuns.TryGetValue((name, revision), out var run) ? run : null;

    public async ValueTask<IReadOnlyList<ValidationFinding>> CheckAsync(StoredJourney draft, CancellationToken cancellationToken)
    {
        var run = await RunAsync(draft.Journey, draft.Revision, cancellationToken);
        _lastRuns[(draft.Journey.Name, draft.Revision)] = run;
        // Bounded: only the newest few matter to anyone reading a refusal.
        if (_lastRuns.Count > 64)
            foreach (var key in _lastRuns.Keys.Take(_lastRuns.Count - 64)) _lastRuns.TryRemove(key, out _);
        return Findings(run);
    }

    /// <summary>One error finding per failing scenario (and per problem of the test section).</summary>
    public static IReadOnlyList<ValidationFinding> Findings(JourneyTestRun run) =>
    [
        .. run.Problems.Select(p => new ValidationFinding(FindingSeverity.Error, FindingCodes.JourneyTestFailed,
            $"The journey's tests cannot be read: {p}")),
        .. run.Failed.Select(f => new ValidationFinding(FindingSeverity.Error, FindingCodes.JourneyTestFailed,
            $"Test \"{f.Name}\" fails: {f.Reason}", f.DivergedAtNodeId is { } node && !StaticNodeIds.IsStatic(node) ? node : null)),
    ];
}
