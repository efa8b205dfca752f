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

    [Fact]
    public async Task RunDebugger_StepsThroughARecordedSignOn_AndTheCanvasMarkMoves()
    {
        var name = DesignerTestJourneys.UniqueName("debug");
        await SignOnJourneys.SeedAsync(fixture.Server, SignOnJourneys.PlainJourney(name));
        var preview = await fixture.NewPageAsync();
        await preview.GotoAsync("/login?journey=" + Uri.EscapeDataString(name));
        await preview.GetByLabel("User Name").FillAsync(SignOnJourneys.Username);
        await preview.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await preview.GetByLabel("Password").FillAsync(SignOnJourneys.Password);
        await preview.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await preview.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account");
        var journeyId = (await DesignerTestJourneys.Store(fixture.Server).GetLatestAsync(name))!.JourneyId;
        var run = Assert.Single(await Sessions.ListRunsAsync(journeyId));

        var designer = await DesignerPage.OpenAsync(await fixture.NewAdminPageAsync(), name);
        await ShowRunAsync(designer, run.SessionId);
        var debugger = designer.Page.GetByTestId("run-debugger");
        await Assertions.Expect(debugger.GetByTestId("debug-step")).ToHaveCountAsync(3);
        var current = designer.Page.Locator("[data-testid=journey-node][data-current-step=true]");
        await Assertions.Expect(current).ToHaveCountAsync(0);

        await debugger.GetByTestId("debug-next").ClickAsync();
        await Assertions.Expect(debugger.GetByTestId("debug-position")).ToHaveTextAsync("Step 1 of 3");
        await Assertions.Expect(current).ToHaveAttributeAsync("data-node-id", "user");
        await Assertions.Expect(debugger.GetByTestId("debug-sent")).ToContainTextAsync("NameCallback");

        await debugger.GetByTestId("debug-next").ClickAsync();
        await Assertions.Expect(current).ToHaveAttributeAsync("data-node-id", "password");
        await Assertions.Expect(designer.Node("user")).ToHaveAttributeAsync("data-visited", "true");
        await Assertions.Expect(debugger.GetByTestId("debug-answer")).ToContainTextAsync(SignOnJourneys.Username);

        await debugger.GetByTestId("debug-next").ClickAsync();
        await Assertions.Expect(current).ToHaveAttributeAsync("data-node-id", StaticNodeIds.Success);
        await Assertions.Expect(debugger.GetByTestId("debug-answer")).ToContainTextAsync("redacted");
        await Assertions.Expect(debugger).Not.ToContainTextAsync(SignOnJourneys.Password);
        await Assertions.Expect(debugger.GetByTestId("debug-next")).ToBeDisabledAsync();

        await debugger.GetByTestId("debug-step").Nth(1).ClickAsync();
        await Assertions.Expect(current).ToHaveAttributeAsync("data-node-id", "password");
        // Notices (the layout one of this unpositioned journey) would cover the step panel in the screenshots.
        await Assertions.Expect(designer.Page.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        foreach (var (width, height) in new[] { (1280, 720), (1920, 1080) })
        {
            await designer.Page.SetViewportSizeAsync(width, height);
            await Assertions.Expect(debugger).ToBeVisibleAsync();
            await designer.ScreenshotAsync($"designer-run-debugger-{width}x{height}");
        }

        await debugger.GetByTestId("debug-close").ClickAsync();
        await Assertions.Expect(debugger).ToHaveCountAsync(0);
        await Assertions.Expect(current).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task RunThatFailedOnAnUnwiredOutcome_IsDrawnAsSuch()
    {
        var name = DesignerTestJourneys.UniqueName("unwired");
        var journey = SignOnJourneys.PlainJourney(name) with
        {
            Nodes = [.. SignOnJourneys.PlainJourney(name).Nodes.Select(n => n.Id == "password" ? n with { Connections = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty } : n)],
        };
        await SignOnJourneys.SeedAsync(fixture.Server, journey);
        var preview = await fixture.NewPageAsync();
        await preview.GotoAsync("/login?journey=" + Uri.EscapeDataString(name));
        await preview.GetByLabel("User Name").FillAsync(SignOnJourneys.Username);
        await preview.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await preview.GetByLabel("Password").FillAsync(SignOnJourneys.Password);
        await preview.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Assertions.Expect(preview.GetByRole(AriaRole.Heading, new() { Name = "Sign-on failed" })).ToBeVisibleAsync();
        var journeyId = (await DesignerTestJourneys.Store(fixture.Server).GetLatestAsync(name))!.JourneyId;
        var run = Assert.Single(await Sessions.ListRunsAsync(journeyId));

        var designer = await DesignerPage.OpenAsync(await fixture.NewAdminPageAsync(), name);
        await ShowRunAsync(designer, run.SessionId);

        await Assertions.Expect(designer.Page.GetByTestId("unwired-note")).ToContainTextAsync("'outcome' has no link");
        await Assertions.Expect(designer.Node("password").Locator("[data-testid=outcome][data-unwired=true]")).ToHaveAttributeAsync("data-outcome", "outcome");
        await Assertions.Expect(designer.Node(StaticNodeIds.Failure)).ToHaveAttributeAsync("data-visited", "false");
    }

    private static async Task ShowRunAsync(DesignerPage designer, string sessionId)
    {
        await designer.Page.Locator("[data-testid=runs-menu] button").First.ClickAsync();
        await designer.Page.Locator($"[data-testid=run-item][data-session-id='{sessionId}']").ClickAsync();
        await Assertions.Expect(designer.Page.GetByTestId("path-legend")).ToBeVisibleAsync();
    }
}
