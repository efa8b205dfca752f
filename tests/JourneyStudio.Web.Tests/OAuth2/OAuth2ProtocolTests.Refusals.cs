using System.Net;
using System.Text.Json.Nodes;

namespace JourneyStudio.Web.Tests.OAuth2;

public sealed partial class OAuth2ProtocolTests
{
    [Fact]
    public async Task Token_WrongPkceVerifier_IsInvalidGrant()
    {
        var (_, clientId, browser) = await SignedOnAsync("pkce");
        using var _ = browser;
        var pkce = Pkce.New();
        var code = await browser.CodeAsync(clientId, pkce);
        var (status, body) = await browser.ExchangeAsync(clientId, code, Pkce.New());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", (string)body["error"]!);
    }

    [Fact]
    public async Task Token_MissingPkceVerifier_IsRefused()
    {
        var (_, clientId, browser) = await SignedOnAsync("nopkce");
        using var _ = browser;
        var code = await browser.CodeAsync(clientId, Pkce.New());
        var (status, body) = await browser.ExchangeAsync(clientId, code, pkce: null);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains((string)body["error"]!, new[] { "invalid_grant", "invalid_request" });
    }

    [Fact]
    public async Task Authorize_PublicClientWithoutPkce_IsRefusedWithoutACode()
    {
        var (_, clientId, browser) = await SignedOnAsync("needpkce");
        using var _ = browser;
        await AssertErrorPageAsync(await browser.AuthorizeAsync(OAuthBrowser.AuthorizeQuery(clientId, pkce: null)), "invalid_request");
    }

