namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>The settings of Push Registration: the common registration settings and the timeout.</summary>
public sealed record PushRegistrationConfig
{
    [NodePropertyGroup]
    public MfaRegistrationSettings Registration { get; init; } = new();

    [NodeProperty("timeout", "Registration Response Timeout", Minimum = 1,
        Help = "Seconds to wait for the authenticator app to answer the QR code before leaving by the Time Out outcome.")]
    public int Timeout { get; init; } = 60;
}

/// <summary>Push Registration: shows a QR code that registers the user's authenticator app for push notifications.</summary>
public sealed class PushRegistrationDescriptor : NodeDescriptor<PushRegistrationConfig>
{
    public const string SuccessOutcome = "successOutcome";
    public const string FailureOutcome = "failureOutcome";
    public const string TimeoutOutcome = "timeoutOutcome";

    private static readonly IReadOnlyList<NodeOutcome> OutcomeList =
        [new(SuccessOutcome, "Success"), new(FailureOutcome, "Failure"), new(TimeoutOutcome, "Time Out")];

    public override string TypeId => NodeTypeIds.PushRegistration;
    public override string DisplayName => "Push Registration";
    public override string Category => NodeCategories.Mfa;
    public override string Description => "Registers the user's authenticator app for push notifications by scanning a QR code.";

    public override IReadOnlyList<NodeOutcome> GetOutcomes(PushRegistrationConfig config) => OutcomeList;
}
