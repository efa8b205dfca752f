using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Tests.Validation;

/// <summary>
/// Small stand-ins for the real node types, one per shape validation cares about, so these tests do not
/// depend on the real catalogue's contents.
/// </summary>
internal static class TestCatalog
{
    public const string Input = "TestInputNode";
    public const string Choice = "TestChoiceNode";
    public const string Decision = "TestDecisionNode";
    public const string Sender = "TestSenderNode";
    public const string Page = NodeCatalog.PageNodeType;
    public const string InnerTree = NodeCatalog.InnerTreeNodeType;

    public static NodeCatalog Instance { get; } = new([
        new TestInputNode(), new TestChoiceNode(), new TestDecisionNode(), new TestSenderNode(), new TestPageNode(), new TestInnerTreeNode(),
    ]);
}

/// <summary>Page-able input node with one outcome and one required text setting.</summary>
internal sealed class TestInputNode : NodeDescriptor
{
    public override string TypeId => TestCatalog.Input;
    public override string DisplayName => "Test Input";
    public override string Category => NodeCategories.Basic;
    public override bool CanBeOnPage => true;

    public override IReadOnlyList<ConfigProperty> Properties { get; } =
    [
        new() { Name = "prompt", Label = "Prompt", Kind = ConfigValueKind.Text, Required = true, Default = Json("Username") },
    ];

    public override IReadOnlyList<NodeOutcome> GetOutcomes(NodeConfig config) => SingleOutcome;
}

/// <summary>Page-able node with two outcomes (like a confirmation choice).</summary>
internal sealed class TestChoiceNode : NodeDescriptor
{
    public override string TypeId => TestCatalog.Choice;
    public override string DisplayName => "Test Choice";
    public override string Category => NodeCategories.Basic;
    public override bool CanBeOnPage => true;
    public override IReadOnlyList<NodeOutcome> GetOutcomes(NodeConfig config) => TrueFalse;
}

/// <summary>A decision that must not be on a page (like Data Store Decision).</summary>
internal sealed class TestDecisionNode : NodeDescriptor
{
    public override string TypeId => TestCatalog.Decision;
    public override string DisplayName => "Test Decision";
    public override string Category => NodeCategories.Basic;
    public override IReadOnlyList<NodeOutcome> GetOutcomes(NodeConfig config) => TrueFalse;
}

/// <summary>Outcomes depend on <c>mandatory</c>, like Push Sender's SKIPPED.</summary>
internal sealed class TestSenderNode : NodeDescriptor
{
    public override string TypeId => TestCatalog.Sender;
    public override string DisplayName => "Test Sender";
    public override string Category => NodeCategories.Mfa;

    public override IReadOnlyList<ConfigProperty> Properties { get; } =
    [
        new() { Name = "mandatory", Label = "Mandatory", Kind = ConfigValueKind.Boolean, Default = Json(false) },
        new() { Name = "timeout", Label = "Timeout", Kind = ConfigValueKind.Integer, Minimum = 1, Default = Json(30) },
    ];

    public override IReadOnlyList<NodeOutcome> GetOutcomes(NodeConfig config) =>
        config.GetBoolean("mandatory") == true
            ? [Outcome("SENT", "Sent"), Outcome("NOT_REGISTERED", "Not Registered")]
            : [Outcome("SENT", "Sent"), Outcome("NOT_REGISTERED", "Not Registered"), Outcome("SKIPPED", "Skip")];
}

internal sealed class TestPageNode : NodeDescriptor
{
    public override string TypeId => TestCatalog.Page;
    public override string DisplayName => "Page Node";
    public override string Category => NodeCategories.Utilities;
    public override IReadOnlyList<NodeOutcome> GetOutcomes(NodeConfig config) => SingleOutcome;
}

internal sealed class TestInnerTreeNode : NodeDescriptor
{
    public override string TypeId => TestCatalog.InnerTree;
    public override string DisplayName => "Inner Tree Evaluator";
    public override string Category => NodeCategories.Utilities;

    public override IReadOnlyList<ConfigProperty> Properties { get; } =
    [
        new() { Name = "tree", Label = "Tree Name", Kind = ConfigValueKind.JourneyReference, Required = true },
    ];

    public override IReadOnlyList<NodeOutcome> GetOutcomes(NodeConfig config) => TrueFalse;
}
