using Microsoft.Playwright;

namespace JourneyStudio.BrowserTests.Designer;

/// <summary>The designer as a test drives it: locators by data-testid / data-node-id / data-outcome, and gestures.</summary>
internal sealed class DesignerPage(IPage page)
{
    public IPage Page { get; } = page;

    public static async Task<DesignerPage> OpenAsync(IPage page, string journeyName)
    {
        await page.GotoAsync($"/journeys/{Uri.EscapeDataString(journeyName)}/edit");
        var designer = new DesignerPage(page);
        await designer.WaitUntilDrawnAsync();
        return designer;
    }

    public ILocator Canvas => Page.Locator("[data-testid=canvas]");

    public ILocator Node(string nodeId) => Page.Locator($"[data-testid=journey-node][data-node-id='{nodeId}']");

    public ILocator OutcomePort(string nodeId, string outcome) => Node(nodeId).Locator($"[data-outcome='{outcome}'] .diagram-port");

    public ILocator InputPort(string nodeId) => Node(nodeId).Locator(".jn-in");

    public ILocator PaletteItem(string typeId) => Page.Locator($"[data-testid=palette-item][data-node-type='{typeId}']");

    /// <summary>Waits until the canvas is interactive: the editor says every node and port is measured, and links have paths.</summary>
    public async Task WaitUntilDrawnAsync()
    {
        await Page.Locator("[data-testid=journey-editor][data-ready=true]").WaitForAsync();
        await Page.Locator(".diagram-port").First.WaitForAsync();
        await Page.WaitForFunctionAsync("() => [...document.querySelectorAll('.diagram-link path')].every(p => (p.getAttribute('d') || '').length > 0)");
        await Page.WaitForTimeoutAsync(300);
    }

    /// <summary>Drops a palette type at a point of the canvas (relative to the canvas' top left corner).</summary>
    public async Task DropFromPaletteAsync(string typeId, float x, float y)
    {
        await PaletteItem(typeId).DragToAsync(Canvas, new LocatorDragToOptions { TargetPosition = new TargetPosition { X = x, Y = y } });
    }

    public async Task DropFromPaletteOntoAsync(string typeId, ILocator target)
    {
        var box = (await target.BoundingBoxAsync())!;
        var canvas = (await Canvas.BoundingBoxAsync())!;
        await DropFromPaletteAsync(typeId, box.X - canvas.X + box.Width / 2, box.Y - canvas.Y + box.Height / 2);
    }

    /// <summary>Drags with the mouse from the centre of one element to the centre of another, in small steps.</summary>
    public async Task DragAsync(ILocator from, ILocator to)
    {
        var a = (await from.BoundingBoxAsync())!;
        var b = (await to.BoundingBoxAsync())!;
        await Page.Mouse.MoveAsync(a.X + a.Width / 2, a.Y + a.Height / 2);
        await Page.Mouse.DownAsync();
        await Page.Mouse.MoveAsync(b.X + b.Width / 2, b.Y + b.Height / 2, new MouseMoveOptions { Steps = 15 });
        await Page.Mouse.UpAsync();
    }

    public Task ConnectAsync(string sourceId, string outcome, string targetId) => DragAsync(OutcomePort(sourceId, outcome), InputPort(targetId));

    public async Task ScreenshotAsync(string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = $"/tmp/{name}.png" });
}
