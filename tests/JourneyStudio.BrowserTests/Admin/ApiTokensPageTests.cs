using System.Net;
using System.Net.Http.Headers;
using JourneyStudio.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace JourneyStudio.BrowserTests.Admin;

/// <summary>The API tokens page and the app bar's sign-out, in Chromium against the real studio.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiTokensPageTests(BrowserFixture fixture)
{
    private async Task<HttpStatusCode> ListJourneysWithAsync(string token)
    {
        using var http = fixture.Server.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await http.GetAsync("/admin/api/journeys")).StatusCode;
    }

    [Fact]
    public async Task NewToken_IsShownOnce_WorksOverHttp_ShowsItsLastUse_AndStopsWorkingWhenRevoked()
    {
        var page = await fixture.NewAdminPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "API tokens" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "API tokens" })).ToBeVisibleAsync();

        await page.ClickAsync("[data-testid=new-api-token]");
        await page.FillAsync("input[data-testid=api-token-name]", "browser pipeline");
        await page.ClickAsync("[data-testid=create-api-token]");
        var value = page.Locator("input[data-testid=api-token-value]");
        await Assertions.Expect(value).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^jst_[A-Za-z0-9_-]{43}$"));
        var token = await value.InputValueAsync();
        await page.SetViewportSizeAsync(1280, 720);
        await page.ScreenshotAsync(new() { Path = "/tmp/journeystudio-api-token-created.png" });
        await page.ClickAsync("[data-testid=close-api-token]");

        var row = page.Locator("tr", new() { Has = page.Locator("[data-testid=api-token-row][data-name='browser pipeline']") });
        await Assertions.Expect(row.Locator("[data-testid=api-token-state]")).ToHaveTextAsync("Active");
        await Assertions.Expect(row.Locator("[data-testid=api-token-last-used]")).ToHaveTextAsync("never");
        // Shown once: the list (and the page's markup) never carries the token again.
        Assert.DoesNotContain(token, await page.ContentAsync());

        Assert.Equal(HttpStatusCode.OK, await ListJourneysWithAsync(token));
        await page.ReloadAsync();
        await Assertions.Expect(row.Locator("[data-testid=api-token-last-used]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{4}-\d\d-\d\d \d\d:\d\d UTC$"));
        await page.ScreenshotAsync(new() { Path = "/tmp/journeystudio-api-tokens-page.png" });

        await row.Locator("[data-testid=revoke-api-token]").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(row.Locator("[data-testid=api-token-state]")).ToContainTextAsync("Revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, await ListJourneysWithAsync(token));
    }

    [Fact]
    public async Task SignOut_InTheAdminMenu_NamesTheAdmin_AndSignsOut()
    {
        var page = await fixture.NewAdminPageAsync();
        await Assertions.Expect(page.Locator("[data-testid=signed-in-admin]")).ToHaveTextAsync(Testing.StudioServer.AdminUsername);

        await page.ClickAsync("[data-testid=signed-in-admin] button");
        await Assertions.Expect(page.Locator("[data-testid=admin-menu-name]")).ToHaveTextAsync(Testing.StudioServer.AdminUsername);
        await page.ClickAsync("[data-testid=sign-out]");

        await page.WaitForURLAsync(url => url.Contains("/admin/login"));
        await page.GotoAsync("/identities");
        await page.WaitForURLAsync(url => url.Contains("/admin/login"));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }
}
