using JourneyStudio.Journeys.Catalog;

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

internal sealed record TestInputConfig
{
    [NodeProperty("prompt", "Prompt", Required = true, Help = "The prompt.")]
    public string Prompt { get; init; } = "Username";
}

/// <summary>Page-able input node with one outcome and one required text setting.</summary>
internal sealed class TestInputNode : SingleOutcomeNodeDescriptor<TestInputConfig>
{
    public override string TypeId => TestCatalog.Input;
    public override string DisplayName => "Test Input";
    public override string Category => NodeCategories.Basic;
    public override bool CanBeOnPage => true;
}

/// <summary>Page-able node with two outcomes (like a confirmation choice).</summary>
internal sealed class TestChoiceNode : DecisionNodeDescriptor<NoConfig>
{
    public override string TypeId => TestCatalog.Choice;
    public override string DisplayName => "Test Choice";
    public override string Category => NodeCategories.Basic;
    public override bool CanBeOnPage => true;
}

/// <summary>A decision that must not be on a page (like Data Store Decision).</summary>
internal sealed class TestDecisionNode : DecisionNodeDescriptor<NoConfig>
{
    public override string TypeId => TestCatalog.Decision;
    public override string DisplayName => "Test Decision";
    public override string Category => NodeCategories.Basic;
}

internal sealed record TestSenderConfig
{
    [NodeProperty("mandatory", "Mandatory", Help = "Mandatory.")]
    public bool Mandatory { get; init; }

    [NodeProperty("timeout", "Timeout", Minimum = 1, Help = "Timeout.")]
    public int Timeout { get; init; } = 30;
}

/// <summary>Outcomes depend on <c>mandatory</c>, like Push Sender's SKIPPED.</summary>
internal sealed class TestSenderNode : NodeDescriptor<TestSenderConfig>
{
    public override string TypeId => TestCatalog.Sender;
    public override string DisplayName => "Test Sender";
    public override string Category => NodeCategories.Mfa;

    public override IReadOnlyList<NodeOutcome> GetOutcomes(TestSenderConfig config) =>
        config.Mandatory
            ? [new("SENT", "Sent"), new("NOT_REGISTERED", "Not Registered")]
            : [new("SENT", "Sent"), new("NOT_REGISTERED", "Not Registered"), new("SKIPPED", "Skip")];
}

internal sealed class TestPageNode : SingleOutcomeNodeDescriptor<NoConfig>
{
    public override string TypeId => TestCatalog.Page;
    public override string DisplayName => "Page Node";
    public override string Category => NodeCategories.Utilities;
}

internal sealed record TestInnerTreeConfig
{
    [NodeProperty("tree", "Tree Name", Kind = ConfigValueKind.JourneyReference, Required = true, Help = "The journey.")]
    public string? Tree { get; init; }
}

internal sealed class TestInnerTreeNode : DecisionNodeDescriptor<TestInnerTreeConfig>
{
    public override string TypeId => TestCatalog.InnerTree;
    public override string DisplayName => "Inner Tree Evaluator";
    public override string Category => NodeCategories.Utilities;
}
