using System.Text.Json;
using JourneyStudio.Journeys.Json;
using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>
/// Combined MFA Registration: one QR code registers the app for both push and OATH, with shared recovery codes.
/// Users who already have a push or OATH device go straight to success.
/// </summary>
public sealed class CombinedMfaRegistrationDescriptor : NodeDescriptor
{
    /// <summary>Text above the QR code when <c>scanQRCodeMessage</c> has no entry for the user's locale.</summary>
    public const string DefaultScanQrCodeMessage = SharedProperties.DefaultScanQrCodeMessage;

    public const string SuccessOutcome = "successOutcome";
    public const string FailureOutcome = "failureOutcome";
    public const string TimeoutOutcome = "timeoutOutcome";

    private static readonly IReadOnlyList<NodeOutcome> OutcomeList =
        [new(SuccessOutcome, "Success"), new(FailureOutcome, "Failure"), new(TimeoutOutcome, "Time Out")];

    private static readonly IReadOnlyList<ConfigProperty> PropertyList =
    [
        .. SharedProperties.RegistrationCommon("push and OATH"),
        SharedProperties.RegistrationTimeout,
        .. SharedProperties.OathRegistration,
        new()
        {
            Name = "policiesJson", Label = "JSON Authenticator Policies", Kind = ConfigValueKind.JsonText, Default = Json(""), Multiline = true,
            Help = "Policies the authenticator app enforces for this account, as a JSON object of policy name to parameters, e.g. "
                   + "{\"biometricAvailable\": {}, \"deviceTampering\": {\"score\": 0.8}}. Leave empty for none.",
        },
    ];

    public override string TypeId => NodeTypeIds.CombinedMfaRegistration;
    public override string DisplayName => "Combined MFA Registration";
    public override string Category => NodeCategories.Mfa;
    public override string Description => "Registers the user's authenticator app for both push and one-time passwords with a single QR code.";
    public override IReadOnlyList<ConfigProperty> Properties => PropertyList;

    public override IReadOnlyList<NodeOutcome> GetOutcomes(NodeConfig config) => OutcomeList;

    protected override IEnumerable<ConfigProblem> ValidateRules(NodeConfig config)
    {
        foreach (var problem in SharedProperties.OathRegistrationRules(config)) yield return problem;

        // The app reads the policies as an object of policy name to parameter object; any other JSON shape
        // would register a device whose policies the app cannot apply.
        var json = config.GetString("policiesJson");
        if (string.IsNullOrWhiteSpace(json)) yield break;
        if (!StrictJson.TryParse(json, out var document, out _))
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