    /// <summary>OpenIddict checks request parameters before the client's redirect URI, so such refusals are the error page.</summary>
    private static async Task AssertErrorPageAsync(HttpResponseMessage response, string error)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains($"<code data-testid=\"oauth-error-code\">{error}</code>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Authorize_PlainCodeChallengeMethod_IsRefused()
    {
        var (_, clientId, browser) = await SignedOnAsync("plain");
        using var _ = browser;
        await AssertErrorPageAsync(await browser.AuthorizeAsync(
            OAuthBrowser.AuthorizeQuery(clientId, pkce: null, extra: [("code_challenge", "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq"), ("code_challenge_method", "plain")])),
            "invalid_request");
    }

    [Fact]
    public async Task Token_CodeUsedTwice_IsInvalidGrantAndRevokesWhatTheFirstGave()
    {
        var (_, clientId, browser) = await SignedOnAsync("reuse");
        using var _ = browser;
        var pkce = Pkce.New();
        var code = await browser.CodeAsync(clientId, pkce, "openid offline_access");
        var (first, tokens) = await browser.ExchangeAsync(clientId, code, pkce);
        Assert.Equal(HttpStatusCode.OK, first);
        var (second, body) = await browser.ExchangeAsync(clientId, code, pkce);
        Assert.Equal(HttpStatusCode.BadRequest, second);
        Assert.Equal("invalid_grant", (string)body["error"]!);
        // A replayed code means it leaked: what it gave is withdrawn too (RFC 6749 4.1.2).
        var (refresh, _) = await browser.TokenAsync(("grant_type", "refresh_token"), ("client_id", clientId), ("refresh_token", (string)tokens["refresh_token"]!));
        Assert.Equal(HttpStatusCode.BadRequest, refresh);
    }

    [Fact]
    public async Task Token_ExpiredCode_IsInvalidGrant()
    {
        var (_, clientId, browser) = await SignedOnAsync("expired");
        using var _ = browser;
        var pkce = Pkce.New();
        var code = await browser.CodeAsync(clientId, pkce);
        host.Clock.Advance(TimeSpan.FromMinutes(6)); // codes live 5 minutes
        var (status, body) = await browser.ExchangeAsync(clientId, code, pkce);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", (string)body["error"]!);
    }

    [Fact]
    public async Task Authorize_UnknownClient_ShowsAnErrorPageAndNeverRedirects()
    {
        using var browser = await host.BrowserAsync(await host.CreateUserAsync("unknown"));
        var response = await browser.AuthorizeAsync(OAuthBrowser.AuthorizeQuery("no-such-client", Pkce.New()));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType!.ToString());
        Assert.Contains("data-testid=\"oauth-error\"", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/callback/other")]
    [InlineData("http://127.0.0.1:9/Callback")]
    [InlineData("http://127.0.0.1:9/callback?x=1")]
    [InlineData("https://attacker.example/callback")]
    public async Task Authorize_UnregisteredRedirectUri_ShowsAnErrorPageAndNeverRedirects(string redirectUri)
    {
        var (_, clientId, browser) = await SignedOnAsync("redirect");
        using var _ = browser;
        var response = await browser.AuthorizeAsync(OAuthBrowser.AuthorizeQuery(clientId, Pkce.New(), redirectUri: redirectUri));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("oauth-error", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Token_WrongClientSecret_IsInvalidClient()
    {
        var (clientId, _) = await host.CreateClientAsync("secret", new JsonObject { ["clientSecret"] = "the-right-secret-1234" });
        using var browser = await host.BrowserAsync();
        var (status, body) = await browser.TokenAsync(("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", "the-wrong-secret-1234"));
        Assert.Equal(HttpStatusCode.BadRequest, status is HttpStatusCode.Unauthorized ? HttpStatusCode.BadRequest : status);
        Assert.Equal("invalid_client", (string)body["error"]!);
        var (right, tokens) = await browser.TokenAsync(("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", "the-right-secret-1234"));
        Assert.Equal(HttpStatusCode.OK, right);
        var access = await host.ValidateAsync((string)tokens["access_token"]!);
        Assert.True(access.IsValid);
        Assert.Equal(clientId, ((Microsoft.IdentityModel.JsonWebTokens.JsonWebToken)access.SecurityToken).Subject);
    }

    [Fact]
    public async Task UserInfo_AlteredAccessToken_IsUnauthorized()
    {
        var (_, clientId, browser) = await SignedOnAsync("altered");
        using var _ = browser;
        var pkce = Pkce.New();
        var (_, tokens) = await browser.ExchangeAsync(clientId, await browser.CodeAsync(clientId, pkce), pkce);
        var parts = ((string)tokens["access_token"]!).Split('.');
        var payload = JsonNode.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(parts[1]))!;
        payload["sub"] = "someone-else";
        var altered = $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";
        var (status, _, response) = await browser.UserInfoAsync(altered);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task UserInfo_RevokedAccessToken_IsUnauthorized()
    {
        var (_, clientId, browser) = await SignedOnAsync("revoked");
        using var _ = browser;
        var pkce = Pkce.New();
        var (_, tokens) = await browser.ExchangeAsync(clientId, await browser.CodeAsync(clientId, pkce), pkce);
        var access = (string)tokens["access_token"]!;
        Assert.Equal(HttpStatusCode.OK, (await browser.UserInfoAsync(access)).Status);
        // As the SDK's revokeToken sends it: the public client's id and the token.
        var (revoked, _) = await browser.PostFormAsync($"{OAuth2Server.AlphaPath}/token/revoke", ("client_id", clientId), ("token", access));
        Assert.Equal(HttpStatusCode.OK, revoked);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.UserInfoAsync(access)).Status);
    }

    [Fact]
    public async Task UserInfo_TokenOfTheOtherRealm_IsUnauthorized()
    {
        var (_, clientId, browser) = await SignedOnAsync("realm");
        using var _ = browser;
        var pkce = Pkce.New();
        var (_, tokens) = await browser.ExchangeAsync(clientId, await browser.CodeAsync(clientId, pkce), pkce);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{OAuth2Server.RootPath}/userinfo");
        request.Headers.Authorization = new("Bearer", (string)tokens["access_token"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.Http.SendAsync(request)).StatusCode);
    }
}
