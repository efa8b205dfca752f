using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using JourneyStudio.Web.Tests.EndToEnd;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace JourneyStudio.Web.Tests.OAuth2;

/// <summary>A studio (shipped journeys, adjustable clock) with helpers to register clients and run OAuth flows over HTTP.</summary>
public sealed class OAuth2Server : EndToEndServer
{
    public const string AlphaPath = "oauth2/realms/root/realms/alpha";
    public const string RootPath = "oauth2/realms/root/realms/root";
    public const string AppRedirect = "http://127.0.0.1:9/callback";
    public const string AppOrigin = "http://127.0.0.1:9";

    public string Issuer(string path = AlphaPath) => new Uri(Server.BaseAddress, path).ToString().TrimEnd('/');

    /// <summary>Registers a client through the admin API (unique id from <paramref name="prefix"/>); returns its id and body.</summary>
    public async Task<(string ClientId, JsonObject Body)> CreateClientAsync(string prefix, JsonObject settings)
    {
        var clientId = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        settings["clientId"] = clientId;
        settings["redirectUris"] ??= new JsonArray(AppRedirect);
        settings["scopes"] ??= new JsonArray("openid", "profile", "email", "offline_access");
        var (status, text) = await AdminAsync(HttpMethod.Post, "oauth2/clients", settings);
        if (status != HttpStatusCode.Created) throw new InvalidOperationException($"Creating client failed: {(int)status} {text}");
        return (clientId, JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>A first-party public client (PKCE required) for the shipped Login journey and the push MFA one.</summary>
    public Task<(string ClientId, JsonObject Body)> CreatePublicClientAsync(string prefix = "spa", JsonObject? extra = null)
    {
        var settings = extra ?? new JsonObject();
        settings["firstParty"] ??= true;
        settings["journeys"] ??= new JsonArray("Login", "Login with Push MFA");
        settings["defaultJourney"] ??= "Login";
        settings["postLogoutRedirectUris"] ??= new JsonArray(AppOrigin + "/signed-out");
        return CreateClientAsync(prefix, settings);
    }

    /// <summary>A browser with its own cookie jar that follows no redirect, signed on through <paramref name="journey"/> when a user is given.</summary>
    public async Task<OAuthBrowser> BrowserAsync(string? username = null, string journey = "Login")
    {
        var browser = new OAuthBrowser(this);
        if (username is not null) await browser.SignOnAsync(username, journey);
        return browser;
    }

    public async Task<JsonWebKeySet> JwksAsync(string path = AlphaPath)
    {
        using var http = Server.CreateClient();
        return new JsonWebKeySet(await http.GetStringAsync($"{path}/connect/jwk_uri"));
    }

    /// <summary>Validates a JWT as a resource server would: signature from the JWKS, issuer, lifetime (the server's clock).</summary>
    public async Task<TokenValidationResult> ValidateAsync(string token, string path = AlphaPath, string? audience = null)
    {
        var keys = await JwksAsync(path);
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKeys = keys.GetSigningKeys(),
            ValidIssuer = Issuer(path),
            ValidateAudience = audience is not null,
            ValidAudience = audience,
            LifetimeValidator = (notBefore, expires, _, _) => expires is null || expires > Clock.GetUtcNow().UtcDateTime,
        });
    }
}

/// <summary>PKCE (RFC 7636) as a client makes it.</summary>
public sealed record Pkce(string Verifier, string Challenge)
{
    public static Pkce New()
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return new Pkce(verifier, Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }
}

/// <summary>One browser: cookies, no automatic redirects, and the token calls an app's back end makes.</summary>
public sealed class OAuthBrowser(OAuth2Server host) : IDisposable
{
    public CookieContainer Cookies { get; } = new();

    private HttpClient? _http;

