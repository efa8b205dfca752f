using JourneyStudio.BrowserTests.Infrastructure;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Persistence;
using Microsoft.Playwright;
using static JourneyStudio.BrowserTests.Designer.DesignerTestJourneys;

namespace JourneyStudio.BrowserTests.Designer;

/// <summary>
/// Links that go back (Retry) drawn around the nodes in lanes of their own, redrawn when a node moves into their way;
/// and the changes of a draft against the live revision coloured on the canvas.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DesignerCanvasLinksTests(BrowserFixture fixture)
{
    private JourneyStore Store => DesignerTestJourneys.Store(fixture.Server);

    /// <summary>
    /// Username → Password → Data Store Decision (true → Success, false → first Retry Limit). The first Retry Limit
    /// retries at Username and rejects to the second, which retries at Password: two links back along the same stretch.
    /// </summary>
    private async Task<string> CreateWithTwoRetriesAsync()
    {
        var name = UniqueName("back-links");
        var journey = new Journey
        {
            Name = name,
            EntryNodeId = "user",
            Nodes =
            [
                Node(NodeTypeIds.UsernameCollector, "user", 220, 150, ("outcome", "password")),
                Node(NodeTypeIds.PasswordCollector, "password", 480, 150, ("outcome", "decision")),
                Node(NodeTypeIds.DataStoreDecision, "decision", 740, 150, ("true", StaticNodeIds.Success), ("false", "retry")),
                Node(NodeTypeIds.RetryLimitDecision, "retry", 1000, 300, ("Retry", "user"), ("Reject", "retry2")),
                Node(NodeTypeIds.RetryLimitDecision, "retry2", 1260, 300, ("Retry", "password"), ("Reject", StaticNodeIds.Failure)),
            ],
            StartPosition = new NodePosition(60, 180),
            SuccessPosition = new NodePosition(1300, 120),
            FailurePosition = new NodePosition(1520, 320),
        };
        Assert.IsType<SaveResult.Saved>(await Store.CreateAsync(journey, "test"));
        return name;
    }

    private static ILocator LinkPath(DesignerPage designer, string source, string outcome) =>
        designer.Page.Locator($"[data-testid=journey-link][data-source='{source}'][data-outcome='{outcome}'] path").First;

    /// <summary>How many points along link A (every 4 px, away from its ends) lie within 3 px of link B: a run side by side, not a crossing.</summary>
    private const string SharedStretchScript = """
        ([a, b]) => {
            const pathOf = (source, outcome) => document.querySelector(`[data-testid=journey-link][data-source='${source}'][data-outcome='${outcome}'] path`);
            const points = (path, step) => { const m = path.getScreenCTM(), length = path.getTotalLength(), list = [];
                for (let d = 20; d < length - 20; d += step) { const p = path.getPointAtLength(d); list.push(new DOMPoint(p.x, p.y).matrixTransform(m)); }
                return list; };
            const other = points(pathOf(...b), 2);
            return points(pathOf(...a), 4).filter(p => other.some(q => Math.hypot(p.x - q.x, p.y - q.y) < 3)).length;
        }
        """;

    [Fact]
    public async Task LinksBack_RunInLanesOfTheirOwn_AndGoAroundANodeMovedIntoTheirWay()
    {
        var page = await fixture.NewAdminPageAsync();
        await page.SetViewportSizeAsync(1920, 1080);
        var designer = await DesignerPage.OpenAsync(page, await CreateWithTwoRetriesAsync());
        await page.GetByTestId("zoom-fit").ClickAsync();
        await page.WaitForTimeoutAsync(300);

        Assert.Empty(await page.EvaluateAsync<string[]>(DesignerReadabilityTests.LinksBehindNodesScript));
        Assert.True(await page.EvaluateAsync<int>(SharedStretchScript, new[] { new[] { "retry", "Retry" }, new[] { "retry2", "Retry" } }) < 6,
            "The two links back share a stretch of line.");

        // The first retry's way back runs along a lane above (or below) the nodes between its ends; the decision, not
        // one of its ends, is dragged so that it sits across that lane.
        var back = LinkPath(designer, "retry", "Retry");
        var before = await back.GetAttributeAsync("d");
        var route = (await back.BoundingBoxAsync())!;
        var user = (await designer.Node("user").BoundingBoxAsync())!;
        var laneY = route.Y < user.Y ? route.Y : route.Y + route.Height;
        var title = (await designer.Node("decision").Locator("[data-testid=node-title]").BoundingBoxAsync())!;
        var box = (await designer.Node("decision").BoundingBoxAsync())!;
        var grabY = title.Y + title.Height / 2;
        await page.Mouse.MoveAsync(title.X + title.Width / 2, grabY);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(title.X + title.Width / 2, grabY + laneY - (box.Y + box.Height / 2), new MouseMoveOptions { Steps = 12 });
        await page.Mouse.UpAsync();
        await Assertions.Expect(page.GetByTestId("journey-editor")).ToHaveAttributeAsync("data-dirty", "true");

        await Assertions.Expect(back).Not.ToHaveAttributeAsync("d", before!);
        await page.WaitForTimeoutAsync(300);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = "/tmp/designer-back-links-moved.png" });
        Assert.Empty(await page.EvaluateAsync<string[]>(DesignerReadabilityTests.LinksBehindNodesScript));
        Assert.True(await page.EvaluateAsync<int>(SharedStretchScript, new[] { new[] { "retry", "Retry" }, new[] { "retry2", "Retry" } }) < 6,
            "After the move, the two links back share a stretch of line.");
    }

    [Fact]
    public async Task Changes_OfTheDraftAgainstLive_AreColouredOnTheCanvas_RemovedNodesWhereTheyWere()
    {
        // Live: the small journey with a Retry Limit at the side. The draft drops the Retry Limit, renames the
        // Push Sender and adds a Password Collector.
        var name = await CreateSmallAsync(fixture.Server, "diff-colours");
        var live = (await Store.GetAsync(name))!;
        Assert.IsType<SaveResult.Saved>(await Store.SaveAsync(live.Journey with
        {
            Nodes = [.. live.Journey.Nodes, Node(NodeTypeIds.RetryLimitDecision, "retry", 560, 400)],
        }, 1, "someone"));
        var liveNow = (await Store.GetAsync(name))!.Journey;
        Assert.IsType<SaveResult.Saved>(await Store.SaveDraftAsync(liveNow with
        {
            Nodes =
            [
                .. liveNow.Nodes.Where(n => n.Id != "retry").Select(n => n.Id == "push" ? n with { DisplayName = "Send the push" } : n),
                Node(NodeTypeIds.PasswordCollector, "password", 60, 400),
            ],
        }, 2, "someone"));
        var designer = await DesignerPage.OpenAsync(await fixture.NewAdminPageAsync(), name);
        await Assertions.Expect(designer.Node("retry")).ToHaveCountAsync(0);

        await designer.Page.GetByTestId("changes").ClickAsync();

        await Assertions.Expect(designer.Node("password")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bjn-diff-added\b"));
        await Assertions.Expect(designer.Node("push")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bjn-diff-changed\b"));
        await Assertions.Expect(designer.Node("retry")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bjn-diff-removed\b"));
        await Assertions.Expect(designer.Node("decision")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bjn-diff-"));
        await Assertions.Expect(designer.Page.GetByTestId("tab-changes")).ToHaveAttributeAsync("aria-selected", "true");
        await designer.Page.ScreenshotAsync(new PageScreenshotOptions { Path = "/tmp/designer-diff-colours.png" });

        // The removed node is only drawn: the editor has nothing to edit there, and it goes with the changes.
        await designer.Page.GetByTestId("changes").ClickAsync();
        await Assertions.Expect(designer.Node("retry")).ToHaveCountAsync(0);
        await Assertions.Expect(designer.Node("push")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bjn-diff-"));
    }
}
