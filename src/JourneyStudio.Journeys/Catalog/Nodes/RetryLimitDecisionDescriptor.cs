using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>Retry Limit Decision: lets a loop run a fixed number of times, then rejects.</summary>
public sealed class RetryLimitDecisionDescriptor : NodeDescriptor
{
    public const string RetryOutcome = "Retry";
    public const string RejectOutcome = "Reject";

    private static readonly IReadOnlyList<NodeOutcome> OutcomeList = [new(RetryOutcome, "Retry"), new(RejectOutcome, "Reject")];

    private static readonly IReadOnlyList<ConfigProperty> PropertyList =
    [
        new()
        {
            Name = "retryLimit", Label = "Retry Limit", Kind = ConfigValueKind.Integer, Default = Json(3), Required = true, Minimum = 1,
            Help = "How many times the journey may pass through the Retry outcome before it goes to Reject.",
        },
        new()
        {
            Name = "incrementUserAttributeOnFailure", Label = "Save Retry Limit to User", Kind = ConfigValueKind.Boolean, Default = Json(true),
            Required = true,
            Help = "Keep the count on the user's profile so that it survives restarting the journey. Needs an identified user; "
                   + "when off, the count lives only as long as this sign-on attempt.",
        },
    ];

    public override string TypeId => NodeTypeIds.RetryLimitDecision;
    public override string DisplayName => "Retry Limit Decision";
    public override string Category => NodeCategories.Utilities;
    public override string Description => "Allows a set number of retries, then sends the journey down the Reject path.";
    public override IReadOnlyList<ConfigProperty> Properties => PropertyList;

    public override IReadOnlyList<NodeOutcome> GetOutcomes(NodeConfig config) => OutcomeList;
}
