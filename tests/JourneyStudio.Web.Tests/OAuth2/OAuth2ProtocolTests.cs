using System.Net;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;

namespace JourneyStudio.Web.Tests.OAuth2;

/// <summary>
/// The OpenID Connect provider over real HTTP, as an app's browser and back end use it: discovery per realm, code + PKCE,
/// client credentials, refresh, and every refusal. Split per area (partial classes), names Endpoint_Condition_Result.
/// </summary>
public sealed partial class OAuth2ProtocolTests(OAuth2Server host) : IClassFixture<OAuth2Server>
{
    private async Task<(string Username, string ClientId, OAuthBrowser Browser)> SignedOnAsync(string prefix, JsonObject? client = null)
    {
        var username = await host.CreateUserAsync(prefix);
        var (clientId, _) = await host.CreatePublicClientAsync(prefix, client);
        return (username, clientId, await host.BrowserAsync(username));
    }

    [Theory]
    [InlineData(OAuth2Server.AlphaPath)]
    [InlineData(OAuth2Server.RootPath)]
    public async Task Discovery_EachRealm_ListsItsOwnIssuerAndEndpointsAndOnlyS256(string path)
    {
        using var http = host.Server.CreateClient();
        var document = JsonNode.Parse(await http.GetStringAsync($"{path}/.well-known/openid-configuration"))!;
        var issuer = host.Issuer(path);
        Assert.Equal(issuer, (string)document["issuer"]!);
        Assert.Equal($"{issuer}/authorize", (string)document["authorization_endpoint"]!);
        Assert.Equal($"{issuer}/access_token", (string)document["token_endpoint"]!);
        Assert.Equal($"{issuer}/userinfo", (string)document["userinfo_endpoint"]!);
        Assert.Equal($"{issuer}/token/revoke", (string)document["revocation_endpoint"]!);
        Assert.Equal($"{issuer}/introspect", (string)document["introspection_endpoint"]!);
        Assert.Equal($"{issuer}/connect/endSession", (string)document["end_session_endpoint"]!);
        Assert.Equal($"{issuer}/connect/jwk_uri", (string)document["jwks_uri"]!);
        Assert.Equal(["S256"], document["code_challenge_methods_supported"]!.AsArray().Select(v => (string)v!));
        Assert.DoesNotContain("form_post", document["response_modes_supported"]!.AsArray().Select(v => (string)v!));
        Assert.Contains("RS256", document["id_token_signing_alg_values_supported"]!.AsArray().Select(v => (string)v!));
    }

    [Fact]
    public async Task Discovery_OutsideTheRealmPaths_IsNotServed()
    {
        using var http = host.Server.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(".well-known/openid-configuration")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("oauth2/realms/root/realms/beta/.well-known/openid-configuration")).StatusCode);
    }

    [Fact]
    public async Task CodeFlow_WithSessionAndPkce_GivesSignedTokensAndUserInfo()
    {
        var (username, clientId, browser) = await SignedOnAsync("flow");
        using var _ = browser;
        var pkce = Pkce.New();
        var code = await browser.CodeAsync(clientId, pkce, "openid profile email offline_access");
        var (status, tokens) = await browser.ExchangeAsync(clientId, code, pkce);
        Assert.Equal(HttpStatusCode.OK, status);

        var idToken = await host.ValidateAsync((string)tokens["id_token"]!, audience: clientId);
        Assert.True(idToken.IsValid, idToken.Exception?.Message);
        var id = (JsonWebToken)idToken.SecurityToken;
        Assert.Equal("RS256", id.Alg);
        Assert.Equal(username, id.Subject);
        Assert.Equal("Login", id.GetClaim("acr").Value);
        Assert.Equal(["pwd"], id.Claims.Where(c => c.Type == "amr").Select(c => c.Value));
        Assert.True(id.TryGetPayloadValue<long>("auth_time", out var authTime) && authTime > 0);
        Assert.Equal(username + "@example.com", id.GetClaim("email").Value);

        // The access token is a signed JWT a resource server validates from the JWKS, not an encrypted blob.
        var access = await host.ValidateAsync((string)tokens["access_token"]!);
        Assert.True(access.IsValid, access.Exception?.Message);
        Assert.Equal(username, ((JsonWebToken)access.SecurityToken).Subject);
        Assert.NotNull(tokens["refresh_token"]);

        var (infoStatus, info, _) = await browser.UserInfoAsync((string)tokens["access_token"]!);
        Assert.Equal(HttpStatusCode.OK, infoStatus);
        Assert.Equal(username, (string)info["sub"]!);
        Assert.Equal($"Test {username.Split('-')[0]}", (string)info["name"]!);
        Assert.Equal(username + "@example.com", (string)info["email"]!);
    }

    [Fact]
    public async Task UserInfo_WithoutProfileAndEmailScopes_AnswersOnlyTheSubject()
    {
        var (username, clientId, browser) = await SignedOnAsync("scopes");
        using var _ = browser;
        var pkce = Pkce.New();
        var (_, tokens) = await browser.ExchangeAsync(clientId, await browser.CodeAsync(clientId, pkce, "openid"), pkce);
        var (status, info, _) = await browser.UserInfoAsync((string)tokens["access_token"]!);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([("sub", username)], info.Select(p => (p.Key, (string)p.Value!)));
        Assert.Null(tokens["refresh_token"]); // no offline_access, no refresh token
    }
}
