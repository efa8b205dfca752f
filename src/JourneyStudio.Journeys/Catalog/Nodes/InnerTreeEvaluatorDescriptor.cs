using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>The settings of Inner Tree Evaluator.</summary>
public sealed record InnerTreeEvaluatorConfig
{
    [NodeProperty(InnerTreeEvaluatorDescriptor.TreeProperty, "Tree Name", Kind = ConfigValueKind.JourneyReference, Required = true,
        Help = "The journey to run. It shares this journey's state; when it ends in Success the outcome is True, in Failure False.")]
    public string? Tree { get; init; }

    [NodeProperty("displayErrorOutcome", "Error Outcome",
        Help = "Add an Error outcome taken when the inner journey fails with an error (the failing node and message are kept "
               + "in shared state). When off, the error ends this journey too.")]
    public bool DisplayErrorOutcome { get; init; }
}

/// <summary>
/// Inner Tree Evaluator: runs another journey inside this one and continues by its result. The "error" outcome
/// exists only when <c>displayErrorOutcome</c> is on; otherwise an error in the inner journey ends this one.
/// The engine runs this node itself (it has no processor).
/// </summary>
public sealed class InnerTreeEvaluatorDescriptor : NodeDescriptor<InnerTreeEvaluatorConfig>
{
    public const string TrueOutcome = "true";
    public const string FalseOutcome = "false";
    public const string ErrorOutcome = "error";

    /// <summary>The property naming the journey to run (validation checks its stored shape).</summary>
    public const string TreeProperty = "tree";

    private static readonly InnerTreeEvaluatorDescriptor Binder = new();

    private static readonly IReadOnlyList<NodeOutcome> WithoutError = [new(TrueOutcome, "True"), new(FalseOutcome, "False")];
    private static readonly IReadOnlyList<NodeOutcome> WithError = [.. WithoutError, new(ErrorOutcome, "Error")];

    public override string TypeId => NodeTypeIds.InnerTreeEvaluator;
    public override string DisplayName => "Inner Tree Evaluator";
    public override string Category => NodeCategories.Utilities;
    public override string Description => "Runs another journey as a step of this one and continues by its result.";

    /// <summary>The journey an Inner Tree Evaluator node runs; null for other nodes and when none is set.</summary>
    public static string? TreeOf(JourneyNode node) =>
        node.NodeType == NodeTypeIds.InnerTreeEvaluator && Binder.Bind(node.Config).Tree is { } tree && !string.IsNullOrWhiteSpace(tree) ? tree : null;

    public override IReadOnlyList<NodeOutcome> GetOutcomes(InnerTreeEvaluatorConfig config) =>
        config.DisplayErrorOutcome ? WithError : WithoutError;
}
