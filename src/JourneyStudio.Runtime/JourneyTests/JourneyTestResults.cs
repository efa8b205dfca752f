namespace JourneyStudio.Runtime.JourneyTests;

/// <summary>How a scenario's sign-on ended in the sandbox.</summary>
public enum JourneyTestEnd
{
    Success,
    Failure,

    /// <summary>Stopped while the journey still asked for input (the scenario had no answer, or its node was reached).</summary>
    Step,

    /// <summary>The scenario could not be set up or driven (test user refused, device action impossible).</summary>
    NotRun,
}

/// <summary>One node the sign-on passed and the outcome it left by.</summary>
public sealed record JourneyTestPathEntry(string JourneyName, string NodeId, string Outcome);

public sealed record JourneyTestScenarioResult
{
    public required string Name { get; init; }

    public required bool Passed { get; init; }

    public required JourneyTestEnd End { get; init; }

    public IReadOnlyList<JourneyTestPathEntry> Path { get; init; } = [];

    /// <summary>The step (from 1) where the run went other than the scenario says; null when it passed.</summary>
    public int? DivergedAtStep { get; init; }

    /// <summary>The node the journey was at when it diverged.</summary>
    public string? DivergedAtNodeId { get; init; }

    /// <summary>Why it failed, in plain words; null when it passed.</summary>
    public string? Reason { get; init; }

    /// <summary>How many steps the journey sent.</summary>
    public int Steps { get; init; }
}

/// <summary>The results of a journey's scenarios on one of its revisions.</summary>
public sealed record JourneyTestRun
{
    public required string JourneyName { get; init; }

    public required int Revision { get; init; }

    public IReadOnlyList<JourneyTestScenarioResult> Scenarios { get; init; } = [];

    /// <summary>Problems of the journey's test section; a run with problems fails, running nothing.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    public bool Passed => Problems.Count == 0 && Scenarios.All(s => s.Passed);

    public IReadOnlyList<JourneyTestScenarioResult> Failed => Scenarios.Where(s => !s.Passed).ToList();
}
