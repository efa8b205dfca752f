using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>
/// MFA Registration Options: lets a user without a device choose to register, get the app, skip or opt out.
/// "Get App" exists only when <c>getApp</c> is on; "Skip" and "Opt-out" only when registration is not mandatory.
/// The confirmation options are sent in the same order as the outcomes, so the chosen index maps onto them.
/// </summary>
public sealed class MfaRegistrationOptionsDescriptor : NodeDescriptor
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

    private static readonly IReadOnlyList<ConfigProperty> PropertyList =
    [
        new()
        {
            Name = "mandatory", Label = "Remove 'skip' option", Kind = ConfigValueKind.Boolean, Default = Json(false),
            Help = "Make registration mandatory: hides 'Skip this step' and 'Opt-out' and removes their outcomes.",
        },
        new()
        {
            Name = "getApp", Label = "Display Get Authenticator App", Kind = ConfigValueKind.Boolean, Default = Json(true),
            Help = "Show a 'Get the App' button and its outcome (usually wired to a Get Authenticator App node).",
        },
        SharedProperties.LocalizedMessage("message", "Message", "Explanation shown above the buttons.", DefaultMessage),
        SharedProperties.LocalizedMessage("registerDeviceLabel", "Register Device", "Label of the register button.", DefaultRegisterDeviceLabel),
        SharedProperties.LocalizedMessage("getAppLabel", "Get Authenticator App", "Label of the get-the-app button.", DefaultGetAppLabel),
        SharedProperties.LocalizedMessage("skipStepLabel", "Skip this Step", "Label of the skip button.", DefaultSkipStepLabel),
        SharedProperties.LocalizedMessage("optOutLabel", "Opt-out", "Label of the opt-out button.", DefaultOptOutLabel),
    ];

    public override string TypeId => NodeTypeIds.MfaRegistrationOptions;
    public override string DisplayName => "MFA Registration Options";
    public override string Category => NodeCategories.Mfa;
    public override string Description => "Offers a user without a registered device the choice to register, get the app, skip or opt out.";
    public override IReadOnlyList<ConfigProperty> Properties => PropertyList;
    public override bool CanBeOnPage => true;

    public override IReadOnlyList<NodeOutcome> GetOutcomes(NodeConfig config)
    {
        var outcomes = new List<NodeOutcome> { Outcome(RegisterOutcome, "Register") };
        if (config.GetBoolean("getApp") != false) outcomes.Add(Outcome(GetAppOutcome, "Get App"));
        if (config.GetBoolean("mandatory") != true)
        {
            outcomes.Add(Outcome(SkipOutcome, "Skip"));
            outcomes.Add(Outcome(OptOutOutcome, "Opt-out"));
        }
        return outcomes;
    }
}
