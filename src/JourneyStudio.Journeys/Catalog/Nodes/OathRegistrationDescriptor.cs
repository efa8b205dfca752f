using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>OATH Registration: shows a QR code that adds a TOTP or HOTP one-time-password account to the user's app.</summary>
public sealed class OathRegistrationDescriptor : NodeDescriptor
{
    /// <summary>Text above the QR code when <c>scanQRCodeMessage</c> has no entry for the user's locale.</summary>
    public const string DefaultScanQrCodeMessage = SharedProperties.DefaultScanQrCodeMessage;

    /// <summary>Label of the button the user presses after scanning (OATH registration needs no answer from the device).</summary>
    public const string NextButtonLabel = "Next";

    public const string SuccessOutcome = "successOutcome";
    public const string FailureOutcome = "failureOutcome";

    private static readonly IReadOnlyList<NodeOutcome> OutcomeList = [new(SuccessOutcome, "Success"), new(FailureOutcome, "Failure")];

    private static readonly IReadOnlyList<ConfigProperty> PropertyList =
    [
        .. SharedProperties.RegistrationCommon("OATH"),
        .. SharedProperties.OathRegistration,
        new()
        {
            Name = "postponeDeviceProfileStorage", Label = "Store device data in shared state", Kind = ConfigValueKind.Boolean, Default = Json(false),
            Help = "Instead of saving the new device to the user's profile, leave it (base64-encoded JSON) in shared state under "
                   + "oathDeviceProfile for a later OATH Device Storage node.",
        },
    ];

    public override string TypeId => NodeTypeIds.OathRegistration;
    public override string DisplayName => "OATH Registration";
    public override string Category => NodeCategories.Mfa;
    public override string Description => "Registers a one-time-password (TOTP or HOTP) account in the user's authenticator app by scanning a QR code.";
    public override IReadOnlyList<ConfigProperty> Properties => PropertyList;

    public override IReadOnlyList<NodeOutcome> GetOutcomes(NodeConfig config) => OutcomeList;

    protected override IEnumerable<ConfigProblem> ValidateRules(NodeConfig config) => SharedProperties.OathRegistrationRules(config);
}
