using System.Text.Json;
using JourneyStudio.Journeys.Json;

namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>The settings of Combined MFA Registration: the common registration settings, the timeout, OATH and the app's policies.</summary>
public sealed record CombinedMfaRegistrationConfig
{
    [NodePropertyGroup]
    public MfaRegistrationSettings Registration { get; init; } = new();

    [NodeProperty("timeout", "Registration Response Timeout", Minimum = 1,
        Help = "Seconds to wait for the authenticator app to answer the QR code before leaving by the Time Out outcome.")]
    public int Timeout { get; init; } = 60;

    [NodePropertyGroup]
    public OathRegistrationSettings Oath { get; init; } = new();

    [NodeProperty("policiesJson", "JSON Authenticator Policies", Kind = ConfigValueKind.JsonText, Multiline = true,
        Help = "Policies the authenticator app enforces for this account, as a JSON object of policy name to parameters, e.g. "
               + "{\"biometricAvailable\": {}, \"deviceTampering\": {\"score\": 0.8}}. Leave empty for none.")]
    public string PoliciesJson { get; init; } = "";
}

/// <summary>
/// Combined MFA Registration: one QR code registers the app for both push and OATH, with shared recovery codes.
/// Users who already have a push or OATH device go straight to success.
/// </summary>
public sealed class CombinedMfaRegistrationDescriptor : NodeDescriptor<CombinedMfaRegistrationConfig>
{
    public const string SuccessOutcome = "successOutcome";
    public const string FailureOutcome = "failureOutcome";
    public const string TimeoutOutcome = "timeoutOutcome";

    private static readonly IReadOnlyList<NodeOutcome> OutcomeList =
        [new(SuccessOutcome, "Success"), new(FailureOutcome, "Failure"), new(TimeoutOutcome, "Time Out")];

    public override string TypeId => NodeTypeIds.CombinedMfaRegistration;
    public override string DisplayName => "Combined MFA Registration";
    public override string Category => NodeCategories.Mfa;
    public override string Description => "Registers the user's authenticator app for both push and one-time passwords with a single QR code.";

    public override IReadOnlyList<NodeOutcome> GetOutcomes(CombinedMfaRegistrationConfig config) => OutcomeList;

    protected override IEnumerable<ConfigProblem> ValidateRules(CombinedMfaRegistrationConfig config)
    {
        foreach (var problem in config.Oath.Problems()) yield return problem;

        // The app reads the policies as an object of policy name to parameter object; any other JSON shape
        // would register a device whose policies the app cannot apply.
        if (string.IsNullOrWhiteSpace(config.PoliciesJson)) yield break;
        if (!StrictJson.TryParse(config.PoliciesJson, out var document, out _))
            yield break; // the property check already reported the problem
        JsonElement policies;
        using (document)
            policies = document.RootElement.Clone();
        if (policies.ValueKind != JsonValueKind.Object)
        {
            yield return new ConfigProblem("policiesJson", "JSON Authenticator Policies must be a JSON object of policy name to parameters.");
            yield break;
        }
        foreach (var policy in policies.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Object))
            yield return new ConfigProblem("policiesJson",
                $"JSON Authenticator Policies: the parameters of '{policy.Name}' must be a JSON object, e.g. {{}}.");
    }
}
