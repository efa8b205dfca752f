using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;

namespace JourneyStudio.Web.Tests.OAuth2;

public sealed partial class OAuth2ProtocolTests
{
    [Fact]
    public async Task Authorize_PromptNoneWithoutSession_RedirectsWithLoginRequiredAndTheSdksDescription()
    {
        var (clientId, _) = await host.CreatePublicClientAsync("none");
        using var browser = await host.BrowserAsync();
        var query = OAuthBrowser.RedirectQuery(await browser.AuthorizeAsync(OAuthBrowser.AuthorizeQuery(clientId, Pkce.New(), extra: [("prompt", "none")])));
        Assert.Equal("login_required", query["error"]);
        // The ForgeRock SDK falls back to a redirect only for descriptions it knows (AM's own).
        Assert.Equal("The request requires some interaction that is not allowed.", query["error_description"]);
        Assert.Equal("st-1", query["state"]);
    }

    [Fact]
    public async Task Authorize_WithoutSession_SendsTheBrowserToTheClientsJourneyAndBack()
    {
        var (clientId, _) = await host.CreatePublicClientAsync("hosted");
        using var browser = await host.BrowserAsync();
        var pkce = Pkce.New();
        var response = await browser.AuthorizeAsync(OAuthBrowser.AuthorizeQuery(clientId, pkce));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var login = new Uri(host.Server.BaseAddress, response.Headers.Location!);
        Assert.Equal("/login", login.AbsolutePath);
        var query = QueryHelpers.ParseQuery(login.Query);
        Assert.Equal("Login", query["journey"].ToString());
        Assert.Equal("alpha", query["realm"].ToString());
        var back = query["goto"].ToString();
        Assert.StartsWith("/oauth2/realms/root/realms/alpha/authorize?", back);

        // The hosted page runs the journey (here over its REST API) and returns to goto: now there is a code.
        await browser.SignOnAsync(await host.CreateUserAsync("hosted"));
        var code = OAuthBrowser.RedirectQuery(await browser.Http.GetAsync(back))["code"];
        Assert.Equal(HttpStatusCode.OK, (await browser.ExchangeAsync(clientId, code, pkce)).Status);
    }

