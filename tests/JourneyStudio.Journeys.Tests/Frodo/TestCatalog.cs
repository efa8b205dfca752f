using JourneyStudio.Journeys.Catalog;

namespace JourneyStudio.Journeys.Tests.Frodo;

/// <summary>
/// A small catalogue of test-only descriptors, so the known-type paths of import/export are covered
/// whatever the real catalogue holds. Display names deliberately differ from AM's to show they are regenerated.
/// </summary>
internal static class TestCatalog
{
    public static readonly NodeCatalog Known = new(
    [
        new FakePageNode(),
        new FakeDataStoreDecisionNode(),
        new FakeUsernameNode(),
        new FakePasswordNode(),
        new FakeInnerTreeNode(),
    ]);

    public static readonly NodeCatalog Empty = new([]);

    /// <summary>Catalogues a round trip must work with: the test one, an empty one and the shipped default.</summary>
    public static readonly IReadOnlyList<string> NameList = ["test", "empty", "default"];

    public static TheoryData<string> Names => new(NameList);

    public static NodeCatalog ByName(string name) => name switch
    {
        "test" => Known,
        "empty" => Empty,
        "default" => NodeCatalog.Default,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}

internal sealed class FakePageNode : SingleOutcomeNodeDescriptor<NoConfig>
{
    public override string TypeId => NodeCatalog.PageNodeType;
    public override string DisplayName => "Fake Page";
    public override string Category => NodeCategories.Utilities;
}

internal sealed class FakeDataStoreDecisionNode : DecisionNodeDescriptor<NoConfig>
{
    public override string TypeId => "DataStoreDecisionNode";
    public override string DisplayName => "Fake Data Store Decision";
    public override string Category => NodeCategories.Basic;
}

internal sealed record FakeUsernameConfig
{
    [NodeProperty("usernameAttribute", "Attribute", Help = "The attribute.")]
    public string UsernameAttribute { get; init; } = "userName";

    [NodeProperty("validateInput", "Validate input", Help = "Validate it.")]
    public bool ValidateInput { get; init; }
}

internal sealed class FakeUsernameNode : SingleOutcomeNodeDescriptor<FakeUsernameConfig>
{
    public override string TypeId => "ValidatedUsernameNode";
    public override string DisplayName => "Fake Username";
    public override string Category => NodeCategories.Basic;
    public override bool CanBeOnPage => true;
}

internal sealed class FakePasswordNode : SingleOutcomeNodeDescriptor<NoConfig>
{
    public override string TypeId => "ValidatedPasswordNode";
    public override string DisplayName => "Fake Password";
    public override string Category => NodeCategories.Basic;
    public override bool CanBeOnPage => true;
}

internal sealed record FakeInnerTreeConfig
{
    [NodeProperty("displayErrorOutcome", "Error outcome", Help = "Add an error outcome.")]
    public bool DisplayErrorOutcome { get; init; }
}

/// <summary>Outcomes depend on the config, like AM's Inner Tree Evaluator.</summary>
internal sealed class FakeInnerTreeNode : NodeDescriptor<FakeInnerTreeConfig>
{
    public override string TypeId => NodeCatalog.InnerTreeNodeType;
    public override string DisplayName => "Fake Inner Tree";
    public override string Category => NodeCategories.Utilities;

    public override IReadOnlyList<NodeOutcome> GetOutcomes(FakeInnerTreeConfig config) =>
        config.DisplayErrorOutcome ? [new("true", "True"), new("false", "False"), new("error", "Error")] : [new("true", "True"), new("false", "False")];
}
