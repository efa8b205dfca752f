using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>
/// Polling Wait Node: makes the client wait before the journey goes on. EXITED exists only when the user may
/// leave early; SPAM only when spam detection is on.
/// </summary>
public sealed class PollingWaitDescriptor : NodeDescriptor
{
    /// <summary>Waiting text; <c>{{time}}</c> is replaced by the seconds to wait.</summary>
    public const string DefaultWaitingMessage = SharedProperties.DefaultWaitingMessage;

    /// <summary>Label of the button that leaves the wait by the EXITED outcome.</summary>
    public const string DefaultExitMessage = SharedProperties.DefaultExitMessage;

    public const string DoneOutcome = "DONE";
    public const string ExitedOutcome = "EXITED";
    public const string SpamOutcome = "SPAM";

    private static readonly IReadOnlyList<ConfigProperty> PropertyList =
    [
        new()
        {
            Name = "secondsToWait", Label = "Seconds To Wait", Kind = ConfigValueKind.Integer, Default = Json(8), Minimum = 1,
            Help = "Seconds the client waits before the journey goes on by the Done outcome.",
        },
        new()
        {
            Name = "spamDetectionEnabled", Label = "Enable Spam Detection", Kind = ConfigValueKind.Boolean, Default = Json(false),
            Help = "Count requests that arrive before the wait is over and leave by the Spam outcome when there are too many.",
        },
        new()
        {
            Name = "spamDetectionTolerance", Label = "Spam Tolerance", Kind = ConfigValueKind.Integer, Default = Json(3), Minimum = 0,
            Help = "How many early requests are tolerated before the Spam outcome (0 means none). Used only with spam detection on.",
        },
        SharedProperties.WaitingMessage,
        new()
        {
            Name = "exitable", Label = "Exitable", Kind = ConfigValueKind.Boolean, Default = Json(false),
            Help = "Show a button that lets the user stop waiting; adds the Exited outcome.",
        },
        SharedProperties.LocalizedMessage("exitMessage", "Exit Message",
            "Label of the button that stops waiting (when Exitable is on).", DefaultExitMessage),
    ];

    public override string TypeId => NodeTypeIds.PollingWait;
    public override string DisplayName => "Polling Wait Node";
    public override string Category => NodeCategories.Utilities;
    public override string Description => "Pauses the journey for a number of seconds while the client polls.";
    public override IReadOnlyList<ConfigProperty> Properties => PropertyList;

    public override IReadOnlyList<NodeOutcome> GetOutcomes(NodeConfig config)
    {
        var outcomes = new List<NodeOutcome> { Outcome(DoneOutcome, "Done") };
        if (config.GetBoolean("exitable") == true) outcomes.Add(Outcome(ExitedOutcome, "Exited"));
        if (config.GetBoolean("spamDetectionEnabled") == true) outcomes.Add(Outcome(SpamOutcome, "Spam"));
        return outcomes;
    }
}
