using JourneyStudio.BrowserTests.Infrastructure;
using JourneyStudio.Runtime.Administration;
using JourneyStudio.Runtime.Audit;
using JourneyStudio.Runtime.Scripts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace JourneyStudio.BrowserTests.Scripts;

/// <summary>
/// The Scripts page in Chromium: Monaco (served from the BlazorMonaco package) loads under the studio's CSP without a
/// request leaving loopback, takes typing, saves a new revision and refuses JavaScript that does not parse.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScriptsPageTests(BrowserFixture fixture)
{
    private const string CountId = "9d2f4a61-3c7e-4b1a-a0d5-6e8b2c4f1a03";

    /// <summary>Where the screenshots go for people to look at (the task's folder when it exists, else the temp folder).</summary>
    private static string Shot(string name)
    {
        var folder = Directory.Exists("/work/helpers/s17/shots") ? "/work/helpers/s17/shots" : Path.GetTempPath();
        return Path.Combine(folder, name);
    }

    private async Task ImportScriptsAsync()
    {
        var export = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "ScriptExports", "StudioScripts.journeys.json"));
        var result = await fixture.Server.Services.GetRequiredService<JourneyAdminService>().ImportAsync(export, AuditActor.Studio("importer", null));
        Assert.IsType<JourneyImportResult.Imported>(result);
    }

    [Fact]
    public async Task EditAnImportedScriptInMonaco_SaveAddsARevision_AndASyntaxErrorIsRefusedWithItsLineMarked()
    {
        await ImportScriptsAsync();
        var store = fixture.Server.Services.GetRequiredService<ScriptStore>();
        var revisionBefore = (await store.FindAsync(CountId))!.Revision;
        var page = await fixture.NewAdminPageAsync();
        var requests = new List<string>();
        var problems = new List<string>();
        page.Context.Request += (_, request) => { lock (requests) requests.Add(request.Url); };
        page.Console += (_, message) => { if (message.Type is "error" or "warning") lock (problems) problems.Add(message.Text); };
        page.PageError += (_, error) => { lock (problems) problems.Add(error); };

        await page.GetByTestId("nav-scripts").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/scripts"));
        var row = page.Locator($"[data-testid=script-row][data-script-id='{CountId}']");
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("tr", new() { Has = row }).GetByTestId("script-used-by")).ToHaveTextAsync("3 nodes, 2 journeys");
        await page.SetViewportSizeAsync(1280, 720);
        await page.ScreenshotAsync(new() { Path = Shot("scripts-list-1280x720.png") });
        await page.SetViewportSizeAsync(1920, 1080);
        await page.ScreenshotAsync(new() { Path = Shot("scripts-list-1920x1080.png") });

        await row.GetByTestId("script-name").ClickAsync();
        await Assertions.Expect(page.GetByTestId("script-editor")).ToHaveAttributeAsync("data-ready", "true");
        var editor = page.Locator("#script-source-editor > .monaco-editor");
        await Assertions.Expect(editor).ToBeVisibleAsync();
        // Syntax highlighting: Monaco's tokenizer gives keywords their own class.
        await Assertions.Expect(editor.Locator(".view-lines .mtk8, .view-lines .mtk6").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("script-current-revision")).ToHaveAttributeAsync("data-revision", revisionBefore.ToString());

        // Type at the end of the text, as an admin would.
        await editor.Locator(".view-lines").ClickAsync();
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("// edited in the browser");
        await Assertions.Expect(page.GetByTestId("script-unsaved")).ToBeVisibleAsync();
        await page.GetByTestId("save-script").ClickAsync();

        await Assertions.Expect(page.GetByTestId("script-current-revision")).ToHaveAttributeAsync("data-revision", (revisionBefore + 1).ToString());
        var saved = (await store.FindAsync(CountId))!;
        Assert.Equal(revisionBefore + 1, saved.Revision);
        Assert.EndsWith("// edited in the browser", saved.Script.Source.TrimEnd());
        await Assertions.Expect(page.Locator($"[data-testid=script-version][data-revision='{revisionBefore + 1}']")).ToBeVisibleAsync();
        await page.SetViewportSizeAsync(1280, 720);
        await page.ScreenshotAsync(new() { Path = Shot("script-editor-1280x720.png") });

        // Now a line that is not JavaScript, saved with Ctrl+S in the editor.
        await editor.Locator(".view-lines").ClickAsync();
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("var = 1;");
        await page.Keyboard.PressAsync("Control+s");

        var error = page.GetByTestId("script-syntax-error");
        await Assertions.Expect(error).ToBeVisibleAsync();
        var line = await page.EvaluateAsync<int>(
            "() => monaco.editor.getModels().map(m => m.getLinesContent()).find(l => l.some(x => x.includes('var = 1;'))).findIndex(x => x.includes('var = 1;')) + 1");
        await Assertions.Expect(error).ToContainTextAsync($"not valid JavaScript at line {line}, column");
        await Assertions.Expect(editor.Locator(".script-error-line")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("script-current-revision")).ToHaveAttributeAsync("data-revision", (revisionBefore + 1).ToString());
        Assert.Equal(revisionBefore + 1, (await store.FindAsync(CountId))!.Revision);
        await page.ScreenshotAsync(new() { Path = Shot("script-editor-error-1280x720.png") });
        await page.SetViewportSizeAsync(1920, 1080);
        await page.ScreenshotAsync(new() { Path = Shot("script-editor-error-1920x1080.png") });

        var origin = fixture.Server.BaseAddress.GetLeftPart(UriPartial.Authority);
        lock (requests) Assert.All(requests, url => Assert.True(url.StartsWith(origin, StringComparison.Ordinal) || url.StartsWith("blob:", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal), url));
        lock (requests) Assert.Contains(requests, url => url.Contains("/_content/BlazorMonaco/lib/monaco-editor/min/vs/editor/editor.main.js"));
        lock (problems) Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
