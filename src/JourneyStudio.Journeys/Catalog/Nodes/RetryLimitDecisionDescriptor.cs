namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>The settings of Retry Limit Decision.</summary>
public sealed record RetryLimitDecisionConfig
{
    [NodeProperty("retryLimit", "Retry Limit", Required = true, Minimum = 1,
        Help = "How many times the journey may pass through the Retry outcome before it goes to Reject.")]
    public int RetryLimit { get; init; } = 3;

    [NodeProperty("incrementUserAttributeOnFailure", "Save Retry Limit to User", Required = true,
        Help = "Keep the count on the user's profile so that it survives restarting the journey. Needs an identified user; "
               + "when off, the count lives only as long as this sign-on attempt.")]
    public bool IncrementUserAttributeOnFailure { get; init; } = true;
}

/// <summary>Retry Limit Decision: lets a loop run a fixed number of times, then rejects.</summary>
public sealed class RetryLimitDecisionDescriptor : NodeDescriptor<RetryLimitDecisionConfig>
{
    public const string RetryOutcome = "Retry";
    public const string RejectOutcome = "Reject";

    private static readonly IReadOnlyList<NodeOutcome> OutcomeList = [new(RetryOutcome, "Retry"), new(RejectOutcome, "Reject")];

    public override string TypeId => NodeTypeIds.RetryLimitDecision;
    public override string DisplayName => "Retry Limit Decision";
    public override string Category => NodeCategories.Utilities;
    public override string Description => "Allows a set number of retries, then sends the journey down the Reject path.";

    public override IReadOnlyList<NodeOutcome> GetOutcomes(RetryLimitDecisionConfig config) => OutcomeList;
}
