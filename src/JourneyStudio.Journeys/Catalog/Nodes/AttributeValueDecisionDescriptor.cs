namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>What Attribute Value Decision checks.</summary>
public enum AttributeComparison
{
    [ChoiceValue("PRESENT", "Present")] Present,
    [ChoiceValue("EQUALS", "Equals")] EqualTo,
}

/// <summary>The settings of Attribute Value Decision.</summary>
public sealed record AttributeValueDecisionConfig
{
    [NodeProperty("comparisonOperation", "Comparison Operation",
        Help = "PRESENT: the attribute has a value. EQUALS: its value equals the comparison value.")]
    public AttributeComparison ComparisonOperation { get; init; } = AttributeComparison.Present;

    [NodeProperty("comparisonAttribute", "Comparison Attribute", Required = true,
        Help = "The attribute to check (IDM name, e.g. country or preferences/marketing); the collected value counts first, then the user's.")]
    public string ComparisonAttribute { get; init; } = "";

    [NodeProperty("comparisonValue", "Comparison Value", Help = "With EQUALS: the value the attribute must have (compared as text).")]
    public string? ComparisonValue { get; init; }

    [NodeProperty("identityAttribute", "Identity Attribute", Required = true, Help = IdentityNodeProperties.IdentityAttributeHelp)]
    public string IdentityAttribute { get; init; } = IdentityNodeProperties.DefaultIdentityAttribute;
}

/// <summary>Attribute Value Decision: True when an attribute is present, or equals a value.</summary>
public sealed class AttributeValueDecisionDescriptor : DecisionNodeDescriptor<AttributeValueDecisionConfig>
{
    public override string TypeId => NodeTypeIds.AttributeValueDecision;
    public override string DisplayName => "Attribute Value Decision";
    public override string Category => NodeCategories.IdentityManagement;
    public override string Description => "Checks that an attribute is present, or has a given value.";

    protected override IEnumerable<ConfigProblem> ValidateRules(AttributeValueDecisionConfig config)
    {
        if (config.ComparisonOperation == AttributeComparison.EqualTo && config.ComparisonValue is null)
            yield return new ConfigProblem("comparisonValue", "Comparison Value is required when the operation is EQUALS.");
    }
}
