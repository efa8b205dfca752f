namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>The settings of Choice Collector, with AM's property names (ChoiceCollectorNode.Config).</summary>
public sealed record ChoiceCollectorConfig
{
    [NodeProperty("choices", "Choices", Required = true,
        Help = "Two or more choices to show; each becomes an outcome named after it.")]
    public IReadOnlyList<string> Choices { get; init; } = ["Yes", "No"];

    [NodeProperty("defaultChoice", "Default Choice", Required = true,
        Help = "The choice selected at first; one of the choices above.")]
    public string DefaultChoice { get; init; } = "Yes";

    [NodeProperty("prompt", "Prompt", Required = true, Help = "The question shown above the choices.")]
    public string Prompt { get; init; } = "Choose one";

    /// <summary>The default choice's position, or the first choice when it is not one of them (AM's fallback).</summary>
    public int DefaultChoiceIndex => Math.Max(0, Choices.ToList().IndexOf(DefaultChoice));
}

/// <summary>Choice Collector: shows a ChoiceCallback and continues by the outcome named after the picked choice.</summary>
public sealed class ChoiceCollectorDescriptor : NodeDescriptor<ChoiceCollectorConfig>
{
    public override string TypeId => NodeTypeIds.ChoiceCollector;
    public override string DisplayName => "Choice Collector";
    public override string Category => NodeCategories.Utilities;
    public override string Description => "Lets the user pick one of several choices; each choice is an outcome.";
    public override bool CanBeOnPage => true;

    // AM's ChoiceCollectorOutcomeProvider: one outcome per choice, id and label the choice text.
    public override IReadOnlyList<NodeOutcome> GetOutcomes(ChoiceCollectorConfig config) =>
        config.Choices.Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).Select(c => new NodeOutcome(c, c)).ToList();

    protected override IEnumerable<ConfigProblem> ValidateRules(ChoiceCollectorConfig config)
    {
        if (config.Choices.Count < 2) yield return new ConfigProblem("choices", "Enter at least two choices.");
        if (config.Choices.Any(c => c.Length == 0)) yield return new ConfigProblem("choices", "Choices must not be empty text.");
        if (config.Choices.Distinct(StringComparer.Ordinal).Count() != config.Choices.Count)
            yield return new ConfigProblem("choices", "Each choice may be listed only once.");
        if (config.DefaultChoice.Length > 0 && !config.Choices.Contains(config.DefaultChoice, StringComparer.Ordinal))
            yield return new ConfigProblem("defaultChoice", "The default choice must be one of the choices.");
    }
}
