using JourneyStudio.BrowserTests.Infrastructure;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Audit;
using JourneyStudio.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace JourneyStudio.BrowserTests.Designer;

/// <summary>Validation list, layout, revisions, preview and the unsaved-changes guard.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DesignerWorkflowTests(BrowserFixture fixture)
{
    private JourneyStore Store => DesignerTestJourneys.Store(fixture.Server);

    private async Task<IReadOnlyList<AuditEvent>> AuditAsync(string target) =>
        (await fixture.Server.Services.GetRequiredService<DatabaseAuditLog>().QueryAsync(new AuditQuery { Target = target })).Entries.Select(e => e.Event).ToList();

    [Fact]
    public async Task Findings_AreListedAndBadged_ClickingOneSelectsItsNode()
    {
        var name = await DesignerTestJourneys.CreateSmallAsync(fixture.Server, "findings");
        var designer = await DesignerPage.OpenAsync(await fixture.NewAdminPageAsync(), name);

        await Assertions.Expect(designer.Node("push").Locator("[data-testid=node-badge]")).ToBeVisibleAsync();
        await Assertions.Expect(designer.Node("decision").Locator("[data-testid=node-badge]")).ToHaveCountAsync(0);
        await designer.Page.Locator("[data-testid=finding][data-node-id=push]").First.ClickAsync();

        await Assertions.Expect(designer.Node("push")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("jn-selected"));
        await Assertions.Expect(designer.Page.Locator("[data-testid=panel-title]")).ToHaveTextAsync("Push Sender");
    }

    [Fact]
    public async Task AutoLayout_ArrangesLeftToRight_AndIsSaved()
    {
        var name = await DesignerTestJourneys.CreateSmallAsync(fixture.Server, "layout");
        var designer = await DesignerPage.OpenAsync(await fixture.NewAdminPageAsync(), name);

        await designer.Page.Locator("[data-testid=auto-layout]").ClickAsync();
        await Assertions.Expect(designer.Page.Locator("[data-testid=unsaved-chip]")).ToBeVisibleAsync();
        await designer.ScreenshotAsync("designer-layout");
        await designer.Page.Locator("[data-testid=save]").ClickAsync();
        await Assertions.Expect(designer.Page.Locator("[data-testid=unsaved-chip]")).ToHaveCountAsync(0);

        // Save stores a draft: end users keep revision 1.
        var stored = (await Store.GetLatestAsync(name))!;
        Assert.Equal((2, 1), (stored.Revision, stored.LiveRevision));
        Assert.Equal(1, (await Store.GetAsync(name))!.Revision);
        var saved = stored.Journey;
        var decision = saved.FindNode("decision")!;
        Assert.True(saved.StartPosition.X < decision.X);
        Assert.True(decision.X < saved.SuccessPosition.X);
        Assert.NotEqual(new NodePosition(300, 150), decision.Position);
        var entry = Assert.Single(await AuditAsync(name));
        Assert.Equal(("journey.save", "admin", "studio", 1, 2), (entry.Action, entry.Actor, entry.Channel, entry.RevisionBefore, entry.RevisionAfter));
        Assert.EndsWith("nodes changed", entry.Detail);
    }

    [Fact]
    public async Task Revisions_ShowAnOldOneReadOnly_AndRestoreIt()
    {
        var name = await DesignerTestJourneys.CreateSmallAsync(fixture.Server, "revisions");
        var first = (await Store.GetAsync(name))!;
        var withoutPush = first.Journey with { Nodes = first.Journey.Nodes.Where(n => n.Id != "push").ToList() };
        Assert.IsType<SaveResult.Saved>(await Store.SaveAsync(withoutPush, first.Revision, "someone"));
        var designer = await DesignerPage.OpenAsync(await fixture.NewAdminPageAsync(), name);
        await Assertions.Expect(designer.Node("push")).ToHaveCountAsync(0);

        await designer.Page.Locator("[data-testid=revisions]").ClickAsync();
        await Assertions.Expect(designer.Page.Locator("[data-testid=revision]")).ToHaveCountAsync(2);
        await designer.Page.Locator("[data-testid=revision][data-revision='1'] [data-testid=revision-show]").ClickAsync();
        await Assertions.Expect(designer.Page.Locator("[data-testid=viewing-banner]")).ToBeVisibleAsync();
        await Assertions.Expect(designer.Node("push")).ToHaveCountAsync(1);
        await Assertions.Expect(designer.Page.Locator("[data-testid=save]")).ToBeDisabledAsync();

        // Restoring asks first, then saves the old content as a draft; end users keep revision 2 until it is published.
        await designer.Page.Locator("[data-testid=revision][data-revision='1'] [data-testid=revision-restore]").ClickAsync();
        await Assertions.Expect(designer.Page.GetByText("Restore revision 1?")).ToBeVisibleAsync();
        await designer.Page.GetByRole(AriaRole.Button, new() { Name = "Restore as draft" }).ClickAsync();
        await Assertions.Expect(designer.Page.Locator("[data-testid=viewing-banner]")).ToHaveCountAsync(0);
        await Assertions.Expect(designer.Node("push")).ToHaveCountAsync(1);

        await Assertions.Expect(designer.Page.Locator("[data-testid=journey-editor]")).ToHaveAttributeAsync("data-revision", "3");
        await Assertions.Expect(designer.Page.GetByTestId("revision-status")).ToHaveAttributeAsync("data-draft", "true");
        var current = (await Store.GetLatestAsync(name))!;
        Assert.Equal((3, 2), (current.Revision, current.LiveRevision));
        Assert.NotNull(current.Journey.FindNode("push"));
        Assert.Null((await Store.GetAsync(name))!.Journey.FindNode("push"));
        var restored = Assert.Single(await AuditAsync(name));
        Assert.Equal(("journey.restore", "admin", 2, 3, "restored revision 1 as a draft"),
            (restored.Action, restored.Actor, restored.RevisionBefore, restored.RevisionAfter, restored.Detail));
    }

    [Fact]
    public async Task LeavingWithUnsavedChanges_AsksFirst()
    {
        var name = await DesignerTestJourneys.CreateSmallAsync(fixture.Server, "leave");
        var designer = await DesignerPage.OpenAsync(await fixture.NewAdminPageAsync(), name);
        await designer.Node("push").Locator(".jn-title").ClickAsync();
        await designer.Page.Keyboard.PressAsync("Delete");
        await Assertions.Expect(designer.Page.Locator("[data-testid=unsaved-chip]")).ToBeVisibleAsync();

        await designer.Page.GetByRole(AriaRole.Link, new() { Name = "Journeys" }).ClickAsync();
        await Assertions.Expect(designer.Page.GetByText("Leave and lose them?")).ToBeVisibleAsync();
        await designer.Page.GetByRole(AriaRole.Button, new() { Name = "Stay" }).ClickAsync();
        await Assertions.Expect(designer.Page.Locator("[data-testid=journey-editor]")).ToBeVisibleAsync();
        Assert.EndsWith("/edit", designer.Page.Url);

        await designer.Page.GetByRole(AriaRole.Link, new() { Name = "Journeys" }).ClickAsync();
        await designer.Page.GetByRole(AriaRole.Button, new() { Name = "Leave" }).ClickAsync();
        await Assertions.Expect(designer.Page).ToHaveURLAsync(fixture.Server.BaseAddress.ToString());
        await Assertions.Expect(designer.Page.Locator("[data-testid=journey-editor]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Preview_OpensTheSignOnPageOfThisJourneyInANewTab()
    {
        var name = await DesignerTestJourneys.CreateSmallAsync(fixture.Server, "preview");
        var designer = await DesignerPage.OpenAsync(await fixture.NewAdminPageAsync(), name);

        var popup = await designer.Page.Context.RunAndWaitForPageAsync(() => designer.Page.Locator("[data-testid=preview]").ClickAsync());

        Assert.Equal(fixture.Server.BaseAddress + "login?journey=" + Uri.EscapeDataString(name), popup.Url);
    }

    [Fact]
    public async Task CopyLink_GivesTheAbsoluteSignOnUrl()
    {
        var name = await DesignerTestJourneys.CreateSmallAsync(fixture.Server, "copy");
        var designer = await DesignerPage.OpenAsync(await fixture.NewAdminPageAsync(), name);

        await designer.Page.Locator("[data-testid=copy-url]").ClickAsync();

        await Assertions.Expect(designer.Page.Locator(".mud-snackbar"))
            .ToContainTextAsync(fixture.Server.BaseAddress + "login?journey=" + Uri.EscapeDataString(name));
    }

    [Fact]
    public async Task Publish_DraftWithErrors_IsRefusedWithTheErrorsListed()
    {
        // Live: Start → decision → Success/Failure. The draft adds a Push Sender whose outcomes go nowhere (errors).
        var name = await DesignerTestJourneys.CreateSmallAsync(fixture.Server, "publish-errors");
        var live = (await Store.GetAsync(name))!;
        var noPush = live.Journey with { Nodes = live.Journey.Nodes.Where(n => n.Id != "push").ToList() };
        Assert.IsType<SaveResult.Saved>(await Store.SaveAsync(noPush, 1, "someone"));
        Assert.IsType<SaveResult.Saved>(await Store.SaveDraftAsync(live.Journey, 2, "someone"));
        var designer = await DesignerPage.OpenAsync(await fixture.NewAdminPageAsync(), name);
        await Assertions.Expect(designer.Page.GetByTestId("revision-status")).ToHaveAttributeAsync("data-draft", "true");

        await designer.Page.GetByTestId("publish").ClickAsync();

        var dialog = designer.Page.GetByTestId("publish-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(designer.Page.GetByTestId("publish-intro")).ToContainTextAsync("Draft revision 3 has 3 errors; end users keep revision 2.");
        await Assertions.Expect(dialog.Locator("[data-testid=publish-finding][data-severity=Error]")).ToHaveCountAsync(3); // the Push Sender's outcomes, wired nowhere
        await Assertions.Expect(dialog.Locator("[data-testid=publish-finding]").First).ToContainTextAsync("Push Sender");
        await Assertions.Expect(designer.Page.GetByTestId("publish-confirm")).ToHaveCountAsync(0);
        await designer.Page.GetByTestId("publish-close").ClickAsync();

        await Assertions.Expect(designer.Page.GetByTestId("journey-editor")).ToHaveAttributeAsync("data-live-revision", "2");
        Assert.Equal(2, (await Store.GetAsync(name))!.Revision);
        Assert.Null((await Store.GetAsync(name))!.Journey.FindNode("push"));
    }

    [Fact]
    public async Task Publish_DraftWithWarnings_AsksFirst_CancelKeepsItADraft_ConfirmMakesItLive()
    {
        // The draft only warns: no path reaches Success.
        var name = await DesignerTestJourneys.CreateSmallAsync(fixture.Server, "publish-warnings");
        var live = (await Store.GetAsync(name))!;
        var decision = live.Journey.FindNode("decision")!;
        var toFailure = live.Journey with
        {
            Nodes = [decision with { Connections = new Dictionary<string, string>(decision.Connections) { ["true"] = StaticNodeIds.Failure } }],
        };
        Assert.IsType<SaveResult.Saved>(await Store.SaveDraftAsync(toFailure, 1, "someone"));
        var designer = await DesignerPage.OpenAsync(await fixture.NewAdminPageAsync(), name);
        var editor = designer.Page.GetByTestId("journey-editor");

        await designer.Page.GetByTestId("publish").ClickAsync();
        await Assertions.Expect(designer.Page.GetByTestId("publish-intro")).ToHaveTextAsync("Draft revision 2 has 1 warning. Publish it anyway?");
        await Assertions.Expect(designer.Page.Locator("[data-testid=publish-finding][data-severity=Warning]")).ToContainTextAsync("Success");
        await designer.Page.GetByTestId("publish-cancel").ClickAsync();
        await Assertions.Expect(designer.Page.GetByTestId("publish-dialog")).ToHaveCountAsync(0);
        await Assertions.Expect(editor).ToHaveAttributeAsync("data-live-revision", "1");
        Assert.Equal(1, (await Store.GetAsync(name))!.Revision);

        await designer.Page.GetByTestId("publish").ClickAsync();
        await designer.Page.GetByTestId("publish-confirm").ClickAsync();
        await Assertions.Expect(editor).ToHaveAttributeAsync("data-live-revision", "2");
        await Assertions.Expect(designer.Page.GetByTestId("revision-status")).ToHaveAttributeAsync("data-draft", "false");
        Assert.Equal(StaticNodeIds.Failure, (await Store.GetAsync(name))!.Journey.FindNode("decision")!.Connections["true"]);
    }
}
