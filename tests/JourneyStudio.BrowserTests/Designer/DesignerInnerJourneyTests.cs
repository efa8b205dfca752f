using JourneyStudio.BrowserTests.Infrastructure;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Validation;
using JourneyStudio.Runtime.Persistence;
using Microsoft.Playwright;

namespace JourneyStudio.BrowserTests.Designer;

/// <summary>The designer reads the journeys Inner Tree Evaluators reach (and only those) for its checks.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DesignerInnerJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task InnerJourneyLeadingBackThroughAnother_IsReportedAsACycle_AndAMissingOneAsMissing()
    {
        var outer = DesignerTestJourneys.UniqueName("outer");
        var middle = DesignerTestJourneys.UniqueName("middle");
        var store = DesignerTestJourneys.Store(fixture.Server);
        Assert.IsType<SaveResult.Saved>(await store.CreateAsync(WithInner(outer, ("to-middle", middle), ("to-nowhere", "No such journey")), "test"));
        Assert.IsType<SaveResult.Saved>(await store.CreateAsync(WithInner(middle, ("to-outer", outer)), "test"));

        var designer = await DesignerPage.OpenAsync(await fixture.NewAdminPageAsync(), outer);

        await Assertions.Expect(designer.Page.Locator($"[data-testid=finding][data-node-id=to-middle][data-code={FindingCodes.InnerJourneyCycle}]")).ToHaveCountAsync(1);
        await Assertions.Expect(designer.Page.Locator($"[data-testid=finding][data-node-id=to-nowhere][data-code={FindingCodes.InnerJourneyMissing}]")).ToHaveCountAsync(1);
        await Assertions.Expect(designer.Page.Locator($"[data-testid=finding][data-code={FindingCodes.InnerJourneyMissing}]")).ToHaveCountAsync(1);
    }

    private static Journey WithInner(string name, params (string Id, string Tree)[] inner) => new()
    {
        Name = name,
        EntryNodeId = inner[0].Id,
        Nodes = inner.Select((n, i) => InnerTreeNode(n.Id, n.Tree, 100 + i * 200)).ToList(),
    };

    private static JourneyNode InnerTreeNode(string id, string tree, double y)
    {
        var node = DesignerTestJourneys.Node(NodeCatalog.InnerTreeNodeType, id, 300, y, ("true", StaticNodeIds.Success), ("false", StaticNodeIds.Failure));
        return node with { Config = node.Config.With("tree", tree) };
    }
}
