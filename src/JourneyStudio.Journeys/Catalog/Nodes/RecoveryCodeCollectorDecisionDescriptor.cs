using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>Recovery Code Collector Decision: asks for a recovery code and checks it against the user's codes of one device type.</summary>
public sealed class RecoveryCodeCollectorDecisionDescriptor : NodeDescriptor
{
    /// <summary>Prompt of the NameCallback.</summary>
    public const string Prompt = "Recovery Code";

    private static readonly IReadOnlyList<ConfigProperty> PropertyList =
    [
        new()
        {
            Name = "recoveryCodeType", Label = "Recovery Code Type", Kind = ConfigValueKind.Choice, Default = Json("OATH"),
            Options = [new("OATH", "OATH"), new("PUSH", "Push"), new("WEB_AUTHN", "WebAuthn")],
            Help = "Which device's recovery codes to check. A matching code is used up.",
        },
    ];

    public override string TypeId => NodeTypeIds.RecoveryCodeCollectorDecision;
    public override string DisplayName => "Recovery Code Collector Decision";
    public override string Category => NodeCategories.Mfa;
    public override string Description => "Asks for a recovery code and checks it against the codes issued at device registration.";
    public override IReadOnlyList<ConfigProperty> Properties => PropertyList;
    public override bool CanBeOnPage => true;

    public override IReadOnlyList<NodeOutcome> GetOutcomes(NodeConfig config) => TrueFalse;
}
