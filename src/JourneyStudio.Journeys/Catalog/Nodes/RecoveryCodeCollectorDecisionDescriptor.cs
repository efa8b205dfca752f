namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>Which device's recovery codes a Recovery Code Collector Decision checks (AM's RecoveryCodeType).</summary>
public enum RecoveryCodeType
{
    [ChoiceValue("OATH", "OATH")] Oath,
    [ChoiceValue("PUSH", "Push")] Push,
    [ChoiceValue("WEB_AUTHN", "WebAuthn")] WebAuthn,
}

/// <summary>The settings of Recovery Code Collector Decision.</summary>
public sealed record RecoveryCodeCollectorDecisionConfig
{
    [NodeProperty("recoveryCodeType", "Recovery Code Type", Help = "Which device's recovery codes to check. A matching code is used up.")]
    public RecoveryCodeType RecoveryCodeType { get; init; } = RecoveryCodeType.Oath;
}

/// <summary>Recovery Code Collector Decision: asks for a recovery code and checks it against the user's codes of one device type.</summary>
public sealed class RecoveryCodeCollectorDecisionDescriptor : DecisionNodeDescriptor<RecoveryCodeCollectorDecisionConfig>
{
    /// <summary>Prompt of the NameCallback.</summary>
    public const string Prompt = "Recovery Code";

    public override string TypeId => NodeTypeIds.RecoveryCodeCollectorDecision;
    public override string DisplayName => "Recovery Code Collector Decision";
    public override string Category => NodeCategories.Mfa;
    public override string Description => "Asks for a recovery code and checks it against the codes issued at device registration.";
    public override bool CanBeOnPage => true;
}