    [Fact]
    public async Task Authorize_AcrValuesOfAnAllowedJourney_NeedsASessionFromThatJourney()
    {
        var (username, clientId, browser) = await SignedOnAsync("acr");
        using var _ = browser;
        var response = await browser.AuthorizeAsync(OAuthBrowser.AuthorizeQuery(clientId, Pkce.New(), extra: [("acr_values", "Login with Push MFA")]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login?", response.Headers.Location!.OriginalString);
        Assert.Equal("Login with Push MFA",
            QueryHelpers.ParseQuery(new Uri(host.Server.BaseAddress, response.Headers.Location!).Query)["journey"].ToString());
        // The same with AM's service parameter; a journey the client may not use is refused, back at the client.
        var service = await browser.AuthorizeAsync(OAuthBrowser.AuthorizeQuery(clientId, Pkce.New(), extra: [("service", "PasswordlessPush")]));
        var refused = OAuthBrowser.RedirectQuery(service);
        Assert.Equal("invalid_request", refused["error"]);
        // A session of the Login journey does for a request without preference: acr names the journey that ran.
        var pkce = Pkce.New();
        var (_, tokens) = await browser.ExchangeAsync(clientId, await browser.CodeAsync(clientId, pkce, "openid", ("acr_values", "Unknown Login")), pkce);
        Assert.Equal("Login", new JsonWebToken((string)tokens["id_token"]!).GetClaim("acr").Value);
        Assert.Equal(username, new JsonWebToken((string)tokens["id_token"]!).Subject);
    }

    [Fact]
    public async Task Authorize_PromptLoginOrMaxAge_ForceANewSignOnThatThenCounts()
    {
        var (username, clientId, browser) = await SignedOnAsync("fresh");
        using var _ = browser;
        foreach (var extra in new[] { ("prompt", "login"), ("max_age", "60") })
        {
            host.Clock.Advance(TimeSpan.FromMinutes(2));
            var pkce = Pkce.New();
            var response = await browser.AuthorizeAsync(OAuthBrowser.AuthorizeQuery(clientId, pkce, extra: [extra]));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var back = QueryHelpers.ParseQuery(new Uri(host.Server.BaseAddress, response.Headers.Location!).Query)["goto"].ToString();
            Assert.DoesNotContain("prompt=login", back);
            // Returning without signing on again does not do.
            var again = await browser.Http.GetAsync(back);
            Assert.StartsWith("/login", again.Headers.Location!.OriginalString);
            await browser.SignOnAsync(username);
            var code = OAuthBrowser.RedirectQuery(await browser.Http.GetAsync(back))["code"];
            var (_, tokens) = await browser.ExchangeAsync(clientId, code, pkce);
            var authTime = DateTimeOffset.FromUnixTimeSeconds(new JsonWebToken((string)tokens["id_token"]!).GetPayloadValue<long>("auth_time"));
            Assert.True(host.Clock.GetUtcNow() - authTime < TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public async Task EndSession_WithIdTokenHint_EndsTheSsoSessionAndReturnsToTheRegisteredUri()
    {
        var (_, clientId, browser) = await SignedOnAsync("endsession");
        using var _ = browser;
        var pkce = Pkce.New();
        var (_, tokens) = await browser.ExchangeAsync(clientId, await browser.CodeAsync(clientId, pkce), pkce);
        var response = await browser.Http.GetAsync($"{OAuth2Server.AlphaPath}/connect/endSession?id_token_hint={tokens["id_token"]}" +
            $"&post_logout_redirect_uri={Uri.EscapeDataString(OAuth2Server.AppOrigin + "/signed-out")}&state=bye");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(OAuth2Server.AppOrigin + "/signed-out?state=bye", response.Headers.Location!.ToString());
        await AssertNoCodeAsync(browser, clientId);
    }

    [Fact]
    public async Task EndSession_UnregisteredPostLogoutUri_ShowsTheErrorPageAndNeverRedirects()
    {
        var (_, clientId, browser) = await SignedOnAsync("endsession-bad");
        using var _ = browser;
        var response = await browser.Http.GetAsync($"{OAuth2Server.AlphaPath}/connect/endSession?client_id={clientId}" +
            $"&post_logout_redirect_uri={Uri.EscapeDataString("https://attacker.example/")}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task AmLogout_EndsTheSsoSession_ThenAuthorizeYieldsNoCode()
    {
        var (_, clientId, browser) = await SignedOnAsync("amlogout");
        using var _ = browser;
        await browser.CodeAsync(clientId, Pkce.New());
        using var logout = new HttpRequestMessage(HttpMethod.Post, "json/realms/root/realms/alpha/sessions/?_action=logout")
        {
            Content = new StringContent("", System.Text.Encoding.UTF8, "application/json"),
        };
        logout.Headers.Add("Accept-API-Version", "protocol=1.0,resource=2.0");
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.SendAsync(logout)).StatusCode);
        await AssertNoCodeAsync(browser, clientId);
    }

    private static async Task AssertNoCodeAsync(OAuthBrowser browser, string clientId)
    {
        var query = OAuthBrowser.RedirectQuery(await browser.AuthorizeAsync(OAuthBrowser.AuthorizeQuery(clientId, Pkce.New(), extra: [("prompt", "none")])));
        Assert.Equal("login_required", query["error"]);
        Assert.False(query.ContainsKey("code"));
    }

    [Fact]
    public async Task Refresh_RotatesTheRefreshToken_AndTheOldOneIsSpent()
    {
        var (_, clientId, browser) = await SignedOnAsync("rotate");
        using var _ = browser;
        var pkce = Pkce.New();
        var (_, tokens) = await browser.ExchangeAsync(clientId, await browser.CodeAsync(clientId, pkce, "openid offline_access"), pkce);
        var first = (string)tokens["refresh_token"]!;
        var (status, refreshed) = await browser.TokenAsync(("grant_type", "refresh_token"), ("client_id", clientId), ("refresh_token", first));
        Assert.Equal(HttpStatusCode.OK, status);
        var second = (string)refreshed["refresh_token"]!;
        Assert.NotEqual(first, second);
        host.Clock.Advance(TimeSpan.FromMinutes(1)); // past OpenIddict's reuse leeway
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.TokenAsync(("grant_type", "refresh_token"), ("client_id", clientId), ("refresh_token", first))).Status);
    }

    [Theory]
    [InlineData("disable")]
    [InlineData("delete")]
    [InlineData("password")]
    public async Task Refresh_AfterTheUserChanged_IsInvalidGrant(string change)
    {
        var (username, clientId, browser) = await SignedOnAsync("acct-" + change[..3]);
        using var _ = browser;
        var pkce = Pkce.New();
        var (_, tokens) = await browser.ExchangeAsync(clientId, await browser.CodeAsync(clientId, pkce, "openid offline_access"), pkce);
        var (status, text) = change switch
        {
            "disable" => await host.AdminAsync(HttpMethod.Put, $"identities/{username}", new JsonObject { ["active"] = false }),
            "delete" => await host.AdminAsync(HttpMethod.Delete, $"identities/{username}"),
            _ => await host.AdminAsync(HttpMethod.Put, $"identities/{username}", new JsonObject { ["password"] = "A-new-password-42" }),
        };
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.NoContent, text);
        var (refresh, body) = await browser.TokenAsync(("grant_type", "refresh_token"), ("client_id", clientId), ("refresh_token", (string)tokens["refresh_token"]!));
        Assert.Equal(HttpStatusCode.BadRequest, refresh);
        Assert.Equal("invalid_grant", (string)body["error"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.UserInfoAsync((string)tokens["access_token"]!)).Status);
    }

    [Fact]
    public async Task Refresh_OfADisabledUserWhoseGrantsSurvived_IsRefusedAtTheTokenEndpoint()
    {
        // Even a grant the revocation missed (e.g. an identity disabled straight in the database) gets no new token.
        var (username, clientId, browser) = await SignedOnAsync("direct");
        using var _ = browser;
        var pkce = Pkce.New();
        var (_, tokens) = await browser.ExchangeAsync(clientId, await browser.CodeAsync(clientId, pkce, "openid offline_access"), pkce);
        var factory = host.Server.Services.GetService(typeof(Microsoft.EntityFrameworkCore.IDbContextFactory<Runtime.Persistence.JourneyStudioDbContext>))
            as Microsoft.EntityFrameworkCore.IDbContextFactory<Runtime.Persistence.JourneyStudioDbContext>;
        await using (var db = await factory!.CreateDbContextAsync())
            await db.Identities.Where(i => i.Username == username).ExecuteUpdateAsync(s => s.SetProperty(i => i.Active, false));
        var (refresh, body) = await browser.TokenAsync(("grant_type", "refresh_token"), ("client_id", clientId), ("refresh_token", (string)tokens["refresh_token"]!));
        Assert.Equal(HttpStatusCode.BadRequest, refresh);
        Assert.Equal("The user is no longer allowed to sign on.", (string)body["error_description"]!);
    }
}
