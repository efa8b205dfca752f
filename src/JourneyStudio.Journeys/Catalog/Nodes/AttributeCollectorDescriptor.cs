namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>The settings of Attribute Collector, with AM's property names (AttributeCollectorNode.Config).</summary>
public sealed record AttributeCollectorConfig
{
    [NodeProperty("attributesToCollect", "Attributes to Collect", Required = true,
        Help = "The identity attributes to ask for, by their schema name, e.g. givenName, mail or preferences/marketing.")]
    public IReadOnlyList<string> AttributesToCollect { get; init; } = ["mail"];

    [NodeProperty("required", "All Attributes Required",
        Help = "Every attribute must have a value before the journey continues.")]
    public bool Required { get; init; }

    [NodeProperty("validateInputs", "Validate Input",
        Help = "Check the values against the identity schema's policies (e-mail format, lengths…) and show the failures to the user.")]
    public bool ValidateInputs { get; init; }

    [NodeProperty("identityAttribute", "Identity Attribute", Required = true,
        Help = "The attribute that identifies the user in shared state, used to prefill values the user already has.")]
    public string IdentityAttribute { get; init; } = AttributeCollectorDescriptor.DefaultIdentityAttribute;
}

/// <summary>Attribute Collector: asks for identity attributes (one *AttributeInputCallback each) and keeps them under objectAttributes.</summary>
public sealed class AttributeCollectorDescriptor : SingleOutcomeNodeDescriptor<AttributeCollectorConfig>
{
    public const string DefaultIdentityAttribute = "userName";

    public override string TypeId => NodeTypeIds.AttributeCollector;
    public override string DisplayName => "Attribute Collector";
    public override string Category => NodeCategories.Basic;
    public override string Description => "Asks for profile attributes such as first name or e-mail, checked against the identity schema.";
    public override bool CanBeOnPage => true;

    protected override IEnumerable<ConfigProblem> ValidateRules(AttributeCollectorConfig config)
    {
        if (config.AttributesToCollect.Count == 0)
            yield return new ConfigProblem("attributesToCollect", "Name at least one attribute to collect.");
        if (config.AttributesToCollect.Any(a => a.Trim().Length == 0))
            yield return new ConfigProblem("attributesToCollect", "Attribute names must not be empty text.");
        if (config.AttributesToCollect.Distinct(StringComparer.Ordinal).Count() != config.AttributesToCollect.Count)
            yield return new ConfigProblem("attributesToCollect", "Each attribute may be listed only once.");
    }
}
