using System.Net;
using System.Text.Json.Nodes;
using JourneyStudio.BrowserTests.Infrastructure;
using JourneyStudio.Testing;
using Microsoft.Playwright;

namespace JourneyStudio.BrowserTests.Deployment;

/// <summary>Two studio processes on one PostgreSQL database behind nginx (<see cref="ProxiedStudios"/>) and one headless Chromium.</summary>
public sealed class ProxiedBrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public ProxiedStudios Studios { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Without nginx the tests are skipped outside CI (ReverseProxyFact), so nothing is started; in CI they fail with this.
        if (NginxProxy.Unavailable is { } missing)
        {
            if (NginxProxy.InCi) throw new InvalidOperationException(missing);
            return;
        }
        if (!File.Exists(BrowserFixture.ChromiumPath))
            throw new InvalidOperationException($"Chromium was not found at {BrowserFixture.ChromiumPath}. Run tests/run.sh (it installs Debian's chromium) or set CHROMIUM_PATH.");
        Studios = await ProxiedStudios.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A new browser (its own cookies) on the proxy's address, recording which instance answered each of its requests.</summary>
    public async Task<(IPage Page, ServedByLog Served)> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Studios.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        context.SetDefaultTimeout(20_000);
        var served = new ServedByLog();
        context.Response += (_, response) =>
        {
            if (response.Headers.TryGetValue(NginxProxy.ServedByHeader.ToLowerInvariant(), out var upstream))
                served.Add(new Uri(response.Url).AbsolutePath, Studios.InstanceAt(upstream));
        };
        return (await context.NewPageAsync(), served);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (Studios is not null) await Studios.DisposeAsync();
    }
}

/// <summary>
/// A browser through the proxy: the hosted sign-on pages and the virtual authenticator are static pages over the
/// round-robin APIs, so one sign-on's requests land on both instances; the studio's pages and Blazor circuit stay on
/// one instance (the proxy's route cookie).
/// </summary>
public sealed class ProxiedBrowserTests(ProxiedBrowserFixture fixture) : IClassFixture<ProxiedBrowserFixture>
{
    /// <summary>Four studio processes and two browsers may run at once here; the circuit's first drawing takes longer than Expect's 5 s default.</summary>
    internal static readonly LocatorAssertionsToBeVisibleOptions Slow = new() { Timeout = 30_000 };

    private const string Journey = "Login with Push MFA";
    private const string Password = "Proxied-sign-on-1";

