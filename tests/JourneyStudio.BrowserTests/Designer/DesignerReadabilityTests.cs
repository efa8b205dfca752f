using System.Text.Json;
using JourneyStudio.BrowserTests.Infrastructure;
using JourneyStudio.Testing;
using Microsoft.Playwright;

namespace JourneyStudio.BrowserTests.Designer;

/// <summary>
/// What an admin sees when a journey opens, at the screen sizes admins have: text big enough to read, nothing cut,
/// zoom that stays where the pointer is, a toolbar that does not move, the canvas selection matching the panel.
/// Screenshots of the shipped journeys go to /tmp/designer-*.png for a person to look at.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DesignerReadabilityTests(BrowserFixture fixture)
{
    public static TheoryData<string, int, int> ShippedJourneysAtScreenSizes()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var journey in new[] { "Login", "Login with Push MFA", "PushAuthentication", "PasswordlessPush", "CombinedMFA" })
            foreach (var (width, height) in new[] { (1280, 720), (1600, 900), (1920, 1080) })
                data.Add(journey, width, height);
        return data;
    }

    private async Task<DesignerPage> OpenAsync(string journey, int width, int height)
    {
        var page = await fixture.NewAdminPageAsync();
        await page.SetViewportSizeAsync(width, height);
        return await DesignerPage.OpenAsync(page, journey);
    }

    /// <summary>The smallest on-screen font size of the text inside nodes, in CSS pixels (font size × the canvas zoom).</summary>
    private const string SmallestTextScript = """
        () => {
            const layer = document.querySelector('.jn-canvas-host .diagram-html-layer');
            const zoom = new DOMMatrixReadOnly(getComputedStyle(layer).transform).a;
            let smallest = 1000;
            for (const el of layer.querySelectorAll('.jn-title, .jn-type, .jn-outcome-label, .jn-child-name, .jn-child-type')) {
                if (!el.textContent.trim() || el.getBoundingClientRect().width === 0) continue;
                smallest = Math.min(smallest, parseFloat(getComputedStyle(el).fontSize) * zoom);
            }
            return smallest;
        }
        """;

    /// <summary>Titles and labels whose text is wider than their box (cut, or spilling out of the node).</summary>
    private const string TruncatedTextScript = """
        () => [...document.querySelectorAll('.jn-canvas-host .jn-node')].flatMap(node => {
            const box = node.getBoundingClientRect();
            return [...node.querySelectorAll('.jn-title, .jn-type, .jn-outcome-label, .jn-child-name, .jn-child-type')]
                .filter(el => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > box.right + 1 || el.getBoundingClientRect().left < box.left - 1)
                .map(el => el.textContent.trim());
        })
        """;

    [Theory]
    [MemberData(nameof(ShippedJourneysAtScreenSizes))]
    public async Task ShippedJourney_OpensReadable_WithNothingCut(string journey, int width, int height)
    {
        var designer = await OpenAsync(journey, width, height);
        await designer.Page.ScreenshotAsync(new PageScreenshotOptions { Path = $"/tmp/designer-{journey.Replace(' ', '-')}-{width}x{height}.png" });

        var smallest = await designer.Page.EvaluateAsync<double>(SmallestTextScript);
        Assert.True(smallest >= 11, $"The smallest text on the canvas is {smallest:0.0} px on screen.");
        Assert.Empty(await designer.Page.EvaluateAsync<string[]>(TruncatedTextScript));
        // Whatever is not in view can be reached from the navigator.
        var allInView = await designer.Page.EvaluateAsync<bool>("""
            () => { const c = document.querySelector('[data-testid=canvas]').getBoundingClientRect();
                    return [...document.querySelectorAll('.jn-canvas-host .jn-node')].every(n => { const b = n.getBoundingClientRect();
                        return b.left >= c.left - 1 && b.right <= c.right + 1 && b.top >= c.top - 1 && b.bottom <= c.bottom + 1; }); }
            """);
        if (!allInView) await Assertions.Expect(designer.Page.Locator("[data-testid=navigator]")).ToBeVisibleAsync();
    }

    /// <summary>Pairs of nodes whose boxes overlap, by title.</summary>
    private const string OverlappingNodesScript = """
        () => { const nodes = [...document.querySelectorAll('.jn-canvas-host .diagram-node')].map(n => ({ name: n.querySelector('.jn-title')?.textContent.trim(), box: n.getBoundingClientRect() }));
                const overlaps = [];
                for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) {
                    const a = nodes[i].box, b = nodes[j].box;
                    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) overlaps.push(nodes[i].name + ' / ' + nodes[j].name);
                }
                return overlaps; }
        """;

    /// <summary>
    /// Links that run behind a node: points along each link's path (away from its two ends, which touch their ports)
    /// that fall inside a node's box, as "link → node".
    /// </summary>
    internal const string LinksBehindNodesScript = """
        () => { const boxes = [...document.querySelectorAll('.jn-canvas-host .diagram-node')].map(n => ({ name: n.querySelector('.jn-title')?.textContent.trim(), box: n.getBoundingClientRect() }));
                const hits = new Set();
                for (const path of document.querySelectorAll('.jn-canvas-host .diagram-link path')) {
                    const length = path.getTotalLength(), matrix = path.getScreenCTM();
                    if (!matrix || length < 60) continue;
                    const at = d => new DOMPoint(path.getPointAtLength(d).x, path.getPointAtLength(d).y).matrixTransform(matrix);
                    const from = at(0), to = at(length);
                    for (let d = 24; d < length - 24; d += 6) {
                        const p = at(d);
                        for (const { name, box } of boxes)
                            if (p.x > box.left + 2 && p.x < box.right - 2 && p.y > box.top + 2 && p.y < box.bottom - 2)
                                hits.add(`${Math.round(from.x)},${Math.round(from.y)} -> ${Math.round(to.x)},${Math.round(to.y)} behind ${name}`);
                    }
                }
                return [...hits]; }
        """;

    [Theory]
    [InlineData("Login")]
    [InlineData("Login with Push MFA")]
    [InlineData("PushAuthentication")]
    [InlineData("PasswordlessPush")]
    [InlineData("CombinedMFA")]
    public async Task ShippedJourney_NodesDoNotOverlap_AndNoLinkRunsBehindANode(string journey)
    {
        var designer = await OpenAsync(journey, 1920, 1080);
        // The whole journey, so that every node and link is drawn in view.
        await designer.Page.GetByTestId("zoom-fit").ClickAsync();
        await designer.Page.WaitForTimeoutAsync(300);
        await designer.Page.ScreenshotAsync(new PageScreenshotOptions { Path = $"/tmp/designer-{journey.Replace(' ', '-')}-whole.png" });

        Assert.Empty(await designer.Page.EvaluateAsync<string[]>(OverlappingNodesScript));
        Assert.Empty(await designer.Page.EvaluateAsync<string[]>(LinksBehindNodesScript));
    }

    [Fact]
    public async Task Navigator_ClickCentresTheCanvasThere_AndHidesOnceAllIsInView()
    {
        var designer = await OpenAsync("Login with Push MFA", 1280, 720);
        var navigator = designer.Page.GetByTestId("navigator");
        var success = designer.Node(Journeys.Model.StaticNodeIds.Success);
        await Assertions.Expect(navigator).ToBeVisibleAsync();
        Assert.False(await IsInViewAsync(designer, success), "Success starts out of view.");

        // Where the navigator draws Success (its SVG is in canvas coordinates).
        var point = await designer.Page.EvaluateAsync<double[]>("""
            id => { const node = document.querySelector(`.jn-canvas-host .diagram-node[data-node-id='${id}']`);
                    const x = parseFloat(node.style.left) + node.offsetWidth / 2, y = parseFloat(node.style.top) + node.offsetHeight / 2;
                    const p = new DOMPoint(x, y).matrixTransform(document.querySelector('.jn-navigator svg').getScreenCTM());
                    return [p.x, p.y]; }
            """, Journeys.Model.StaticNodeIds.Success);
        await designer.Page.Mouse.ClickAsync((float)point[0], (float)point[1]);

        // Centred in the diagram's canvas (the area the library pans).
        await designer.Page.WaitForFunctionAsync("""
            id => { const b = document.querySelector(`.jn-canvas-host .diagram-node[data-node-id='${id}']`).getBoundingClientRect();
                    const c = document.querySelector('.jn-canvas-host .diagram-canvas').getBoundingClientRect();
                    return Math.abs(b.left + b.width / 2 - (c.left + c.width / 2)) < 3 && Math.abs(b.top + b.height / 2 - (c.top + c.height / 2)) < 3; }
            """, Journeys.Model.StaticNodeIds.Success);
        Assert.True(await IsInViewAsync(designer, success));
        Assert.Equal("1", await ZoomAsync(designer)); // a click pans; it does not zoom

        await designer.Page.GetByTestId("zoom-fit").ClickAsync();
        await Assertions.Expect(navigator).ToBeHiddenAsync();
    }

    private static async Task<bool> IsInViewAsync(DesignerPage designer, ILocator node)
    {
        var canvas = (await designer.Canvas.BoundingBoxAsync())!;
        var box = (await node.BoundingBoxAsync())!;
        return box.X >= canvas.X && box.Y >= canvas.Y && box.X + box.Width <= canvas.X + canvas.Width && box.Y + box.Height <= canvas.Y + canvas.Height;
    }

    [Fact]
    public async Task NodeWithTheTypesName_HasNoSubtitle_AndStaticNodesAreLabelledCircles()
    {
        var name = await DesignerTestJourneys.CreateSmallAsync(fixture.Server, "subtitle");
        var designer = await OpenAsync(name, 1600, 900);

        await Assertions.Expect(designer.Node("decision").Locator("[data-testid=node-type]")).ToHaveCountAsync(0);
        foreach (var (id, label) in new[] { ("startNode", "Start"), (Journeys.Model.StaticNodeIds.Success, "Success"), (Journeys.Model.StaticNodeIds.Failure, "Failure") })
        {
            var circle = designer.Node(id).Locator(".jn-circle");
            var box = (await circle.BoundingBoxAsync())!;
            Assert.Equal(box.Width, box.Height, 1);
            Assert.Equal("50%", await circle.EvaluateAsync<string>("e => getComputedStyle(e).borderRadius"));
            await Assertions.Expect(designer.Node(id).Locator("[data-testid=node-title]")).ToHaveTextAsync(label);
        }
    }

    [Fact]
    public async Task WheelZoom_KeepsThePointUnderThePointer_ButtonsKeepTheMiddle()
    {
        var designer = await OpenAsync("Login with Push MFA", 1600, 900);
        var node = designer.Page.Locator("[data-testid=journey-node]").Nth(3);
        var before = (await node.BoundingBoxAsync())!;
        var x = before.X + before.Width / 2;
        var y = before.Y + before.Height / 2;

        await designer.Page.Mouse.MoveAsync(x, y);
        await designer.Page.Mouse.WheelAsync(0, -100);
        await designer.Page.WaitForFunctionAsync($"z => document.querySelector('[data-testid=journey-editor]').dataset.zoom !== z",
            await ZoomAsync(designer));
        await designer.Page.WaitForTimeoutAsync(200); // the transform is applied in the render after the zoom's

        var after = (await node.BoundingBoxAsync())!;
        Assert.True(after.Width > before.Width * 1.1, "The wheel zoomed in.");
        Assert.InRange(after.X + after.Width / 2, x - 2, x + 2);
        Assert.InRange(after.Y + after.Height / 2, y - 2, y + 2);

        var canvas = (await designer.Canvas.BoundingBoxAsync())!;
        var middleBefore = await CanvasPointAsync(designer, canvas.Width / 2, canvas.Height / 2);
        var zoom = await ZoomAsync(designer);
        await designer.Page.GetByTestId("zoom-out").ClickAsync();
        await designer.Page.WaitForFunctionAsync($"z => document.querySelector('[data-testid=journey-editor]').dataset.zoom !== z", zoom);
        var middleAfter = await CanvasPointAsync(designer, canvas.Width / 2, canvas.Height / 2);
        Assert.InRange(middleAfter.X, middleBefore.X - 1, middleBefore.X + 1);
        Assert.InRange(middleAfter.Y, middleBefore.Y - 1, middleBefore.Y + 1);

        await designer.Page.GetByTestId("zoom-100").ClickAsync();
        await designer.Page.WaitForFunctionAsync("() => document.querySelector('[data-testid=journey-editor]').dataset.zoom === '1'");
        await Assertions.Expect(designer.Page.GetByTestId("zoom-100")).ToHaveTextAsync("100 %");
    }

    private static Task<string> ZoomAsync(DesignerPage designer) =>
        designer.Page.Locator("[data-testid=journey-editor]").GetAttributeAsync("data-zoom")!;

    /// <summary>The unzoomed canvas point shown at (x, y) of the canvas box, from the layer's transform.</summary>
    private static async Task<(double X, double Y)> CanvasPointAsync(DesignerPage designer, double x, double y)
    {
        var json = await designer.Page.EvaluateAsync<JsonElement>("""
            ([x, y]) => { const layer = document.querySelector('.jn-canvas-host .diagram-html-layer');
                          const m = new DOMMatrixReadOnly(getComputedStyle(layer).transform);
                          return { x: (x - m.e) / m.a, y: (y - m.f) / m.a }; }
            """, new[] { x, y });
        return (json.GetProperty("x").GetDouble(), json.GetProperty("y").GetDouble());
    }

    [Fact]
    public async Task Toolbar_DoesNotMove_WhenUnsavedAppears()
    {
        var name = await DesignerTestJourneys.CreateSmallAsync(fixture.Server, "toolbar");
        var designer = await OpenAsync(name, 1280, 720);
        var buttons = new[] { "undo", "redo", "delete", "auto-layout", "zoom-in", "save", "publish" };
        var before = new Dictionary<string, float>();
        foreach (var id in buttons) before[id] = (await designer.Page.GetByTestId(id).BoundingBoxAsync())!.X;

        await designer.DragAsync(designer.Node("push"), designer.Canvas);
        await Assertions.Expect(designer.Page.GetByTestId("unsaved-chip")).ToBeVisibleAsync();

        foreach (var id in buttons) Assert.Equal(before[id], (await designer.Page.GetByTestId(id).BoundingBoxAsync())!.X, 0.5);

        // Nothing is cut at the toolbar's end, and Save and Publish stay apart.
        var toolbar = (await designer.Page.GetByTestId("designer-toolbar").BoundingBoxAsync())!;
        var save = (await designer.Page.GetByTestId("save").BoundingBoxAsync())!;
        var publish = (await designer.Page.GetByTestId("publish").BoundingBoxAsync())!;
        Assert.True(publish.X + publish.Width <= toolbar.X + toolbar.Width, $"Publish ends at {publish.X + publish.Width}, the toolbar at {toolbar.X + toolbar.Width}.");
        Assert.True(save.X + save.Width <= publish.X, $"Save ends at {save.X + save.Width}, Publish starts at {publish.X}.");
    }

    [Fact]
    public async Task AddingWithEnter_SelectsTheNewNodeOnTheCanvasAndInThePanel()
    {
        var name = await DesignerTestJourneys.CreateSmallAsync(fixture.Server, "enter");
        var designer = await OpenAsync(name, 1600, 900);
        await designer.Node("decision").ClickAsync();
        await Assertions.Expect(designer.Node("decision")).ToHaveAttributeAsync("data-selected", "true");

        await designer.PaletteItem(Journeys.Catalog.NodeTypeIds.PollingWait).FocusAsync();
        await designer.Page.Keyboard.PressAsync("Enter");

        var editor = designer.Page.Locator("[data-testid=journey-editor]");
        await Assertions.Expect(designer.Page.Locator("[data-testid=journey-node][data-node-type=PollingWaitNode]")).ToHaveCountAsync(1);
        var added = await designer.Page.Locator("[data-testid=journey-node][data-node-type=PollingWaitNode]").GetAttributeAsync("data-node-id");
        await Assertions.Expect(editor).ToHaveAttributeAsync("data-selected", added!);
        await Assertions.Expect(designer.Page.Locator("[data-testid=journey-node][data-selected=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(designer.Node(added!)).ToHaveAttributeAsync("data-selected", "true");
        await Assertions.Expect(designer.Node("decision")).ToHaveAttributeAsync("data-selected", "false");
    }

    [Fact]
    public async Task SmallScreen_CollapsesPaletteAndPanel_AndProblemsHaveTheirOwnTab()
    {
        var designer = await OpenAsync("Login", 1280, 720);

        await Assertions.Expect(designer.Page.GetByTestId("palette")).ToHaveCountAsync(0);
        await Assertions.Expect(designer.Page.GetByTestId("side-panel")).ToHaveCountAsync(0);
        var canvas = (await designer.Canvas.BoundingBoxAsync())!;
        Assert.True(canvas.Width >= 1200, $"The canvas is {canvas.Width} px wide.");

        await designer.Page.GetByTestId("toggle-side").ClickAsync();
        await designer.Page.GetByTestId("tab-problems").ClickAsync();
        await Assertions.Expect(designer.Page.GetByTestId("findings")).ToBeVisibleAsync();
        await Assertions.Expect(designer.Page.GetByTestId("property-panel")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task PageNode_LooksSelectedOnlyWhenSelected()
    {
        var designer = await OpenAsync("Login", 1600, 900);
        var page = designer.Page.Locator("[data-testid=journey-node][data-node-type=PageNode]").First;
        var unselected = await page.EvaluateAsync<string>("e => getComputedStyle(e).boxShadow + '|' + getComputedStyle(e).borderColor");

        await page.Locator(".jn-head").ClickAsync();
        await Assertions.Expect(page).ToHaveAttributeAsync("data-selected", "true");
        var selected = await page.EvaluateAsync<string>("e => getComputedStyle(e).boxShadow + '|' + getComputedStyle(e).borderColor");

        Assert.NotEqual(unselected, selected);
    }
}
