using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using JourneyStudio.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace JourneyStudio.BrowserTests.OpenIdConnect;

/// <summary>
/// The ForgeRock JavaScript SDK 4.9.1, unchanged, in Chromium, in an app on a second loopback origin: FRAuth through the
/// shipped push MFA journey (the virtual authenticator registers and approves), TokenManager.getTokens() silently (the
/// SDK's hidden iframe with prompt=none) and by redirect (to the hosted sign-on page and back), UserManager.getCurrentUser()
/// and FRUser.logout(), against the provider's AM paths with CORS.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SdkTokenTests(BrowserFixture fixture)
{
    private const string Password = "Sdk-user-password-1";
    private const string PushJourney = "Login with Push MFA";

    [Fact]
    public async Task Sdk_SignsOnWithPush_GetsTokensSilentlyAndByRedirect_ReadsTheUser_AndLogsOut()
    {
        await using var app = await SdkAppServer.StartAsync();
        var clientId = "sdk-" + Guid.NewGuid().ToString("N")[..8];
        await ProviderClients.CreateAsync(fixture.Server, new JsonObject
        {
            ["clientId"] = clientId,
            ["name"] = "SDK test app",
            ["redirectUris"] = new JsonArray(app.CallbackUri),
            ["postLogoutRedirectUris"] = new JsonArray(app.Origin + "/signed-out"),
            ["scopes"] = new JsonArray("openid", "profile", "email"),
            ["journeys"] = new JsonArray(PushJourney, "Login"),
            ["defaultJourney"] = PushJourney,
            ["firstParty"] = true,
            ["corsOrigins"] = new JsonArray(app.Origin),
        });
        var username = await ProviderClients.CreateUserAsync(fixture.Server, "sdk", Password);

        var page = await fixture.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => console.Add($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => console.Add("page error: " + error);
        page.RequestFailed += (_, request) => console.Add($"failed: {request.Url} {request.Failure}");
        await page.GotoAsync(app.Origin + "/");
        try { await Assertions.Expect(page.GetByTestId("state")).ToHaveTextAsync("\"ready\""); }
        catch (PlaywrightException e) { throw new InvalidOperationException("The app did not start: " + string.Join("\n", console), e); }
        await page.EvaluateAsync("settings => window.sdkApp.configure(settings)", new
        {
            baseUrl = fixture.Server.BaseAddress.ToString(),
            clientId,
            redirectUri = app.CallbackUri,
            scope = "openid profile email",
            realm = "alpha",
            tree = PushJourney,
        });

        // FRAuth: password, then the QR step, which the virtual authenticator (the studio's page) registers.
        var qr = await SignOnAsync(page, username);
        Assert.Equal("qr", (string)qr["kind"]!);
        var authenticator = await page.Context.NewPageAsync();
        await authenticator.GotoAsync(fixture.Server.BaseAddress + "authenticator#register=" + Uri.EscapeDataString((string)qr["uri"]!));
        await Assertions.Expect(authenticator.GetByTestId("account")).ToContainTextAsync(username);

        // Recovery codes, then the push with its number, picked on the authenticator.
        var push = await SignOnAsync(page, username);
        Assert.Equal("number", (string)push["kind"]!);
        var number = (string)push["number"]!;
        var notification = authenticator.GetByTestId("notification").First;
        await Assertions.Expect(notification.GetByTestId($"number-{number}")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await notification.GetByTestId($"number-{number}").ClickAsync();
        Assert.Equal("success", (string)(await SignOnAsync(page, username))["kind"]!);

        // Silent: the SDK's hidden iframe asks authorize with prompt=none and finds the journey's session.
        var silent = await CallAsync(page, "window.sdkApp.getTokens({ forceRenew: true })");
        var idToken = ProviderClients.Jwt(silent["idToken"]);
        Assert.Equal(username, idToken.Subject);
        Assert.Equal(PushJourney, idToken.GetClaim("acr").Value);
        var methods = idToken.Claims.Where(c => c.Type == "amr").Select(c => c.Value).ToList();
        Assert.Contains("pwd", methods);
        Assert.Contains("swk", methods);
        Assert.Contains("mfa", methods);

        var user = await CallAsync(page, "window.sdkApp.currentUser()");
        Assert.Equal(username, (string)user["sub"]!);
        Assert.Equal($"{username}@example.com", (string)user["email"]!);

        // FRUser.logout(): AM's sessions logout, token revocation and endSession, all from the app's origin.
        Assert.Equal("logged out", (string)(await CallAsync(page, "window.sdkApp.logout()"))!);
        // No session now: the silent request gets AM's answer, which the SDK reports as it is.
        var refused = await page.EvaluateAsync<JsonElement>("window.sdkApp.getTokens({ forceRenew: true })");
        Assert.False(refused.GetProperty("ok").GetBoolean());
        Assert.Equal("The request requires some interaction that is not allowed.", refused.GetProperty("error").GetString());

        // Redirect mode: that very answer makes the SDK send the page to authorize, which sends it to the hosted sign-on
        // page of the journey asked for, and back to the app's callback with a code the page exchanges.
        await page.EvaluateAsync("window.sdkApp.getTokens({ forceRenew: true, login: 'redirect', query: { acr_values: 'Login' } })");
        // Polled rather than WaitForURL: the navigation starts while the SDK's promise is settling.
        try { await Assertions.Expect(page).ToHaveURLAsync(new Regex("/login\\?"), new() { Timeout = 30_000 }); }
        catch (PlaywrightException e)
        {
            await page.ScreenshotAsync(new() { Path = "/tmp/sdk-redirect-login.png" });
            throw new InvalidOperationException($"Not at the sign-on page: {page.Url}\n" + string.Join("\n", console), e);
        }
        await page.Locator("#card input[type=text]").First.FillAsync(username);
        await page.Locator("#card input[type=password]").First.FillAsync(Password);
        await page.Locator("#card button[type=submit]").ClickAsync();
        try { await Assertions.Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(app.CallbackUri) + "\\?"), new() { Timeout = 30_000 }); }
        catch (PlaywrightException e)
        {
            await page.ScreenshotAsync(new() { Path = "/tmp/sdk-redirect.png" });
            throw new InvalidOperationException($"Not back at the app: {page.Url}\n" + string.Join("\n", console), e);
        }
        var redirected = await page.WaitForFunctionAsync("window.sdkAppRedirectResult");
        var result = JsonNode.Parse((await redirected.JsonValueAsync<JsonElement>()).GetRawText())!;
        Assert.True((bool)result["ok"]!, result.ToJsonString());
        var second = ProviderClients.Jwt(result["value"]!["idToken"]);
        Assert.Equal(username, second.Subject);
        Assert.Equal("Login", second.GetClaim("acr").Value);
    }

    private static async Task<JsonObject> SignOnAsync(IPage page, string username) =>
        JsonNode.Parse((await page.EvaluateAsync<JsonElement>("([u, p]) => window.sdkApp.signOn(u, p)", new[] { username, Password })).GetRawText())!.AsObject();

    /// <summary>Calls the app and returns the SDK's answer, failing with its error when it threw.</summary>
    private static async Task<JsonNode> CallAsync(IPage page, string expression)
    {
        var answer = JsonNode.Parse((await page.EvaluateAsync<JsonElement>(expression)).GetRawText())!;
        Assert.True((bool)answer["ok"]!, $"{expression}: {answer.ToJsonString()}");
        return answer["value"]!;
    }
}
