using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.JourneyTests;
using JourneyStudio.Runtime.Sessions;

namespace JourneyStudio.Web.Designer;

/// <summary>
/// The path the canvas marks: a recorded run ("Last run"), one step of it (the run debugger), or the path a journey
/// test took; at most one at a time.
/// </summary>
public sealed class CanvasPath
{
    /// <summary>The run shown, if any (the run debugger is open for it).</summary>
    public JourneySessionSummary? Run { get; private set; }

    /// <summary>The step of <see cref="Run"/> being viewed, if any.</summary>
    public RunStepChoice? Step { get; private set; }

    /// <summary>The path of a journey test's scenario, if one is shown.</summary>
    public (IReadOnlyList<VisitedNode> Path, JourneySessionStatus Status)? TestPath { get; private set; }

    /// <summary>The marks of the last <see cref="Build"/>.</summary>
    public PathHighlight Highlight { get; private set; } = PathHighlight.None;

    public bool IsEmpty => Run is null && TestPath is null;

    public void ShowRun(JourneySessionSummary run)
    {
        TestPath = null;
        Run = run;
        Step = null;
    }

    public void ShowStep(RunStepChoice step) => Step = step;

    public void ShowTest(JourneyTestScenarioResult result)
    {
        Run = null;
        Step = null;
        TestPath = (result.Path.Select(p => new VisitedNode(p.JourneyName, p.NodeId, p.Outcome)).ToList(), result.End switch
        {
            JourneyTestEnd.Success => JourneySessionStatus.Succeeded,
            JourneyTestEnd.Failure => JourneySessionStatus.Failed,
            _ => JourneySessionStatus.InProgress,
        });
    }

    public void Clear()
    {
        Run = null;
        Step = null;
        TestPath = null;
    }

    /// <summary>The marks on <paramref name="shown"/> (the journey on the canvas) of what is shown.</summary>
    public PathHighlight Build(Journey shown) => Highlight =
        TestPath is { } test ? PathHighlight.Build(shown, test.Path, test.Status)
        : Run is not { } run ? PathHighlight.None
        : Step is { Index: { } step, Trace.Count: > 0 } ? PathHighlight.BuildStep(shown, run, Step.Trace, step)
        : PathHighlight.Build(shown, run);

    /// <summary>Why the canvas may not match <paramref name="run"/>; null when it shows the run's revision unchanged.</summary>
    public static string? CanvasNote(JourneySessionSummary run, int shownRevision, bool viewing, bool dirty) =>
        run.Revision != shownRevision
            ? $"The run used revision {run.Revision}; the canvas shows revision {shownRevision}{(viewing || !dirty ? "" : " with unsaved changes")}, so the path may not match."
            : !viewing && dirty ? "The canvas has unsaved changes since the run's revision; the path may not match."
            : null;
}
