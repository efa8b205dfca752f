namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>The settings of Scripted Decision, with AM's property names (ScriptedDecisionNode.Config).</summary>
public sealed record ScriptedDecisionConfig
{
    [NodeProperty("script", "Script", Required = true,
        Help = "The id (_id) of the script to run: a script of context AUTHENTICATION_TREE_DECISION_NODE, imported with a journey or created in the studio.")]
    public string Script { get; init; } = "";

    [NodeProperty("outcomes", "Outcomes", Required = true,
        Help = "The outcomes the script may set (outcome = \"…\" or action.goTo(\"…\")); each becomes a port.")]
    public IReadOnlyList<string> Outcomes { get; init; } = [];

    [NodeProperty("inputs", "Script inputs",
        Help = "The state keys the script may read; * for all.")]
    public IReadOnlyList<string> Inputs { get; init; } = ["*"];

    [NodeProperty("outputs", "Script outputs",
        Help = "The state keys the script may write; * for all.")]
    public IReadOnlyList<string> Outputs { get; init; } = ["*"];
}

/// <summary>
/// Scripted Decision: runs a JavaScript script (AM's legacy or next-generation scripting API), which sends callbacks or
/// picks one of the configured outcomes.
/// </summary>
public sealed class ScriptedDecisionDescriptor : NodeDescriptor<ScriptedDecisionConfig>
{
    public override string TypeId => NodeTypeIds.ScriptedDecision;
    public override string DisplayName => "Scripted Decision";
    public override string Category => NodeCategories.Utilities;
    public override string Description => "Runs a script that decides the outcome, and may ask the user for input on the way.";

    // AM names each port after its outcome.
    public override IReadOnlyList<NodeOutcome> GetOutcomes(ScriptedDecisionConfig config) =>
        config.Outcomes.Where(o => o.Length > 0).Distinct(StringComparer.Ordinal).Select(o => new NodeOutcome(o, o)).ToList();

    protected override IEnumerable<ConfigProblem> ValidateRules(ScriptedDecisionConfig config)
    {
        if (config.Outcomes.Any(o => o.Length == 0)) yield return new ConfigProblem("outcomes", "Outcomes must not be empty text.");
        if (config.Outcomes.Distinct(StringComparer.Ordinal).Count() != config.Outcomes.Count)
            yield return new ConfigProblem("outcomes", "Each outcome may be listed only once.");
    }
}
