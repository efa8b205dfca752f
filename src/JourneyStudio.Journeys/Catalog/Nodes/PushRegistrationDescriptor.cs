using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>Push Registration: shows a QR code that registers the user's authenticator app for push notifications.</summary>
public sealed class PushRegistrationDescriptor : NodeDescriptor
{
    /// <summary>Text above the QR code when <c>scanQRCodeMessage</c> has no entry for the user's locale.</summary>
    public const string DefaultScanQrCodeMessage = SharedProperties.DefaultScanQrCodeMessage;

    public const string SuccessOutcome = "successOutcome";
    public const string FailureOutcome = "failureOutcome";
    public const string TimeoutOutcome = "timeoutOutcome";

    private static readonly IReadOnlyList<NodeOutcome> OutcomeList =
        [new(SuccessOutcome, "Success"), new(FailureOutcome, "Failure"), new(TimeoutOutcome, "Time Out")];

    private static readonly IReadOnlyList<ConfigProperty> PropertyList =
        [.. SharedProperties.RegistrationCommon("push"), SharedProperties.RegistrationTimeout];

    public override string TypeId => NodeTypeIds.PushRegistration;
    public override string DisplayName => "Push Registration";
    public override string Category => NodeCategories.Mfa;
    public override string Description => "Registers the user's authenticator app for push notifications by scanning a QR code.";
    public override IReadOnlyList<ConfigProperty> Properties => PropertyList;

    public override IReadOnlyList<NodeOutcome> GetOutcomes(NodeConfig config) => OutcomeList;
}
