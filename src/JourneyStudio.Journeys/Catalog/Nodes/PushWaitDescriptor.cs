using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>Push Wait Node: makes the client poll while the user answers the notification; shows the challenge number.</summary>
public sealed class PushWaitDescriptor : NodeDescriptor
{
    /// <summary>Waiting text; <c>{{time}}</c> is replaced by the seconds to wait.</summary>
    public const string DefaultWaitingMessage = SharedProperties.DefaultWaitingMessage;

    /// <summary>Waiting text for number matching; <c>{{challenge}}</c> is replaced by the number to tap.</summary>
    public const string DefaultChallengeMessage = "Tap the number [{{challenge}}] on the Push Notification to continue.";

    /// <summary>Label of the button that leaves the wait by the EXITED outcome.</summary>
    public const string DefaultExitMessage = SharedProperties.DefaultExitMessage;

    public const string DoneOutcome = "DONE";
    public const string ExitedOutcome = "EXITED";

    private static readonly IReadOnlyList<NodeOutcome> OutcomeList = [new(DoneOutcome, "Done"), new(ExitedOutcome, "Exit")];

    private static readonly IReadOnlyList<ConfigProperty> PropertyList =
    [
        new()
        {
            Name = "secondsToWait", Label = "Seconds To Wait", Kind = ConfigValueKind.Integer, Default = Json(5), Minimum = 1,
            Help = "Seconds the client waits before the journey goes on to the Done outcome (usually a Push Result Verifier).",
        },
        SharedProperties.WaitingMessage,
        SharedProperties.LocalizedMessage("challengeMessage", "Push Challenge Message",
            "Text shown instead of the waiting message when the Push Sender uses number matching; {{challenge}} is replaced by the number.",
            DefaultChallengeMessage),
        SharedProperties.LocalizedMessage("exitMessage", "Exit Message",
            "Label of the button that stops waiting and leaves by the Exit outcome, e.g. 'Lost phone? Use a recovery code'.",
            DefaultExitMessage),
    ];

    public override string TypeId => NodeTypeIds.PushWait;
    public override string DisplayName => "Push Wait Node";
    public override string Category => NodeCategories.Mfa;
    public override string Description => "Pauses the journey while the user answers the push notification, showing the number to tap when required.";
    public override IReadOnlyList<ConfigProperty> Properties => PropertyList;

    public override IReadOnlyList<NodeOutcome> GetOutcomes(NodeConfig config) => OutcomeList;
}
