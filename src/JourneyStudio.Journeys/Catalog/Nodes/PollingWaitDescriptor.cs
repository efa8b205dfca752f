namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>The settings of Polling Wait Node.</summary>
public sealed record PollingWaitConfig
{
    [NodeProperty("secondsToWait", "Seconds To Wait", Minimum = 1,
        Help = "Seconds the client waits before the journey goes on by the Done outcome.")]
    public int SecondsToWait { get; init; } = 8;

    [NodeProperty("spamDetectionEnabled", "Enable Spam Detection",
        Help = "Count requests that arrive before the wait is over and leave by the Spam outcome when there are too many.")]
    public bool SpamDetectionEnabled { get; init; }

    [NodeProperty("spamDetectionTolerance", "Spam Tolerance", Minimum = 0,
        Help = "How many early requests are tolerated before the Spam outcome (0 means none). Used only with spam detection on.")]
    public int SpamDetectionTolerance { get; init; } = 3;

    [NodeProperty("waitingMessage", "Waiting Message", Help = SharedProperties.WaitingMessageHelp)]
    public LocalizedText WaitingMessage { get; init; } = new(SharedProperties.DefaultWaitingMessage);

    [NodeProperty("exitable", "Exitable", Help = "Show a button that lets the user stop waiting; adds the Exited outcome.")]
    public bool Exitable { get; init; }

    [NodeProperty("exitMessage", "Exit Message", Help = "Label of the button that stops waiting (when Exitable is on).")]
    public LocalizedText ExitMessage { get; init; } = new(SharedProperties.DefaultExitMessage);
}

/// <summary>
/// Polling Wait Node: makes the client wait before the journey goes on. EXITED exists only when the user may
/// leave early; SPAM only when spam detection is on.
/// </summary>
public sealed class PollingWaitDescriptor : NodeDescriptor<PollingWaitConfig>
{
    public const string DoneOutcome = "DONE";
    public const string ExitedOutcome = "EXITED";
    public const string SpamOutcome = "SPAM";

    public override string TypeId => NodeTypeIds.PollingWait;
    public override string DisplayName => "Polling Wait Node";
    public override string Category => NodeCategories.Utilities;
    public override string Description => "Pauses the journey for a number of seconds while the client polls.";

    public override IReadOnlyList<NodeOutcome> GetOutcomes(PollingWaitConfig config)
    {
        var outcomes = new List<NodeOutcome> { new(DoneOutcome, "Done") };
        if (config.Exitable) outcomes.Add(new(ExitedOutcome, "Exited"));
        if (config.SpamDetectionEnabled) outcomes.Add(new(SpamOutcome, "Spam"));
        return outcomes;
    }
}
