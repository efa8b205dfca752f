using System.Net;
using System.Text.Json.Nodes;
using JourneyStudio.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace JourneyStudio.BrowserTests.OpenIdConnect;

/// <summary>The studio's OAuth clients page in Chromium: a client made there signs on at the token endpoint with the secret shown once.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OAuthClientsPageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task NewConfidentialClient_FromTheMenu_ShowsItsSecretOnce_ThatTheTokenEndpointAccepts()
    {
        var clientId = "page-" + Guid.NewGuid().ToString("N")[..8];
        var page = await fixture.NewAdminPageAsync();
        await page.SetViewportSizeAsync(1280, 900);
        await page.GetByRole(AriaRole.Link, new() { Name = "OAuth clients" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "OAuth clients" })).ToBeVisibleAsync();

        await page.ClickAsync("[data-testid=new-oauth-client]");
        await page.FillAsync("input[data-testid=oauth-client-id]", clientId);
        await page.FillAsync("input[data-testid=oauth-client-name]", "Reports back end");
        await page.Locator("input[data-testid=oauth-client-confidential]").CheckAsync();
        await page.FillAsync("textarea[data-testid=oauth-client-redirect-uris]", "https://reports.example.com/signin-oidc#bad");
        await page.ClickAsync("[data-testid=save-oauth-client]");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("expected an absolute http or https URI without a fragment");
        await page.ScreenshotAsync(new() { Path = "/tmp/journeystudio-oauth-client-dialog.png" });

        await page.FillAsync("textarea[data-testid=oauth-client-redirect-uris]", "https://reports.example.com/signin-oidc");
        await page.ClickAsync("[data-testid=save-oauth-client]");
        var value = page.Locator("input[data-testid=oauth-client-secret-value]");
        await Assertions.Expect(value).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^[A-Za-z0-9_-]{43}$"));
        var secret = await value.InputValueAsync();
        await page.ClickAsync("[data-testid=close-oauth-client]");

        var row = page.Locator("tr", new() { Has = page.Locator($"[data-testid=oauth-client-row][data-client-id='{clientId}']") });
        await Assertions.Expect(row.Locator("[data-testid=oauth-client-type]")).ToHaveTextAsync("Confidential");
        Assert.DoesNotContain(secret, await page.ContentAsync());
        await page.ScreenshotAsync(new() { Path = "/tmp/journeystudio-oauth-clients-page.png" });

        using var http = fixture.Server.CreateClient();
        var answer = await http.PostAsync("oauth2/realms/root/realms/alpha/access_token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret,
        }));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.NotNull(JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["access_token"]);
    }
}
