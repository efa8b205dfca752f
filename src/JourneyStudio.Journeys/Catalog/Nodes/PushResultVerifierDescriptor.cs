namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>Push Result Verifier Node: reads the device's answer to the notification sent by Push Sender.</summary>
public sealed class PushResultVerifierDescriptor : NodeDescriptor<NoConfig>
{
    public const string TrueOutcome = "TRUE";
    public const string FalseOutcome = "FALSE";
    public const string ExpiredOutcome = "EXPIRED";
    public const string WaitingOutcome = "WAITING";

    private static readonly IReadOnlyList<NodeOutcome> OutcomeList =
    [
        new(TrueOutcome, "Success"),
        new(FalseOutcome, "Failure"),
        new(ExpiredOutcome, "Expired"),
        new(WaitingOutcome, "Waiting"),
    ];

    public override string TypeId => NodeTypeIds.PushResultVerifier;
    public override string DisplayName => "Push Result Verifier Node";
    public override string Category => NodeCategories.Mfa;
    public override string Description => "Checks whether the user approved, rejected or has not yet answered the push notification.";

    public override IReadOnlyList<NodeOutcome> GetOutcomes(NoConfig config) => OutcomeList;
}
