using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Sessions;

namespace JourneyStudio.Web.Designer;

/// <summary>Steps a run took inside a journey run by an Inner Tree Evaluator, summarised for the legend.</summary>
public sealed record InnerJourneySteps(string JourneyName, int Steps);

/// <summary>
/// What the canvas marks for one recorded run: the nodes it reached (with how often, for retry loops) and the
/// outcomes it followed, mapped onto the journey shown (which may be another revision than the one the run used).
/// </summary>
public sealed record PathHighlight
{
    public static readonly PathHighlight None = new();

    /// <summary>Node id (top-level, page child, Start, Success or Failure) → number of visits.</summary>
    public IReadOnlyDictionary<string, int> Visits { get; init; } = new Dictionary<string, int>();

    /// <summary>(source node id, outcome id) of every link the run followed, Start's included.</summary>
    public IReadOnlySet<(string NodeId, string Outcome)> FollowedOutcomes { get; init; } = new HashSet<(string, string)>();

    public IReadOnlyList<InnerJourneySteps> InnerJourneys { get; init; } = [];

    /// <summary>Ids of visited nodes that the journey shown does not have (they were removed since the run).</summary>
    public IReadOnlyList<string> MissingNodeIds { get; init; } = [];

    /// <summary>
    /// The node the run was at after the step being viewed in the run debugger (where it waited or ended); null when the
    /// whole run is shown rather than one step.
    /// </summary>
    public string? CurrentNodeId { get; init; }

    /// <summary>The node and outcome the run failed on because the outcome had no link; null when it did not.</summary>
    public (string NodeId, string Outcome)? UnwiredOutcome { get; init; }

    public int VisitsOf(string nodeId) => Visits.GetValueOrDefault(nodeId);

    public bool IsFollowed(string nodeId, string outcome) => FollowedOutcomes.Contains((nodeId, outcome));

    /// <summary>
    /// Maps a recorded path onto <paramref name="journey"/>. The engine records a node when it takes an outcome
    /// (page children before their page, inner-journey steps before their Inner Tree Evaluator), so the node a run
    /// ended on or waits at is not in the path: it is the target of the last outcome followed, or the entry node
    /// when the run has not left its first node yet.
    /// </summary>
    /// <param name="markCurrent">Mark the node the path ends at (<see cref="CurrentNodeId"/>), for one step of the run debugger.</param>
    public static PathHighlight Build(Journey journey, IReadOnlyList<VisitedNode> path, JourneySessionStatus status, bool markCurrent = false)
    {
        var visits = new Dictionary<string, int>(StringComparer.Ordinal);
        var followed = new HashSet<(string, string)>();
        var missing = new List<string>();
        var inner = new List<InnerJourneySteps>();
        var topLevel = journey.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        string? lastTarget = null;
        (string, string)? lastStep = null;
        var leftEntry = false;
        var innerOpen = false;

        foreach (var step in path)
        {
            if (!string.Equals(step.JourneyName, journey.Name, StringComparison.OrdinalIgnoreCase))
            {
                // Consecutive steps of one inner journey make one legend line; a second call of it makes another.
                if (innerOpen && string.Equals(inner[^1].JourneyName, step.JourneyName, StringComparison.OrdinalIgnoreCase))
                    inner[^1] = inner[^1] with { Steps = inner[^1].Steps + 1 };
                else
                    inner.Add(new InnerJourneySteps(step.JourneyName, 1));
                innerOpen = true;
                continue;
            }
            innerOpen = false;
            if (journey.FindNode(step.NodeId) is null)
            {
                if (!missing.Contains(step.NodeId)) missing.Add(step.NodeId);
                continue;
            }
            visits[step.NodeId] = visits.GetValueOrDefault(step.NodeId) + 1;
            if (!topLevel.TryGetValue(step.NodeId, out var node)) continue; // a page child: its outcome is not a link
            if (!leftEntry && step.NodeId == journey.EntryNodeId) followed.Add((StaticNodeIds.Start, JourneyEditSession.StartOutcome));
            leftEntry = true;
            followed.Add((step.NodeId, step.Outcome));
            lastTarget = node.Connections.GetValueOrDefault(step.Outcome);
            lastStep = (step.NodeId, step.Outcome);
        }

        if (!leftEntry && status == JourneySessionStatus.InProgress && topLevel.ContainsKey(journey.EntryNodeId))
        {
            followed.Add((StaticNodeIds.Start, JourneyEditSession.StartOutcome));
            lastTarget = journey.EntryNodeId;
        }
        if (lastTarget is not null && (StaticNodeIds.IsTerminal(lastTarget) || topLevel.ContainsKey(lastTarget)))
            visits[lastTarget] = Math.Max(1, visits.GetValueOrDefault(lastTarget));
        if (visits.Count > 0 || followed.Count > 0) visits[StaticNodeIds.Start] = 1;
        // A failed run whose last outcome leads nowhere stopped there: the engine found no link for it.
        var unwired = status == JourneySessionStatus.Failed && lastTarget is null && lastStep is { } last && !innerOpen ? last : ((string, string)?)null;
        if (unwired is { } u) followed.Remove(u);
        string? current = null;
        if (markCurrent)
            current = unwired?.Item1
                ?? (lastTarget is not null && (StaticNodeIds.IsTerminal(lastTarget) || topLevel.ContainsKey(lastTarget)) ? lastTarget : null)
                ?? (!leftEntry && topLevel.ContainsKey(journey.EntryNodeId) ? journey.EntryNodeId : null);

        return new PathHighlight
        {
            Visits = visits, FollowedOutcomes = followed, InnerJourneys = inner, MissingNodeIds = missing,
            CurrentNodeId = current, UnwiredOutcome = unwired,
        };
    }

    /// <summary>Highlight of a stored run on the journey shown.</summary>
    public static PathHighlight Build(Journey journey, JourneySessionSummary run) => Build(journey, run.VisitedPath, run.Status);

    /// <summary>
    /// Highlight of a stored run up to and including step <paramref name="stepIndex"/> of its <paramref name="trace"/>
    /// (0-based): the path those steps took, with the node the run then waited or ended at marked as current.
    /// </summary>
    public static PathHighlight BuildStep(Journey journey, JourneySessionSummary run, IReadOnlyList<StepTrace> trace, int stepIndex)
    {
        var index = Math.Clamp(stepIndex, 0, Math.Max(0, trace.Count - 1));
        var length = Math.Min(run.VisitedPath.Count, trace.Take(index + 1).Sum(t => t.Outcomes.Count));
        var isLast = index >= trace.Count - 1;
        var status = isLast ? run.Status : JourneySessionStatus.InProgress;
        return Build(journey, run.VisitedPath.Take(isLast ? run.VisitedPath.Count : length).ToList(), status, markCurrent: true);
    }
}
