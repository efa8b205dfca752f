using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>
/// Inner Tree Evaluator: runs another journey inside this one and continues by its result. The "error" outcome
/// exists only when <c>displayErrorOutcome</c> is on; otherwise an error in the inner journey ends this one.
/// </summary>
public sealed class InnerTreeEvaluatorDescriptor : NodeDescriptor
{
    public const string TrueOutcome = "true";
    public const string FalseOutcome = "false";
    public const string ErrorOutcome = "error";

    private static readonly IReadOnlyList<ConfigProperty> PropertyList =
    [
        new()
        {
            Name = "tree", Label = "Tree Name", Kind = ConfigValueKind.JourneyReference, Required = true,
            Help = "The journey to run. It shares this journey's state; when it ends in Success the outcome is True, in Failure False.",
        },
        new()
        {
            Name = "displayErrorOutcome", Label = "Error Outcome", Kind = ConfigValueKind.Boolean, Default = Json(false),
            Help = "Add an Error outcome taken when the inner journey fails with an error (the failing node and message are kept "
                   + "in shared state). When off, the error ends this journey too.",
        },
    ];

    public override string TypeId => NodeTypeIds.InnerTreeEvaluator;
    public override string DisplayName => "Inner Tree Evaluator";
    public override string Category => NodeCategories.Utilities;
    public override string Description => "Runs another journey as a step of this one and continues by its result.";
    public override IReadOnlyList<ConfigProperty> Properties => PropertyList;

    public override IReadOnlyList<NodeOutcome> GetOutcomes(NodeConfig config)
    {
        var outcomes = new List<NodeOutcome> { Outcome(TrueOutcome, "True"), Outcome(FalseOutcome, "False") };
        if (config.GetBoolean("displayErrorOutcome") == true) outcomes.Add(Outcome(ErrorOutcome, "Error"));
        return outcomes;
    }
}
