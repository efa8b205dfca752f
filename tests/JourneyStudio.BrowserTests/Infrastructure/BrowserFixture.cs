using JourneyStudio.Testing;
using Microsoft.Playwright;

namespace JourneyStudio.BrowserTests.Infrastructure;

/// <summary>
/// One studio server and one headless Debian Chromium for the whole browser-test collection; each test
/// gets its own browser context (fresh cookies, its own Blazor circuit).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public StudioServer Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium was not found at {ChromiumPath}. Run tests/run.sh (it installs Debian's chromium) or set CHROMIUM_PATH.");
        Server = StudioServer.Start();
        _playwright = await Playwright.CreateAsync();
        // Expectations wait as long as actions do: on a loaded 2-core machine a page's first render can take over 5 s.
        Assertions.SetDefaultExpectTimeout(15_000);
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Without the background-networking flags Chromium keeps dialling out, which this closed network refuses.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>A new browser context signed in to the studio as the fixture's admin.</summary>
    public async Task<IPage> NewAdminPageAsync()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/admin/login");
        await page.FillAsync("#username", StudioServer.AdminUsername);
        await page.FillAsync("#password", StudioServer.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/admin/login"));
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
