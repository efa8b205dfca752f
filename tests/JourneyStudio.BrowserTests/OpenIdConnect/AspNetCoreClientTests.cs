using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using JourneyStudio.BrowserTests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.Playwright;

namespace JourneyStudio.BrowserTests.OpenIdConnect;

/// <summary>
/// A real relying party: an ASP.NET Core app with Microsoft's OpenID Connect handler (discovery, code + PKCE, a client
/// secret, ID token validation from the JWKS), started on loopback. Chromium opens it, is sent to the studio, signs on
/// through the hosted page of the journey, consents (a third-party client), and comes back signed in with the claims.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AspNetCoreClientTests(BrowserFixture fixture)
{
    private const string Password = "Rp-user-password-1";
    private const string Secret = "a-confidential-client-secret-1";

    [Fact]
    public async Task AspNetCoreApp_SignsABrowserInThroughAJourney_AndShowsTheClaims()
    {
        var clientId = "rp-" + Guid.NewGuid().ToString("N")[..8];
        await using var app = await StartRelyingPartyAsync(clientId, fixture.Server.BaseAddress + "oauth2/realms/root/realms/alpha");
        await ProviderClients.CreateAsync(fixture.Server, new JsonObject
        {
            ["clientId"] = clientId,
            ["clientSecret"] = Secret,
            ["name"] = "Claims viewer",
            ["redirectUris"] = new JsonArray(app.Origin + "/signin-oidc"),
            ["postLogoutRedirectUris"] = new JsonArray(app.Origin + "/signout-callback-oidc"),
            ["scopes"] = new JsonArray("openid", "profile", "email"),
            ["journeys"] = new JsonArray("Login"),
        });
        var username = await ProviderClients.CreateUserAsync(fixture.Server, "rp", Password);

        var page = await fixture.NewPageAsync();
        await page.GotoAsync(app.Origin + "/");
        // The handler challenged: the studio's hosted page of the client's journey.
        await page.Locator("#card input[type=text]").First.FillAsync(username);
        await page.Locator("#card input[type=password]").First.FillAsync(Password);
        await page.Locator("#card button[type=submit]").ClickAsync();

        // Not first party: the user is asked once.
        await Assertions.Expect(page.GetByTestId("consent-client")).ToHaveTextAsync("Claims viewer");
        await page.ScreenshotAsync(new() { Path = "/tmp/oidc-consent.png", FullPage = true });
        await page.GetByTestId("consent-allow").ClickAsync();

        await Assertions.Expect(page.GetByTestId("claim-sub")).ToHaveTextAsync(username);
        await Assertions.Expect(page.GetByTestId("claim-acr")).ToHaveTextAsync("Login");
        await Assertions.Expect(page.GetByTestId("claim-amr")).ToHaveTextAsync("pwd");
        await Assertions.Expect(page.GetByTestId("claim-email")).ToHaveTextAsync($"{username}@example.com");
        await page.ScreenshotAsync(new() { Path = "/tmp/oidc-claims.png", FullPage = true });

        // Remembered: a new app session goes through without a page (the SSO session and the consent both hold).
        await page.Context.ClearCookiesAsync(new() { Name = ".rp" });
        await page.GotoAsync(app.Origin + "/");
        await Assertions.Expect(page.GetByTestId("claim-sub")).ToHaveTextAsync(username);
    }

    private static async Task<RelyingParty> StartRelyingPartyAsync(string clientId, string authority)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(options => options.Cookie.Name = ".rp")
            .AddOpenIdConnect(options =>
            {
                // Discovery, keys and endpoints come from the realm's issuer.
                options.Authority = authority;
                options.ClientId = clientId;
                options.ClientSecret = Secret;
                options.ResponseType = OpenIdConnectResponseType.Code;
                // The handler's default is form_post, which the provider does not offer (the CSP's form-action 'self').
                options.ResponseMode = OpenIdConnectResponseMode.Query;
                options.UsePkce = true;
                options.Scope.Add("email");
                options.RequireHttpsMetadata = false;
                options.MapInboundClaims = false;
                options.GetClaimsFromUserInfoEndpoint = true;
                // The handler drops acr by default; this app shows which journey signed the user on.
                options.ClaimActions.Remove("acr");
            });
        var app = builder.Build();
        app.UseAuthentication();
        app.MapGet("/", async (HttpContext http) =>
        {
            if (http.User.Identity?.IsAuthenticated != true)
            {
                await http.ChallengeAsync();
                return Results.Empty;
            }
            var rows = string.Concat(http.User.Claims.GroupBy(c => c.Type).Select(group =>
                $"<tr><th>{HtmlEncoder.Default.Encode(group.Key)}</th><td data-testid=\"claim-{HtmlEncoder.Default.Encode(group.Key)}\">" +
                $"{HtmlEncoder.Default.Encode(string.Join(" ", group.Select(c => c.Value)))}</td></tr>"));
            return Results.Content($"<!DOCTYPE html><html><body><h1>Claims</h1><table>{rows}</table></body></html>", "text/html");
        });
        return await RelyingParty.StartAsync(app);
    }

    private sealed class RelyingParty(WebApplication app, string origin) : IAsyncDisposable
    {
        public string Origin { get; } = origin;

        public static async Task<RelyingParty> StartAsync(WebApplication app)
        {
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new RelyingParty(app, address.TrimEnd('/'));
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
