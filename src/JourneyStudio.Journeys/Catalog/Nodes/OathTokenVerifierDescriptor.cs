using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>
/// OATH Token Verifier: asks for a one-time password and checks it against the user's OATH device.
/// The "Recovery Code" outcome (and button) exist only when recovery codes are allowed.
/// </summary>
public sealed class OathTokenVerifierDescriptor : NodeDescriptor
{
    public const string Prompt = "Enter verification code";
    public const string SubmitLabel = "Submit";
    public const string UseRecoveryCodeLabel = "Use recovery code";

    public const string SuccessOutcome = "successOutcome";
    public const string FailureOutcome = "failureOutcome";
    public const string NotRegisteredOutcome = "notRegisteredOutcome";
    public const string RecoveryCodeOutcome = "recoveryCodeOutcome";

    private static readonly IReadOnlyList<ConfigProperty> PropertyList =
    [
        SharedProperties.OathAlgorithm,
        new()
        {
            Name = "hotpWindowSize", Label = "HOTP Window Size", Kind = ConfigValueKind.Integer, Default = Json(100), Required = true, Minimum = 1,
            Help = "How far the device's HOTP counter may run ahead of the server's: with 100, the next 100 codes are accepted.",
        },
        new()
        {
            Name = "totpTimeInterval", Label = "TOTP Time Step Interval", Kind = ConfigValueKind.Integer, Default = Json(30), Required = true, Minimum = 1,
            Help = "Seconds one TOTP code stays valid; must match the value used at registration.",
        },
        new()
        {
            Name = "totpTimeSteps", Label = "TOTP Time Steps", Kind = ConfigValueKind.Integer, Default = Json(2), Required = true, Minimum = 1,
            Help = "How many time steps before and after the current one are also accepted, to allow for clock differences.",
        },
        SharedProperties.TotpHashAlgorithm,
        new()
        {
            Name = "maximumAllowedClockDrift", Label = "TOTP Maximum Allowed Clock Drift", Kind = ConfigValueKind.Integer, Default = Json(5),
            Required = true, Minimum = 1,
            Help = "How many time steps a device's clock may drift from the server's before its codes are rejected and the device "
                   + "must be registered again. The drift is re-measured with every accepted code.",
        },
        new()
        {
            Name = "isRecoveryCodeAllowed", Label = "Allow recovery codes", Kind = ConfigValueKind.Boolean, Default = Json(false),
            Help = "Show a 'Use recovery code' button and add the Recovery Code outcome (wire it to a Recovery Code Collector Decision).",
        },
    ];

    public override string TypeId => NodeTypeIds.OathTokenVerifier;
    public override string DisplayName => "OATH Token Verifier";
    public override string Category => NodeCategories.Mfa;
    public override string Description => "Asks for a one-time password from the user's authenticator app and verifies it.";
    public override IReadOnlyList<ConfigProperty> Properties => PropertyList;
    public override bool CanBeOnPage => true;

    public override IReadOnlyList<NodeOutcome> GetOutcomes(NodeConfig config)
    {
        var outcomes = new List<NodeOutcome>
        {
            Outcome(SuccessOutcome, "Success"),
            Outcome(FailureOutcome, "Failure"),
            Outcome(NotRegisteredOutcome, "Not registered"),
        };
        if (config.GetBoolean("isRecoveryCodeAllowed") == true) outcomes.Add(Outcome(RecoveryCodeOutcome, "Recovery Code"));
        return outcomes;
    }
}
