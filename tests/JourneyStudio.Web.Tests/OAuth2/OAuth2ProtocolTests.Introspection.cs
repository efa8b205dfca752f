using System.Net;
using System.Text.Json.Nodes;

namespace JourneyStudio.Web.Tests.OAuth2;

public sealed partial class OAuth2ProtocolTests
{
    private const string BackEndSecret = "the-back-end-secret-1234";

    private Task<(HttpStatusCode Status, JsonObject Body)> IntrospectAsync(OAuthBrowser browser, string clientId, string secret, string token) =>
        browser.PostFormAsync($"{OAuth2Server.AlphaPath}/introspect", ("client_id", clientId), ("client_secret", secret), ("token", token));

    [Fact]
    public async Task Introspect_AUsersAccessToken_IsActiveWithItsSubjectAndScopes_UntilRevoked()
    {
        var username = await host.CreateUserAsync("intro");
        var (clientId, _) = await host.CreateClientAsync("intro", new JsonObject
        {
            ["clientSecret"] = BackEndSecret, ["firstParty"] = true, ["journeys"] = new JsonArray("Login"),
        });
        using var browser = await host.BrowserAsync(username);
        var pkce = Pkce.New();
        var (exchanged, tokens) = await browser.ExchangeAsync(clientId, await browser.CodeAsync(clientId, pkce, "openid profile"), pkce, BackEndSecret);
        Assert.Equal(HttpStatusCode.OK, exchanged);
        var access = (string)tokens["access_token"]!;

        var (status, active) = await IntrospectAsync(browser, clientId, BackEndSecret, access);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True((bool)active["active"]!);
        Assert.Equal(username, (string)active["sub"]!);
        Assert.Equal(clientId, (string)active["client_id"]!);
        Assert.Equal(host.Issuer(), (string)active["iss"]!);
        Assert.Equal("openid profile", (string)active["scope"]!);

        var (revoked, _) = await browser.PostFormAsync($"{OAuth2Server.AlphaPath}/token/revoke",
            ("client_id", clientId), ("client_secret", BackEndSecret), ("token", access));
        Assert.Equal(HttpStatusCode.OK, revoked);
        var (_, inactive) = await IntrospectAsync(browser, clientId, BackEndSecret, access);
        Assert.Equal([("active", "false")], inactive.Select(p => (p.Key, p.Value!.ToJsonString())));
    }

    [Fact]
    public async Task Introspect_WithAWrongSecretOrAnAlteredToken_TellsNothing()
    {
        var (clientId, _) = await host.CreateClientAsync("intro2", new JsonObject { ["clientSecret"] = BackEndSecret });
        using var browser = await host.BrowserAsync();
        var (_, tokens) = await browser.TokenAsync(("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", BackEndSecret));
        var access = (string)tokens["access_token"]!;

        var (_, wrongSecret) = await IntrospectAsync(browser, clientId, "not-the-secret-at-all", access);
        Assert.Equal("invalid_client", (string)wrongSecret["error"]!);
        Assert.Null(wrongSecret["active"]);

        var altered = access[..^4] + (access.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        var (_, alteredAnswer) = await IntrospectAsync(browser, clientId, BackEndSecret, altered);
        Assert.False((bool)alteredAnswer["active"]!);
        Assert.Null(alteredAnswer["sub"]);
    }
}
