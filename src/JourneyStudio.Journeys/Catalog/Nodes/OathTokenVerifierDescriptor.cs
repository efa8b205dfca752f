namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>The settings of OATH Token Verifier, in AM's order.</summary>
public sealed record OathTokenVerifierConfig
{
    [NodeProperty("algorithm", "OATH Algorithm", Help = SharedProperties.OathAlgorithmHelp)]
    public OathAlgorithm Algorithm { get; init; } = OathAlgorithm.Totp;

    [NodeProperty("hotpWindowSize", "HOTP Window Size", Required = true, Minimum = 1,
        Help = "How far the device's HOTP counter may run ahead of the server's: with 100, the next 100 codes are accepted.")]
    public int HotpWindowSize { get; init; } = 100;

    [NodeProperty("totpTimeInterval", "TOTP Time Step Interval", Required = true, Minimum = 1,
        Help = "Seconds one TOTP code stays valid; must match the value used at registration.")]
    public int TotpTimeInterval { get; init; } = 30;

    [NodeProperty("totpTimeSteps", "TOTP Time Steps", Required = true, Minimum = 1,
        Help = "How many time steps before and after the current one are also accepted, to allow for clock differences.")]
    public int TotpTimeSteps { get; init; } = 2;

    [NodeProperty("totpHashAlgorithm", "TOTP Hash Algorithm", Help = SharedProperties.TotpHashAlgorithmHelp)]
    public TotpHashAlgorithm TotpHashAlgorithm { get; init; } = TotpHashAlgorithm.HmacSha1;

    [NodeProperty("maximumAllowedClockDrift", "TOTP Maximum Allowed Clock Drift", Required = true, Minimum = 1,
        Help = "How many time steps a device's clock may drift from the server's before its codes are rejected and the device "
               + "must be registered again. The drift is re-measured with every accepted code.")]
    public int MaximumAllowedClockDrift { get; init; } = 5;

    [NodeProperty("isRecoveryCodeAllowed", "Allow recovery codes",
        Help = "Show a 'Use recovery code' button and add the Recovery Code outcome (wire it to a Recovery Code Collector Decision).")]
    public bool IsRecoveryCodeAllowed { get; init; }
}

/// <summary>
/// OATH Token Verifier: asks for a one-time password and checks it against the user's OATH device.
/// The "Recovery Code" outcome (and button) exist only when recovery codes are allowed.
/// </summary>
public sealed class OathTokenVerifierDescriptor : NodeDescriptor<OathTokenVerifierConfig>
{
    public const string Prompt = "Enter verification code";
    public const string SubmitLabel = "Submit";
    public const string UseRecoveryCodeLabel = "Use recovery code";

    public const string SuccessOutcome = "successOutcome";
    public const string FailureOutcome = "failureOutcome";
    public const string NotRegisteredOutcome = "notRegisteredOutcome";
    public const string RecoveryCodeOutcome = "recoveryCodeOutcome";

    private static readonly IReadOnlyList<NodeOutcome> Always =
        [new(SuccessOutcome, "Success"), new(FailureOutcome, "Failure"), new(NotRegisteredOutcome, "Not registered")];
    private static readonly IReadOnlyList<NodeOutcome> WithRecovery = [.. Always, new(RecoveryCodeOutcome, "Recovery Code")];

    public override string TypeId => NodeTypeIds.OathTokenVerifier;
    public override string DisplayName => "OATH Token Verifier";
    public override string Category => NodeCategories.Mfa;
    public override string Description => "Asks for a one-time password from the user's authenticator app and verifies it.";
    public override bool CanBeOnPage => true;

    public override IReadOnlyList<NodeOutcome> GetOutcomes(OathTokenVerifierConfig config) =>
        config.IsRecoveryCodeAllowed ? WithRecovery : Always;
}
