using JourneyStudio.BrowserTests.Infrastructure;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Persistence;
using Microsoft.Playwright;

namespace JourneyStudio.BrowserTests.Designer;

/// <summary>Designer gestures end to end; every test asserts on the journey the store saved (the newest revision: Save makes a draft), not on pixels.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DesignerEditingTests(BrowserFixture fixture)
{
    private JourneyStore Store => DesignerTestJourneys.Store(fixture.Server);

    [Fact]
    public async Task DropAndWire_Save_StoresTheGraphAndAReloadShowsIt()
    {
        var name = await DesignerTestJourneys.CreateEmptyAsync(fixture.Server, "wire");
        var designer = await DesignerPage.OpenAsync(await fixture.NewAdminPageAsync(), name);

        await designer.DropFromPaletteAsync(NodeTypeIds.UsernameCollector, 220, 60);
        await designer.DropFromPaletteAsync(NodeTypeIds.PasswordCollector, 220, 260);
        var username = await NodeIdOfTypeAsync(designer, NodeTypeIds.UsernameCollector);
        var password = await NodeIdOfTypeAsync(designer, NodeTypeIds.PasswordCollector);

        await designer.ConnectAsync(StaticNodeIds.Start, "start", username);
        await designer.ConnectAsync(username, "outcome", password);
        await designer.ConnectAsync(password, "outcome", StaticNodeIds.Failure);
        // Drawing an outcome again replaces its connection.
        await designer.ConnectAsync(password, "outcome", StaticNodeIds.Success);
        await Assertions.Expect(designer.Page.Locator("[data-testid=unsaved-chip]")).ToBeVisibleAsync();
        await designer.ScreenshotAsync("designer-wired");

        await designer.Page.Keyboard.PressAsync("Control+s");
        await Assertions.Expect(designer.Page.Locator("[data-testid=unsaved-chip]")).ToHaveCountAsync(0);

        // The designer's Save stores a draft (what these tests read back); end users keep revision 1 until Publish.
        var saved = (await Store.GetLatestAsync(name))!;
        Assert.Equal((2, 1), (saved.Revision, saved.LiveRevision));
        Assert.Equal(username, saved.Journey.EntryNodeId);
        Assert.Equal(password, saved.Journey.FindNode(username)!.Connections["outcome"]);
        Assert.Equal(StaticNodeIds.Success, Assert.Single(saved.Journey.FindNode(password)!.Connections).Value);

        await designer.Page.ReloadAsync();
        await designer.WaitUntilDrawnAsync();
        await Assertions.Expect(designer.Node(username)).ToBeVisibleAsync();
        await Assertions.Expect(designer.Node(password)).ToBeVisibleAsync();
        await Assertions.Expect(designer.Page.Locator(".diagram-link")).ToHaveCountAsync(3);
    }

    [Fact]
    public async Task PageNode_TakesInputNodes_RefusesOthers_AndSavesChildrenInOrder()
    {
        var name = await DesignerTestJourneys.CreateEmptyAsync(fixture.Server, "page");
        var designer = await DesignerPage.OpenAsync(await fixture.NewAdminPageAsync(), name);

        await designer.DropFromPaletteAsync(NodeTypeIds.PageNode, 220, 80);
        var pageId = await NodeIdOfTypeAsync(designer, NodeTypeIds.PageNode);
        await designer.DropFromPaletteOntoAsync(NodeTypeIds.UsernameCollector, designer.Node(pageId));
        await Assertions.Expect(designer.Node(pageId).Locator("[data-testid=page-child]")).ToHaveCountAsync(1);
        await designer.DropFromPaletteOntoAsync(NodeTypeIds.PasswordCollector, designer.Node(pageId));
        await Assertions.Expect(designer.Node(pageId).Locator("[data-testid=page-child]")).ToHaveCountAsync(2);

        await designer.DropFromPaletteOntoAsync(NodeTypeIds.DataStoreDecision, designer.Node(pageId));
        await Assertions.Expect(designer.Page.GetByText("Data Store Decision cannot be placed on a page")).ToBeVisibleAsync();
        await Assertions.Expect(designer.Node(pageId).Locator("[data-testid=page-child]")).ToHaveCountAsync(2);

        // A node already on the canvas goes in by dragging it onto the page.
        await designer.DropFromPaletteAsync(NodeTypeIds.PlatformUsername, 300, 480);
        var platform = await NodeIdOfTypeAsync(designer, NodeTypeIds.PlatformUsername);
        await designer.DragAsync(designer.Node(platform).Locator(".jn-title"), designer.Node(pageId).Locator(".jn-head"));
        await Assertions.Expect(designer.Node(pageId).Locator("[data-testid=page-child]")).ToHaveCountAsync(3);

        // The page's ports are its last child's outcomes; move Platform Username up so Password Collector is last again.
        await designer.Node(pageId).Locator($"[data-testid=page-child][data-node-id='{platform}'] [data-testid=child-up]").ClickAsync();
        await designer.ScreenshotAsync("designer-page");
        // A link dropped on a child row ends on the page (children have no connections of their own).
        await designer.DragAsync(designer.OutcomePort(StaticNodeIds.Start, "start"), designer.Node(pageId).Locator("[data-testid=page-child]").First);
        await designer.ConnectAsync(pageId, "outcome", StaticNodeIds.Success);
        await designer.Page.Locator("[data-testid=save]").ClickAsync();
        await Assertions.Expect(designer.Page.Locator("[data-testid=unsaved-chip]")).ToHaveCountAsync(0);

        var page = (await Store.GetLatestAsync(name))!.Journey.FindNode(pageId)!;
        Assert.Equal([NodeTypeIds.UsernameCollector, NodeTypeIds.PlatformUsername, NodeTypeIds.PasswordCollector],
            page.Children.Select(c => c.NodeType));
        Assert.Equal(StaticNodeIds.Success, page.Connections["outcome"]);
        Assert.Equal(pageId, (await Store.GetLatestAsync(name))!.Journey.EntryNodeId);
        Assert.DoesNotContain((await Store.GetLatestAsync(name))!.Journey.Nodes, n => n.NodeType == NodeTypeIds.DataStoreDecision);
    }

    [Fact]
    public async Task ConfigRemovingAnOutcome_DropsItsConnectionWithNotice_UndoBringsItBack()
    {
        var name = await DesignerTestJourneys.CreateSmallAsync(fixture.Server, "outcomes");
        var designer = await DesignerPage.OpenAsync(await fixture.NewAdminPageAsync(), name);
        await designer.ConnectAsync("push", "SKIPPED", StaticNodeIds.Failure);
        await Assertions.Expect(designer.Page.Locator(".diagram-link")).ToHaveCountAsync(4);

        await designer.Node("push").Locator(".jn-title").ClickAsync();
        await designer.Page.Locator("[data-testid=prop-mandatory]").CheckAsync();
        await Assertions.Expect(designer.OutcomePort("push", "SKIPPED")).ToHaveCountAsync(0);
        await Assertions.Expect(designer.Page.Locator(".mud-snackbar").GetByText("Push Sender: Skipped")).ToBeVisibleAsync();
        await Assertions.Expect(designer.Page.Locator(".diagram-link")).ToHaveCountAsync(3);
        await designer.ScreenshotAsync("designer-outcome-removed");

        await designer.Page.Locator("[data-testid=undo]").ClickAsync();
        await Assertions.Expect(designer.OutcomePort("push", "SKIPPED")).ToHaveCountAsync(1);
        await Assertions.Expect(designer.Page.Locator(".diagram-link")).ToHaveCountAsync(4);

        await designer.Page.Locator("[data-testid=save]").ClickAsync();
        await Assertions.Expect(designer.Page.Locator("[data-testid=unsaved-chip]")).ToHaveCountAsync(0);
        var push = (await Store.GetLatestAsync(name))!.Journey.FindNode("push")!;
        Assert.Equal(StaticNodeIds.Failure, push.Connections["SKIPPED"]);
        Assert.NotEqual(true, push.Config.GetBoolean("mandatory"));
    }

    [Fact]
    public async Task DeleteKey_RemovesSelectedNode_AndTheConnectionsToIt()
    {
        var name = await DesignerTestJourneys.CreateSmallAsync(fixture.Server, "delete");
        var designer = await DesignerPage.OpenAsync(await fixture.NewAdminPageAsync(), name);

        await designer.Node("decision").Locator(".jn-title").ClickAsync();
        await designer.Page.Keyboard.PressAsync("Delete");
        await Assertions.Expect(designer.Node("decision")).ToHaveCountAsync(0);
        await designer.Page.Keyboard.PressAsync("Control+z");
        await Assertions.Expect(designer.Node("decision")).ToHaveCountAsync(1);
        await Assertions.Expect(designer.Page.Locator(".diagram-link")).ToHaveCountAsync(3);
        await designer.Page.Keyboard.PressAsync("Control+Shift+z");
        await Assertions.Expect(designer.Node("decision")).ToHaveCountAsync(0);
        await designer.Page.Keyboard.PressAsync("Control+s");
        await Assertions.Expect(designer.Page.Locator("[data-testid=unsaved-chip]")).ToHaveCountAsync(0);

        var saved = (await Store.GetLatestAsync(name))!.Journey;
        Assert.Null(saved.FindNode("decision"));
        Assert.Equal("", saved.EntryNodeId);
    }

    [Fact]
    public async Task SaveAfterSomeoneElseSaved_ShowsConflict_AndKeepsTheCanvas()
    {
        var name = await DesignerTestJourneys.CreateSmallAsync(fixture.Server, "conflict");
        var designer = await DesignerPage.OpenAsync(await fixture.NewAdminPageAsync(), name);
        var theirs = (await Store.GetAsync(name))!;
        Assert.IsType<SaveResult.Saved>(await Store.SaveAsync(theirs.Journey with { Description = "theirs" }, theirs.Revision, "someone"));

        await designer.Node("push").Locator(".jn-title").ClickAsync();
        await designer.Page.Keyboard.PressAsync("Delete");
        await designer.Page.Locator("[data-testid=save]").ClickAsync();
        await Assertions.Expect(designer.Page.GetByText("revision 2 was saved by someone else")).ToBeVisibleAsync();
        await designer.Page.GetByRole(AriaRole.Button, new() { Name = "Keep editing" }).ClickAsync();

        await Assertions.Expect(designer.Node("push")).ToHaveCountAsync(0);
        await Assertions.Expect(designer.Page.Locator("[data-testid=unsaved-chip]")).ToBeVisibleAsync();
        Assert.NotNull((await Store.GetLatestAsync(name))!.Journey.FindNode("push"));
    }

    [Fact]
    public async Task DraggingANode_MovesIt_AndASelectedLinkIsDeletedWithTheDeleteKey()
    {
        var name = await DesignerTestJourneys.CreateSmallAsync(fixture.Server, "move");
        var designer = await DesignerPage.OpenAsync(await fixture.NewAdminPageAsync(), name);

        var title = designer.Node("push").Locator(".jn-title");
        var box = (await title.BoundingBoxAsync())!;
        await designer.Page.Mouse.MoveAsync(box.X + 10, box.Y + 5);
        await designer.Page.Mouse.DownAsync();
        await designer.Page.Mouse.MoveAsync(box.X + 10, box.Y + 85, new MouseMoveOptions { Steps = 10 });
        await designer.Page.Mouse.UpAsync();
        await Assertions.Expect(designer.Page.Locator("[data-testid=unsaved-chip]")).ToBeVisibleAsync();

        await designer.Page.Locator("[data-link-id] path").First.ClickAsync(new LocatorClickOptions { Force = true });
        var links = await designer.Page.Locator(".diagram-link").CountAsync();
        await designer.Page.Keyboard.PressAsync("Delete");
        await Assertions.Expect(designer.Page.Locator(".diagram-link")).ToHaveCountAsync(links - 1);

        await designer.Page.Keyboard.PressAsync("Control+s");
        await Assertions.Expect(designer.Page.Locator("[data-testid=unsaved-chip]")).ToHaveCountAsync(0);
        var saved = (await Store.GetLatestAsync(name))!.Journey;
        Assert.True(saved.FindNode("push")!.Y > 400, $"push moved down, at {saved.FindNode("push")!.Y}");
        Assert.Equal(300, saved.FindNode("push")!.X);
        var remaining = saved.Nodes.Sum(n => n.Connections.Count) + (saved.EntryNodeId.Length > 0 ? 1 : 0);
        Assert.Equal(2, remaining);
    }

    [Fact]
    public async Task SaveConflict_LoadTheirVersion_ReplacesTheCanvasWithTheCurrentRevision()
    {
        var name = await DesignerTestJourneys.CreateSmallAsync(fixture.Server, "theirs");
        var designer = await DesignerPage.OpenAsync(await fixture.NewAdminPageAsync(), name);
        var theirs = (await Store.GetAsync(name))!;
        var withoutDecision = theirs.Journey with { Nodes = theirs.Journey.Nodes.Where(n => n.Id != "decision").ToList(), EntryNodeId = "" };
        Assert.IsType<SaveResult.Saved>(await Store.SaveAsync(withoutDecision, theirs.Revision, "someone"));

        await designer.Node("push").Locator(".jn-title").ClickAsync();
        await designer.Page.Keyboard.PressAsync("Delete");
        await designer.Page.Keyboard.PressAsync("Control+s");
        await designer.Page.GetByRole(AriaRole.Button, new() { Name = "Load their version" }).ClickAsync();

        await Assertions.Expect(designer.Node("decision")).ToHaveCountAsync(0);
        await Assertions.Expect(designer.Node("push")).ToHaveCountAsync(1);
        await Assertions.Expect(designer.Page.Locator("[data-testid=unsaved-chip]")).ToHaveCountAsync(0);
        await Assertions.Expect(designer.Page.Locator("[data-testid=journey-editor]")).ToHaveAttributeAsync("data-revision", "2");
    }

    [Fact]
    public async Task MultiSelect_WithCtrlClick_DeletesBothInOneUndoableStep()
    {
        var name = await DesignerTestJourneys.CreateSmallAsync(fixture.Server, "multi");
        var designer = await DesignerPage.OpenAsync(await fixture.NewAdminPageAsync(), name);

        await designer.Node("decision").Locator(".jn-title").ClickAsync();
        await designer.Node("push").Locator(".jn-title").ClickAsync(new LocatorClickOptions { Modifiers = [KeyboardModifier.Control] });
        await designer.Page.Keyboard.PressAsync("Delete");
        await Assertions.Expect(designer.Page.Locator("[data-testid=journey-node]")).ToHaveCountAsync(3);

        await designer.Page.Locator("[data-testid=undo]").ClickAsync();
        await Assertions.Expect(designer.Page.Locator("[data-testid=journey-node]")).ToHaveCountAsync(5);
        await Assertions.Expect(designer.Page.Locator("[data-testid=unsaved-chip]")).ToHaveCountAsync(0);
    }

    private static async Task<string> NodeIdOfTypeAsync(DesignerPage designer, string typeId)
    {
        var node = designer.Page.Locator($"[data-testid=journey-node][data-node-type='{typeId}']");
        await Assertions.Expect(node).ToHaveCountAsync(1);
        return (await node.GetAttributeAsync("data-node-id"))!;
    }
}