    public HttpClient Http => _http ??= new HttpClient(new HttpClientHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false })
    {
        BaseAddress = host.Server.BaseAddress,
    };

    public string? SessionCookie => Cookies.GetCookies(host.Server.BaseAddress)["iPlanetDirectoryPro"]?.Value;

    /// <summary>Signs on through the shipped Login journey over AM's REST API and keeps its session cookie.</summary>
    public async Task SignOnAsync(string username, string journey = "Login")
    {
        using var signOn = host.SignOn(journey);
        await signOn.StartAsync();
        await signOn.EnterCredentialsAsync(username, EndToEndServer.Password);
        signOn.AssertSignedOn();
        UseSession(signOn.SessionCookie!);
    }

    public void UseSession(string tokenId) =>
        Cookies.Add(host.Server.BaseAddress, new Cookie("iPlanetDirectoryPro", tokenId, "/"));

    public static string AuthorizeQuery(string clientId, Pkce? pkce, string scope = "openid profile email", string redirectUri = OAuth2Server.AppRedirect,
        string state = "st-1", params (string Name, string Value)[] extra)
    {
        var parts = new List<string>
        {
            "response_type=code", "client_id=" + Uri.EscapeDataString(clientId), "redirect_uri=" + Uri.EscapeDataString(redirectUri),
            "scope=" + Uri.EscapeDataString(scope), "state=" + state,
        };
        if (pkce is not null) parts.AddRange(["code_challenge=" + pkce.Challenge, "code_challenge_method=S256"]);
        parts.AddRange(extra.Select(e => $"{e.Name}={Uri.EscapeDataString(e.Value)}"));
        return string.Join("&", parts);
    }

    /// <summary>GET authorize; the response as it is (a redirect is not followed).</summary>
    public Task<HttpResponseMessage> AuthorizeAsync(string query, string path = OAuth2Server.AlphaPath) =>
        Http.GetAsync($"{path}/authorize?{query}");

    /// <summary>The query of the redirect back to the client (fails when the answer is not one).</summary>
    public static Dictionary<string, string> RedirectQuery(HttpResponseMessage response, string redirectUri = OAuth2Server.AppRedirect)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(redirectUri + "?", location);
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(location).Query)
            .ToDictionary(p => p.Key, p => p.Value.ToString());
    }

    /// <summary>The code of a successful authorize (asserts the state came back).</summary>
    public async Task<string> CodeAsync(string clientId, Pkce? pkce, string scope = "openid profile email", params (string, string)[] extra)
    {
        var query = RedirectQuery(await AuthorizeAsync(AuthorizeQuery(clientId, pkce, scope, extra: extra)));
        Assert.True(query.ContainsKey("code"), "no code: " + string.Join("&", query.Select(q => $"{q.Key}={q.Value}")));
        Assert.Equal("st-1", query["state"]);
        return query["code"];
    }

    public Task<(HttpStatusCode Status, JsonObject Body)> TokenAsync(params (string Name, string Value)[] form) =>
        PostFormAsync($"{OAuth2Server.AlphaPath}/access_token", form);

    public Task<(HttpStatusCode Status, JsonObject Body)> ExchangeAsync(string clientId, string code, Pkce? pkce, string? secret = null)
    {
        var form = new List<(string, string)> { ("grant_type", "authorization_code"), ("client_id", clientId), ("code", code), ("redirect_uri", OAuth2Server.AppRedirect) };
        if (pkce is not null) form.Add(("code_verifier", pkce.Verifier));
        if (secret is not null) form.Add(("client_secret", secret));
        return TokenAsync([.. form]);
    }

    public async Task<(HttpStatusCode Status, JsonObject Body)> PostFormAsync(string path, params (string Name, string Value)[] form)
    {
        using var response = await Http.PostAsync(path, new FormUrlEncodedContent(form.Select(f => KeyValuePair.Create(f.Name, f.Value))));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonNode.Parse(text)!.AsObject() : new JsonObject { ["text"] = text });
    }

    public async Task<(HttpStatusCode Status, JsonObject Body, HttpResponseMessage Response)> UserInfoAsync(string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{OAuth2Server.AlphaPath}/userinfo");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.StartsWith('{') ? JsonNode.Parse(text)!.AsObject() : new JsonObject(), response);
    }

    public void Dispose() => _http?.Dispose();
}
