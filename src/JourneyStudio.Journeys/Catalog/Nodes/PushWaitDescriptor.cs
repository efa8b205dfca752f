namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>The settings of Push Wait Node.</summary>
public sealed record PushWaitConfig
{
    [NodeProperty("secondsToWait", "Seconds To Wait", Minimum = 1,
        Help = "Seconds the client waits before the journey goes on to the Done outcome (usually a Push Result Verifier).")]
    public int SecondsToWait { get; init; } = 5;

    [NodeProperty("waitingMessage", "Waiting Message", Help = SharedProperties.WaitingMessageHelp)]
    public LocalizedText WaitingMessage { get; init; } = new(SharedProperties.DefaultWaitingMessage);

    [NodeProperty("challengeMessage", "Push Challenge Message",
        Help = "Text shown instead of the waiting message when the Push Sender uses number matching; {{challenge}} is replaced by the number.")]
    public LocalizedText ChallengeMessage { get; init; } = new(PushWaitDescriptor.DefaultChallengeMessage);

    [NodeProperty("exitMessage", "Exit Message",
        Help = "Label of the button that stops waiting and leaves by the Exit outcome, e.g. 'Lost phone? Use a recovery code'.")]
    public LocalizedText ExitMessage { get; init; } = new(SharedProperties.DefaultExitMessage);
}

/// <summary>Push Wait Node: makes the client poll while the user answers the notification; shows the challenge number.</summary>
public sealed class PushWaitDescriptor : NodeDescriptor<PushWaitConfig>
{
    /// <summary>Waiting text for number matching; <c>{{challenge}}</c> is replaced by the number to tap.</summary>
    public const string DefaultChallengeMessage = "Tap the number [{{challenge}}] on the Push Notification to continue.";

    public const string DoneOutcome = "DONE";
    public const string ExitedOutcome = "EXITED";

    private static readonly IReadOnlyList<NodeOutcome> OutcomeList = [new(DoneOutcome, "Done"), new(ExitedOutcome, "Exit")];

    public override string TypeId => NodeTypeIds.PushWait;
    public override string DisplayName => "Push Wait Node";
    public override string Category => NodeCategories.Mfa;
    public override string Description => "Pauses the journey while the user answers the push notification, showing the number to tap when required.";

    public override IReadOnlyList<NodeOutcome> GetOutcomes(PushWaitConfig config) => OutcomeList;
}
