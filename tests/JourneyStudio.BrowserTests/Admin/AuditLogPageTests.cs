using System.Net.Http.Headers;
using System.Text;
using JourneyStudio.BrowserTests.Infrastructure;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace JourneyStudio.BrowserTests.Admin;

[Collection(BrowserCollection.Name)]
public sealed class AuditLogPageTests(BrowserFixture fixture)
{
    private const string Journey = "Audited in the browser";

    /// <summary>A few admin API calls, so the log also shows the API channel and a refused attempt.</summary>
    private async Task ActThroughTheApiAsync()
    {
        using var api = fixture.Server.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{StudioServer.AdminUsername}:{StudioServer.AdminPassword}")));
        using var json = new StringContent("""{"username": "audit.browser", "password": "Browser-audit-1", "mail": "audit@example.com"}""", Encoding.UTF8, "application/json");
        (await api.PostAsync("/admin/api/identities", json)).EnsureSuccessStatusCode();
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await api.DeleteJsonAsync("/admin/api/journeys/No%20such%20journey")).StatusCode);
    }

    [Fact]
    public async Task DisablingAJourneyInTheStudio_IsListedInTheAuditLog_WithWhoWhatAndWhere()
    {
        await fixture.Server.Services.GetRequiredService<JourneyStore>()
            .CreateAsync(new Journey { Name = Journey, EntryNodeId = StaticNodeIds.Success }, "test");
        await ActThroughTheApiAsync();
        var page = await fixture.NewAdminPageAsync();
        var journeyRow = page.Locator("tr", new() { Has = page.Locator($"[data-testid=journey-row][data-journey='{Journey}']") });
        await Assertions.Expect(journeyRow).ToBeVisibleAsync();

        await journeyRow.Locator("[data-testid=toggle-enabled]").ClickAsync();
        await Assertions.Expect(journeyRow.Locator("[data-testid=enabled-state]")).ToHaveTextAsync("Disabled");
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit log" })).ToBeVisibleAsync();
        var entry = page.Locator("tr", new() { Has = page.Locator("[data-testid=audit-target-name]", new() { HasTextString = Journey }) });
        await Assertions.Expect(entry).ToHaveCountAsync(1);
        await Assertions.Expect(entry.Locator("[data-testid=audit-action-name]")).ToHaveTextAsync("journey.settings");
        await Assertions.Expect(entry.Locator("[data-testid=audit-actor-name]")).ToHaveTextAsync(StudioServer.AdminUsername);
        await Assertions.Expect(entry).ToContainTextAsync("studio");
        await Assertions.Expect(entry).ToContainTextAsync("127.0.0.1");
        await Assertions.Expect(entry).ToContainTextAsync("1 → 2");
        await Assertions.Expect(entry.Locator("[data-testid=audit-detail]")).ToHaveTextAsync("disabled");
        // Newest first: the studio's action is above the API calls made before it.
        await Assertions.Expect(page.Locator("[data-testid=audit-row]").First).ToHaveAttributeAsync("data-action", "journey.settings");

        // The Journeys page's notice would cover the page's top right corner in the pictures.
        foreach (var close in await page.Locator(".mud-snackbar button").AllAsync()) await close.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0);
        foreach (var (width, height) in new[] { (1280, 720), (1920, 1080) })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.ScreenshotAsync(new() { Path = $"/tmp/journeystudio-audit-log-{width}x{height}.png" });
        }
    }
}
