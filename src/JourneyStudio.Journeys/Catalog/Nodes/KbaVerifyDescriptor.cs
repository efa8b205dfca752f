namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>The settings of KBA Verification.</summary>
public sealed record KbaVerifyConfig
{
    [NodeProperty("kbaInfoAttribute", "KBA Attribute", Required = true,
        Help = "The user attribute holding the security questions and (hashed) answers; the studio keeps them in kbaInfo.")]
    public string KbaInfoAttribute { get; init; } = "kbaInfo";

    [NodeProperty("identityAttribute", "Identity Attribute", Required = true, Help = IdentityNodeProperties.IdentityAttributeHelp)]
    public string IdentityAttribute { get; init; } = IdentityNodeProperties.DefaultIdentityAttribute;
}

/// <summary>KBA Verification: asks the user's security questions and checks the answers.</summary>
public sealed class KbaVerifyDescriptor : DecisionNodeDescriptor<KbaVerifyConfig>
{
    public const string AnswerPrompt = "Answer";

    public override string TypeId => NodeTypeIds.KbaVerify;
    public override string DisplayName => "KBA Verification";
    public override string Category => NodeCategories.IdentityManagement;
    public override string Description => "Asks the user's security questions and goes to True when every answer matches.";

    protected override IEnumerable<ConfigProblem> ValidateRules(KbaVerifyConfig config)
    {
        if (config.KbaInfoAttribute is not ("kbaInfo" or ""))
            yield return new ConfigProblem("kbaInfoAttribute", "KBA Attribute must be kbaInfo: the studio keeps security answers only there.");
    }
}
