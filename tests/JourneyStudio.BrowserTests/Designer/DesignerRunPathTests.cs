using JourneyStudio.BrowserTests.Infrastructure;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Sessions;
using JourneyStudio.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace JourneyStudio.BrowserTests.Designer;

/// <summary>A journey is run through its hosted preview page, then the designer marks the path the run took.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DesignerRunPathTests(BrowserFixture fixture)
{
    private JourneySessionStore Sessions => fixture.Server.Services.GetRequiredService<JourneySessionStore>();

    [Fact]
    public async Task ShippedLogin_SignedOnThroughThePreview_DesignerMarksTheVisitedNodesAndFollowedOutcomes()
    {
        await SignOnJourneys.SeedAsync(fixture.Server);
        var preview = await fixture.NewPageAsync();
        await preview.GotoAsync("/login?journey=Login");
        await preview.GetByLabel("Username").FillAsync(SignOnJourneys.Username);
        await preview.GetByLabel("Password").FillAsync(SignOnJourneys.Password);
        await preview.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await preview.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account");
        var run = (await Sessions.ListRecentAsync("Login")).First(r => r.Status == JourneySessionStatus.Succeeded);
        var login = (await DesignerTestJourneys.Store(fixture.Server).GetAsync("Login"))!.Journey;
        var page = login.Nodes.Single(n => n.Children.Count > 0);
        var decision = login.Nodes.Single(n => n.Id != page.Id);

        var designer = await DesignerPage.OpenAsync(await fixture.NewAdminPageAsync(), "Login");
        await ShowRunAsync(designer, run.SessionId);

        var legend = designer.Page.GetByTestId("path-legend");
        await Assertions.Expect(legend).ToContainTextAsync("success");
        await Assertions.Expect(legend).ToContainTextAsync($"revision {run.Revision}");
        await Assertions.Expect(designer.Page.GetByTestId("revision-note")).ToHaveCountAsync(0);
        foreach (var visited in new[] { StaticNodeIds.Start, page.Id, decision.Id, StaticNodeIds.Success })
            await Assertions.Expect(designer.Node(visited)).ToHaveAttributeAsync("data-visited", "true");
        await Assertions.Expect(designer.Node(StaticNodeIds.Failure)).ToHaveAttributeAsync("data-visited", "false");
        await Assertions.Expect(designer.Node(StaticNodeIds.Failure)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("jn-unvisited"));
        foreach (var child in page.Children)
            await Assertions.Expect(designer.Page.Locator($"[data-testid=page-child][data-node-id='{child.Id}']")).ToHaveAttributeAsync("data-visited", "true");
        await Assertions.Expect(Link(designer, decision.Id, "true")).ToHaveAttributeAsync("data-followed", "true");
        await Assertions.Expect(Link(designer, decision.Id, "false")).ToHaveAttributeAsync("data-followed", "false");
        await Assertions.Expect(Link(designer, page.Id, "outcome")).ToHaveAttributeAsync("data-followed", "true");
        await designer.ScreenshotAsync("designer-run-path");

        await designer.Page.Locator("[data-testid=runs-menu] button").First.ClickAsync();
        await designer.Page.GetByTestId("clear-highlight").ClickAsync();

        await Assertions.Expect(legend).ToHaveCountAsync(0);
        await Assertions.Expect(designer.Page.Locator("[data-testid=journey-node][data-visited=true]")).ToHaveCountAsync(0);
        await Assertions.Expect(designer.Page.Locator("[data-testid=journey-link][data-followed=true]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task RunOnAnOlderRevision_FailedSignOn_MarksThePathToFailure_AndSaysTheRevisionDiffers()
    {
        var name = DesignerTestJourneys.UniqueName("path");
        await SignOnJourneys.SeedAsync(fixture.Server, SignOnJourneys.PlainJourney(name));
        var preview = await fixture.NewPageAsync();
        await preview.GotoAsync("/login?journey=" + Uri.EscapeDataString(name));
        await preview.GetByLabel("User Name").FillAsync(SignOnJourneys.Username);
        await preview.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await preview.GetByLabel("Password").FillAsync("wrong-password");
        await preview.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Assertions.Expect(preview.GetByRole(AriaRole.Heading, new() { Name = "Sign-on failed" })).ToBeVisibleAsync();
        var store = DesignerTestJourneys.Store(fixture.Server);
        var stored = (await store.GetAsync(name))!;
        Assert.IsType<SaveResult.Saved>(await store.SaveAsync(stored.Journey with { Description = "edited after the run" }, stored.Revision, "test"));
        var run = Assert.Single(await Sessions.ListRecentAsync(name));

        var designer = await DesignerPage.OpenAsync(await fixture.NewAdminPageAsync(), name);
        await ShowRunAsync(designer, run.SessionId);

        await Assertions.Expect(designer.Page.GetByTestId("path-legend")).ToContainTextAsync("failure");
        await Assertions.Expect(designer.Page.GetByTestId("revision-note")).ToContainTextAsync($"The run used revision {stored.Revision}; the canvas shows revision {stored.Revision + 1}");
        foreach (var visited in new[] { "user", "password", "check", StaticNodeIds.Failure })
            await Assertions.Expect(designer.Node(visited)).ToHaveAttributeAsync("data-visited", "true");
        await Assertions.Expect(designer.Node(StaticNodeIds.Success)).ToHaveAttributeAsync("data-visited", "false");
        await Assertions.Expect(Link(designer, "check", "false")).ToHaveAttributeAsync("data-followed", "true");
        await Assertions.Expect(Link(designer, "check", "true")).ToHaveAttributeAsync("data-followed", "false");
    }

    private static ILocator Link(DesignerPage designer, string sourceId, string outcome) =>
        designer.Page.Locator($"[data-testid=journey-link][data-source='{sourceId}'][data-outcome='{outcome}']");

    private static async Task ShowRunAsync(DesignerPage designer, string sessionId)
    {
        await designer.Page.Locator("[data-testid=runs-menu] button").First.ClickAsync();
        await designer.Page.Locator($"[data-testid=run-item][data-session-id='{sessionId}']").ClickAsync();
        await Assertions.Expect(designer.Page.GetByTestId("path-legend")).ToBeVisibleAsync();
    }
}
