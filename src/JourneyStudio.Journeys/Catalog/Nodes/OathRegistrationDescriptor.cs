namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>The settings of OATH Registration: the common registration settings, OATH, and where the device is kept.</summary>
public sealed record OathRegistrationConfig
{
    [NodePropertyGroup]
    public MfaRegistrationSettings Registration { get; init; } = new();

    [NodePropertyGroup]
    public OathRegistrationSettings Oath { get; init; } = new();

    [NodeProperty("postponeDeviceProfileStorage", "Store device data in shared state",
        Help = "Instead of saving the new device to the user's profile, leave it (base64-encoded JSON) in shared state under "
               + "oathDeviceProfile for a later OATH Device Storage node.")]
    public bool PostponeDeviceProfileStorage { get; init; }
}

/// <summary>OATH Registration: shows a QR code that adds a TOTP or HOTP one-time-password account to the user's app.</summary>
public sealed class OathRegistrationDescriptor : NodeDescriptor<OathRegistrationConfig>
{
    /// <summary>Label of the button the user presses after scanning (OATH registration needs no answer from the device).</summary>
    public const string NextButtonLabel = "Next";

    public const string SuccessOutcome = "successOutcome";
    public const string FailureOutcome = "failureOutcome";

    private static readonly IReadOnlyList<NodeOutcome> OutcomeList = [new(SuccessOutcome, "Success"), new(FailureOutcome, "Failure")];

    public override string TypeId => NodeTypeIds.OathRegistration;
    public override string DisplayName => "OATH Registration";
    public override string Category => NodeCategories.Mfa;
    public override string Description => "Registers a one-time-password (TOTP or HOTP) account in the user's authenticator app by scanning a QR code.";

    public override IReadOnlyList<NodeOutcome> GetOutcomes(OathRegistrationConfig config) => OutcomeList;

    protected override IEnumerable<ConfigProblem> ValidateRules(OathRegistrationConfig config) => config.Oath.Problems();
}
