using System.Net.Http.Json;
using System.Text;
using JourneyStudio.BrowserTests.Designer;
using JourneyStudio.BrowserTests.Infrastructure;
using JourneyStudio.Testing;
using Microsoft.Playwright;

namespace JourneyStudio.BrowserTests.Production;

/// <summary>
/// The studio as an operator runs it: the program from its build output (what <c>dotnet run</c> starts), in a
/// working directory of its own, in the Production environment. Everything a browser loads must be there and
/// nothing may be blocked by the content security policy.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ProductionStudioTests(BrowserFixture fixture) : IAsyncLifetime
{
    private const string AdminPassword = "Production-admin-1";

    private readonly string _work = Directory.CreateTempSubdirectory("journeystudio-production-").FullName;
    private StudioProcess _studio = null!;
    private Uri _baseAddress = null!;

    public async Task InitializeAsync()
    {
        _studio = StudioProcess.StartDll(StudioProcess.BuildOutputDll, _work, new Dictionary<string, string>
        {
            ["JourneyStudio__DataDirectory"] = Path.Combine(_work, "data"),
            ["JourneyStudio__Admin__Password"] = AdminPassword,
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        }, ownedDirectory: _work);
        _baseAddress = await _studio.WaitForListeningAsync(TimeSpan.FromMinutes(2));
        await _studio.WaitForLineAsync(l => l.Trim() == "Hosting environment: Production", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task FromBuildOutput_AdminSignsInAndOpensAShippedJourneyInTheDesigner_EndUserSignsOn_NothingBlocked()
    {
        var (page, problems) = await NewWatchedPageAsync();

        await page.GotoAsync("/admin/login");
        await page.FillAsync("#username", "admin");
        await page.FillAsync("#password", AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/admin/login"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Journeys", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("journey-row")).ToHaveCountAsync(11);
        await page.ScreenshotAsync(new() { Path = "/tmp/journeystudio-production-journeys.png" });
        await page.GotoAsync("/identities");
        await Assertions.Expect(page.GetByTestId("identity-table")).ToBeVisibleAsync();
        await page.GotoAsync("/services");
        await Assertions.Expect(page.GetByTestId("push-notification-service")).ToBeVisibleAsync();
        await page.GotoAsync("/");

        await page.Locator("[data-testid=journey-row][data-journey='Login'] [data-testid=journey-name]").ClickAsync();
        var designer = new DesignerPage(page);
        await designer.WaitUntilDrawnAsync();
        await Assertions.Expect(page.Locator("[data-testid=journey-node]")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".diagram-link path").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = "/tmp/journeystudio-production-designer.png" });

        // The hosted pages under the same policy: an end user signs on through the shipped Login journey.
        await CreateUserAsync("pat", "Pat-password-1");
        var (endUser, endUserProblems) = await NewWatchedPageAsync();
        await endUser.GotoAsync("/login?journey=Login");
        await endUser.GetByLabel("Username").FillAsync("pat");
        await endUser.GetByLabel("Password").FillAsync("Pat-password-1");
        await endUser.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await endUser.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account");
        await Assertions.Expect(endUser.GetByTestId("profile-username")).ToHaveTextAsync("pat");
        await endUser.GotoAsync("/authenticator");
        await Assertions.Expect(endUser.GetByRole(AriaRole.Heading).First).ToBeVisibleAsync();

        Assert.Empty(await problems());
        Assert.Empty(await endUserProblems());
    }

    /// <summary>A page whose console errors, failed responses and CSP violations are collected.</summary>
    private async Task<(IPage Page, Func<Task<IReadOnlyList<string>>> Problems)> NewWatchedPageAsync()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 720 },
        });
        context.SetDefaultTimeout(20_000);
        var problems = new List<string>();
        await context.AddInitScriptAsync("""
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
            """);
        var page = await context.NewPageAsync();
        page.Console += (_, message) => { if (message.Type == "error") lock (problems) problems.Add("console: " + message.Text); };
        page.PageError += (_, error) => { lock (problems) problems.Add("page error: " + error); };
        page.Response += (_, response) => { if (response.Status >= 400) lock (problems) problems.Add($"{response.Status} {response.Url}"); };
        return (page, async () =>
        {
            var violations = await page.EvaluateAsync<string[]>("() => window.__cspViolations");
            lock (problems) return [.. problems, .. violations.Select(v => "CSP: " + v)];
        });
    }

    private async Task CreateUserAsync(string username, string password)
    {
        using var http = new HttpClient { BaseAddress = _baseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "admin/api/identities")
        {
            Content = JsonContent.Create(new { username, password, givenName = "Pat", sn = "Lee", mail = "pat@example.com" }),
        };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + AdminPassword)));
        var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public async Task DisposeAsync() => await _studio.DisposeAsync();
}
