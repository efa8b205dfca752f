using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;

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

internal sealed class FakePageNode : NodeDescriptor
{
    public override string TypeId => NodeCatalog.PageNodeType;
    public override string DisplayName => "Fake Page";
    public override string Category => NodeCategories.Utilities;
    public override IReadOnlyList<NodeOutcome> GetOutcomes(NodeConfig config) => SingleOutcome;
}

internal sealed class FakeDataStoreDecisionNode : NodeDescriptor
{
    public override string TypeId => "DataStoreDecisionNode";
    public override string DisplayName => "Fake Data Store Decision";
    public override string Category => NodeCategories.Basic;
    public override IReadOnlyList<NodeOutcome> GetOutcomes(NodeConfig config) => TrueFalse;
}

internal sealed class FakeUsernameNode : NodeDescriptor
{
    public override string TypeId => "ValidatedUsernameNode";
    public override string DisplayName => "Fake Username";
    public override string Category => NodeCategories.Basic;
    public override bool CanBeOnPage => true;
    public override IReadOnlyList<ConfigProperty> Properties =>
    [
        new() { Name = "usernameAttribute", Label = "Attribute", Kind = ConfigValueKind.Text, Default = Json("userName") },
        new() { Name = "validateInput", Label = "Validate input", Kind = ConfigValueKind.Boolean, Default = Json(false) },
    ];
    public override IReadOnlyList<NodeOutcome> GetOutcomes(NodeConfig config) => SingleOutcome;
}

internal sealed class FakePasswordNode : NodeDescriptor
{
    public override string TypeId => "ValidatedPasswordNode";
    public override string DisplayName => "Fake Password";
    public override string Category => NodeCategories.Basic;
    public override bool CanBeOnPage => true;
    public override IReadOnlyList<NodeOutcome> GetOutcomes(NodeConfig config) => SingleOutcome;
}

/// <summary>Outcomes depend on the config, like AM's Inner Tree Evaluator.</summary>
internal sealed class FakeInnerTreeNode : NodeDescriptor
{
    public override string TypeId => NodeCatalog.InnerTreeNodeType;
    public override string DisplayName => "Fake Inner Tree";
    public override string Category => NodeCategories.Utilities;
    public override IReadOnlyList<ConfigProperty> Properties =>
    [
        new() { Name = "displayErrorOutcome", Label = "Error outcome", Kind = ConfigValueKind.Boolean, Default = Json(false) },
    ];
    public override IReadOnlyList<NodeOutcome> GetOutcomes(NodeConfig config) =>
        config.GetBoolean("displayErrorOutcome") == true ? [.. TrueFalse, Outcome("error", "Error")] : TrueFalse;
}
