using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace JourneyStudio.Web.Tests.OAuth2;

public sealed partial class OAuth2ProtocolTests
{
    /// <summary>The consent page's form, as a browser would post it back with one of its buttons.</summary>
    private static async Task<(string Action, List<KeyValuePair<string, string>> Fields)> ConsentFormAsync(HttpResponseMessage page)
    {
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"consent-client\"", html);
        Assert.DoesNotContain("onclick", html);
        Assert.DoesNotContain("<script", html);
        var action = System.Net.WebUtility.HtmlDecode(Regex.Match(html, "<form method=\"post\" action=\"([^\"]+)\"").Groups[1].Value);
        var fields = Regex.Matches(html, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")
            .Select(m => KeyValuePair.Create(System.Net.WebUtility.HtmlDecode(m.Groups[1].Value), System.Net.WebUtility.HtmlDecode(m.Groups[2].Value)))
            .ToList();
        return (action, fields);
    }

    [Fact]
    public async Task Authorize_ThirdPartyClient_AsksOnce_ThenRemembersTheConsent()
    {
        var (_, clientId, browser) = await SignedOnAsync("consent", new JsonObject { ["firstParty"] = false });
        using var _ = browser;
        var pkce = Pkce.New();
        var query = OAuthBrowser.AuthorizeQuery(clientId, pkce);
        var (action, fields) = await ConsentFormAsync(await browser.AuthorizeAsync(query));

        // prompt=none cannot show the page: consent_required, as AM answers.
        var none = OAuthBrowser.RedirectQuery(await browser.AuthorizeAsync(OAuthBrowser.AuthorizeQuery(clientId, Pkce.New(), extra: [("prompt", "none")])));
        Assert.Equal("consent_required", none["error"]);

        fields.Add(KeyValuePair.Create("consent", "allow"));
        var allowed = await browser.Http.PostAsync(action, new FormUrlEncodedContent(fields));
        var code = OAuthBrowser.RedirectQuery(allowed)["code"];
        Assert.Equal(HttpStatusCode.OK, (await browser.ExchangeAsync(clientId, code, pkce)).Status);

        // Remembered for this user and client: no page the next time.
        await browser.CodeAsync(clientId, Pkce.New());
    }

    [Fact]
    public async Task Authorize_ConsentDenied_RedirectsWithAccessDenied()
    {
        var (_, clientId, browser) = await SignedOnAsync("deny", new JsonObject { ["firstParty"] = false });
        using var _ = browser;
        var (action, fields) = await ConsentFormAsync(await browser.AuthorizeAsync(OAuthBrowser.AuthorizeQuery(clientId, Pkce.New())));
        fields.Add(KeyValuePair.Create("consent", "deny"));
        Assert.Equal("access_denied", OAuthBrowser.RedirectQuery(await browser.Http.PostAsync(action, new FormUrlEncodedContent(fields)))["error"]);
    }

    [Fact]
    public async Task Authorize_ConsentInALinkOrWithoutTheFormToken_IsNotTaken()
    {
        var (_, clientId, browser) = await SignedOnAsync("csrf", new JsonObject { ["firstParty"] = false });
        using var _ = browser;
        // Another site cannot consent for the user by a link or a form of its own: the page is shown again.
        var link = await browser.AuthorizeAsync(OAuthBrowser.AuthorizeQuery(clientId, Pkce.New(), extra: [("consent", "allow")]));
        await ConsentFormAsync(link);
        var (action, fields) = await ConsentFormAsync(await browser.AuthorizeAsync(OAuthBrowser.AuthorizeQuery(clientId, Pkce.New())));
        fields.RemoveAll(f => f.Key.StartsWith("__RequestVerificationToken", StringComparison.Ordinal));
        fields.Add(KeyValuePair.Create("consent", "allow"));
        await ConsentFormAsync(await browser.Http.PostAsync(action, new FormUrlEncodedContent(fields)));
    }
}

public sealed partial class OAuth2ProtocolTests
{
    [Fact]
    public async Task AccountApplications_ListsTheConsent_AndWithdrawingItRevokesItsTokens()
    {
        var (username, clientId, browser) = await SignedOnAsync("withdraw", new JsonObject { ["firstParty"] = false });
        using var _ = browser;
        var pkce = Pkce.New();
        var (action, fields) = await ConsentFormAsync(await browser.AuthorizeAsync(OAuthBrowser.AuthorizeQuery(clientId, pkce, "openid offline_access")));
        fields.Add(KeyValuePair.Create("consent", "allow"));
        var code = OAuthBrowser.RedirectQuery(await browser.Http.PostAsync(action, new FormUrlEncodedContent(fields)))["code"];
        var (_, tokens) = await browser.ExchangeAsync(clientId, code, pkce);

        var list = $"json/realms/root/realms/alpha/users/{username}/oauth2/applications";
        var listed = JsonNode.Parse(await browser.Http.GetStringAsync(list))!;
        Assert.Equal(1, (int)listed["resultCount"]!);
        Assert.Equal(clientId, (string)listed["result"]![0]!["_id"]!);
        // Someone else's list is not the user's to read.
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.Http.GetAsync("json/realms/root/realms/alpha/users/someone-else/oauth2/applications")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await browser.Http.DeleteAsync($"{list}/{clientId}")).StatusCode);
        Assert.Equal(0, (int)JsonNode.Parse(await browser.Http.GetStringAsync(list))!["resultCount"]!);
        var (refresh, _) = await browser.TokenAsync(("grant_type", "refresh_token"), ("client_id", clientId), ("refresh_token", (string)tokens["refresh_token"]!));
        Assert.Equal(HttpStatusCode.BadRequest, refresh);
        // The app has to ask again.
        await ConsentFormAsync(await browser.AuthorizeAsync(OAuthBrowser.AuthorizeQuery(clientId, Pkce.New())));
    }
}
