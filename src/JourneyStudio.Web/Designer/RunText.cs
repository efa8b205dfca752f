using JourneyStudio.Runtime.Engine;

namespace JourneyStudio.Web.Designer;

/// <summary>How the designer words a run's status.</summary>
public static class RunText
{
    public static string Status(JourneySessionStatus status) => status switch
    {
        JourneySessionStatus.Succeeded => "success",
        JourneySessionStatus.Failed => "failure",
        _ => "in progress",
    };

    public static string StatusClass(JourneySessionStatus status) => "jn-status-" + status.ToString().ToLowerInvariant();
}

/// <summary>The run debugger's choice: step <see cref="Index"/> (0-based; null for the whole run) of <see cref="Trace"/>.</summary>
public sealed record RunStepChoice(int? Index, IReadOnlyList<StepTrace> Trace);