    [ReverseProxyFact]
    public async Task HostedPushSignOn_WithTheVirtualAuthenticator_ThroughTheProxy_LandsOnBothInstances()
    {
        var username = "proxied-" + Guid.NewGuid().ToString("N")[..8];
        await CreateUserAsync(username);
        var (page, served) = await fixture.NewPageAsync();

        await page.GotoAsync("/login?journey=" + Uri.EscapeDataString(Journey));
        await page.Locator("#card input[type=text]").First.FillAsync(username);
        await page.Locator("#card input[type=password]").First.FillAsync(Password);
        await page.Locator("#card button[type=submit]").ClickAsync();

        // No device yet: "get the app" first, then the QR step.
        await page.Locator("#card").GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        var registerLink = page.GetByTestId("open-virtual-authenticator");
        await Assertions.Expect(page.GetByTestId("qr-code")).ToBeVisibleAsync(Slow);

        var authenticator = await page.Context.RunAndWaitForPageAsync(() => registerLink.ClickAsync());
        Assert.StartsWith(fixture.Studios.BaseAddress.ToString(), authenticator.Url);
        await Assertions.Expect(authenticator.GetByTestId("account")).ToContainTextAsync(username, new() { Timeout = 30_000 });

        await Assertions.Expect(page.GetByTestId("recovery-codes")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        var number = page.GetByTestId("challenge-number");
        await Assertions.Expect(number).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9]{2}$"), new() { Timeout = 30_000 });
        var shown = (await number.TextContentAsync())!.Trim();
        var notification = authenticator.GetByTestId("notification").First;
        await Assertions.Expect(notification.GetByTestId($"number-{shown}")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await notification.GetByTestId($"number-{shown}").ClickAsync();
        await Assertions.Expect(notification.GetByTestId("notification-result")).ToHaveTextAsync($"Sent {shown}", new() { Timeout = 30_000 });

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync(username, new() { Timeout = 30_000 });

        var both = new HashSet<StudioInstance> { fixture.Studios.A, fixture.Studios.B };
        Assert.True(both.SetEquals(served.InstancesFor("/json/realms/root/realms/alpha/authenticate")), "Sign-on steps: " + served);
        Assert.True(both.SetEquals(served.InstancesFor("/virtual-authenticator/")), "Virtual authenticator: " + served);
    }

    [ReverseProxyFact]
    public async Task TheStudio_ThroughTheProxy_KeepsOneBrowsersPagesAndCircuitOnOneInstance()
    {
        // The list is drawn over the circuit (no prerendering): it shows only when /_blazor works through the proxy.
        var (page, served) = await SignedInStudioAsync(fixture);
        var preview = page.Locator("tr", new() { Has = page.Locator("[data-testid=journey-row][data-journey='Login']") }).Locator("[data-testid=preview-url]");
        await Assertions.Expect(preview).ToHaveTextAsync($"{fixture.Studios.BaseAddress}login?journey=Login", new() { Timeout = 20_000 });
        await page.GetByRole(AriaRole.Link, new() { Name = "Identities" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/identities");

        Assert.NotEmpty(served.InstancesFor("/_blazor"));
        var sticky = served.Entries.Where(e => !e.Path.StartsWith("/assets/", StringComparison.Ordinal)).Select(e => e.Instance).ToHashSet();
        Assert.True(sticky.Count == 1, "One browser's studio requests: " + served);
    }

    /// <summary>The admin's studio in a new browser through the proxy, signed in and showing the journey list (drawn over the circuit).</summary>
    internal static async Task<(IPage Page, ServedByLog Served)> SignedInStudioAsync(ProxiedBrowserFixture fixture)
    {
        var (page, served) = await fixture.NewPageAsync();
        await page.GotoAsync("/admin/login");
        await page.FillAsync("#username", StudioServer.AdminUsername);
        await page.FillAsync("#password", StudioServer.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/admin/login"));
        await Assertions.Expect(page.Locator("[data-testid=journey-row][data-journey='Login']")).ToBeVisibleAsync(Slow);
        return (page, served);
    }

    private async Task CreateUserAsync(string username)
    {
        using var http = fixture.Studios.CreateClient();
        using var request = ProxiedStudios.AdminRequest(HttpMethod.Post, "identities", new JsonObject
        {
            ["username"] = username, ["password"] = Password, ["givenName"] = "Pat", ["sn"] = "Proxy", ["mail"] = username + "@example.com",
        }.ToJsonString());
        using var response = await http.SendAsync(request);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}

/// <summary>
/// The instance that holds a studio browser's circuit dies (SIGKILL): the proxy moves that browser to the other
/// instance, where a reload finds the admin still signed in (the sign-in cookie is protected by the shared key ring).
/// Its own deployment, since it kills an instance.
/// </summary>
public sealed class ProxiedStudioFailoverTests(ProxiedBrowserFixture fixture) : IClassFixture<ProxiedBrowserFixture>
{
    [ReverseProxyFact]
    public async Task TheInstanceOfAStudioBrowser_Killed_AReloadContinuesOnTheOther_StillSignedIn()
    {
        var (page, served) = await ProxiedBrowserTests.SignedInStudioAsync(fixture);
        var holder = Assert.Single(served.InstancesFor("/_blazor"));
        var other = holder == fixture.Studios.A ? fixture.Studios.B : fixture.Studios.A;
        var before = served.Entries.Count;

        await holder.KillAsync();
        await page.ReloadAsync();

        await Assertions.Expect(page.Locator("[data-testid=journey-row][data-journey='Login']")).ToBeVisibleAsync(ProxiedBrowserTests.Slow);
        Assert.DoesNotContain("/admin/login", page.Url);
        // /assets/ is round robin (and may come from the browser's cache, with the headers of its first answer).
        var after = served.Entries.Skip(before).Where(e => !e.Path.StartsWith("/assets/", StringComparison.Ordinal)).ToList();
        Assert.Contains(after, e => e.Path.StartsWith("/_blazor", StringComparison.Ordinal));
        Assert.All(after, e => Assert.Equal(other, e.Instance));
    }
}
