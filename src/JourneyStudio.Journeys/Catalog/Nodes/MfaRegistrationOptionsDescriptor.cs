namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>The settings of MFA Registration Options.</summary>
public sealed record MfaRegistrationOptionsConfig
{
    [NodeProperty("mandatory", "Remove 'skip' option",
        Help = "Make registration mandatory: hides 'Skip this step' and 'Opt-out' and removes their outcomes.")]
    public bool Mandatory { get; init; }

    [NodeProperty("getApp", "Display Get Authenticator App",
        Help = "Show a 'Get the App' button and its outcome (usually wired to a Get Authenticator App node).")]
    public bool GetApp { get; init; } = true;

    [NodeProperty("message", "Message", Help = "Explanation shown above the buttons.")]
    public LocalizedText Message { get; init; } = new(MfaRegistrationOptionsDescriptor.DefaultMessage);

    [NodeProperty("registerDeviceLabel", "Register Device", Help = "Label of the register button.")]
    public LocalizedText RegisterDeviceLabel { get; init; } = new(MfaRegistrationOptionsDescriptor.DefaultRegisterDeviceLabel);

    [NodeProperty("getAppLabel", "Get Authenticator App", Help = "Label of the get-the-app button.")]
    public LocalizedText GetAppLabel { get; init; } = new(MfaRegistrationOptionsDescriptor.DefaultGetAppLabel);

    [NodeProperty("skipStepLabel", "Skip this Step", Help = "Label of the skip button.")]
    public LocalizedText SkipStepLabel { get; init; } = new(MfaRegistrationOptionsDescriptor.DefaultSkipStepLabel);

    [NodeProperty("optOutLabel", "Opt-out", Help = "Label of the opt-out button.")]
    public LocalizedText OptOutLabel { get; init; } = new(MfaRegistrationOptionsDescriptor.DefaultOptOutLabel);
}

/// <summary>
/// MFA Registration Options: lets a user without a device choose to register, get the app, skip or opt out.
/// "Get App" exists only when <c>getApp</c> is on; "Skip" and "Opt-out" only when registration is not mandatory.
/// The confirmation options are sent in the same order as the outcomes, so the chosen index maps onto them.
/// </summary>
public sealed class MfaRegistrationOptionsDescriptor : NodeDescriptor<MfaRegistrationOptionsConfig>
{
    public const string DefaultMessage =
        "On this page you can choose to register, skip or opt-out the second factor authentication method selected to protect "
        + "your account. If you \"Skip\", an MFA method will not be registered now, but you will be prompted again on your next "
        + "login. Otherwise, if you \"Opt out\", an MFA method will not be registered now and you will not be asked again. "
        + "This choice is not recommended.";
    public const string DefaultRegisterDeviceLabel = "Register Device";
    public const string DefaultGetAppLabel = "Get the App";
    public const string DefaultSkipStepLabel = "Skip this step";
    public const string DefaultOptOutLabel = "Opt-out";

    public const string RegisterOutcome = "registerOutcome";
    public const string GetAppOutcome = "getAppOutcome";
    public const string SkipOutcome = "skipOutcome";
    public const string OptOutOutcome = "optOutOutcome";

    public override string TypeId => NodeTypeIds.MfaRegistrationOptions;
    public override string DisplayName => "MFA Registration Options";
    public override string Category => NodeCategories.Mfa;
    public override string Description => "Offers a user without a registered device the choice to register, get the app, skip or opt out.";
    public override bool CanBeOnPage => true;

    public override IReadOnlyList<NodeOutcome> GetOutcomes(MfaRegistrationOptionsConfig config)
    {
        var outcomes = new List<NodeOutcome> { new(RegisterOutcome, "Register") };
        if (config.GetApp) outcomes.Add(new(GetAppOutcome, "Get App"));
        if (!config.Mandatory)
        {
            outcomes.Add(new(SkipOutcome, "Skip"));
            outcomes.Add(new(OptOutOutcome, "Opt-out"));
        }
        return outcomes;
    }
}
