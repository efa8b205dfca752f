using Bunit;
using JourneyStudio.OpenIdConnect;
using JourneyStudio.OpenIdConnect.Clients;
using JourneyStudio.Runtime.Audit;
using JourneyStudio.Web.Components.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace JourneyStudio.Web.Tests.Pages;

/// <summary>The OAuth clients page and its editor against the provider's real client store (OpenIddict on SQLite).</summary>
public sealed class OAuthClientsPageTests : StudioPageContext
{
    private static readonly AuditActor Setup = new("setup", "studio");

    public OAuthClientsPageTests() => Services.AddJourneyStudioOpenIdConnect(Configuration);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var name in new[] { "Login", "Login with Push MFA", "PushAuthentication" })
            await Store.CreateAsync(new Journeys.Model.Journey { Name = name }, "test");
    }

    private OAuthClientAdminService Admin => Services.GetRequiredService<OAuthClientAdminService>();

    private Task<OAuthClient?> ClientAsync(string clientId) => Services.GetRequiredService<OAuthClientStore>().GetAsync(clientId);

    private IRenderedComponent<IComponent> RenderClients(int expectedRows)
    {
        var cut = RenderPage<OAuthClients>();
        cut.WaitForAssertion(() => Assert.Equal(expectedRows, cut.FindAll("[data-testid=oauth-client-row]").Count));
        return cut;
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<IComponent> cut, string clientId) =>
        cut.Find($"[data-testid=oauth-client-row][data-client-id='{clientId}']").ParentElement!;

    private static void CheckJourney(IRenderedComponent<IComponent> cut, string journey) =>
        cut.Find($"input[data-testid=oauth-client-journey][data-journey='{journey}']").Change(true);

    private Task CreateSpaAsync(string clientId) => Admin.CreateAsync(new OAuthClientRequest(clientId, null, ["https://spa.example.com/cb"], null,
        ["openid", "profile"], ["Login with Push MFA"], "The SPA", DefaultJourney: "Login", FirstParty: true), Setup);

    [Fact]
    public async Task List_ShowsTypeRedirectsJourneysAndConsent()
    {
        await CreateSpaAsync("spa");

        var cut = RenderClients(1);

        var row = Row(cut, "spa");
        Assert.Equal("Public", row.QuerySelector("[data-testid=oauth-client-type]")!.TextContent.Trim());
        Assert.Contains("https://spa.example.com/cb", row.QuerySelector("[data-testid=oauth-client-redirects]")!.TextContent);
        Assert.Equal("Login (default), Login with Push MFA", row.QuerySelector("[data-testid=oauth-client-journeys]")!.TextContent.Trim());
        Assert.Contains("implied (first party)", row.TextContent);
        Assert.Contains("/oauth2/realms/root/realms/alpha/.well-known/openid-configuration", cut.Find("[data-testid=discovery-url]").TextContent);
    }

    [Fact]
    public async Task Create_Confidential_ShowsTheGeneratedSecretOnce_StoresOnlyItsHash_AndAudits()
    {
        var cut = RenderClients(0);

        cut.Find("[data-testid=new-oauth-client]").Click();
        cut.WaitForElement("input[data-testid=oauth-client-id]").Change("backend");
        cut.Find("input[data-testid=oauth-client-name]").Change("Back office");
        cut.Find("input[data-testid=oauth-client-confidential]").Change(true);
        cut.Find("textarea[data-testid=oauth-client-redirect-uris]").Change("https://app.example.com/signin-oidc\n\n https://app.example.com/other ");
        cut.Find("textarea[data-testid=oauth-client-post-logout-uris]").Change("https://app.example.com/signed-out");
        cut.Find("input[data-testid=oauth-client-scope-offline_access]").Change(true);
        CheckJourney(cut, "Login with Push MFA");
        cut.Find("input[data-testid=oauth-client-access-lifetime]").Change("600");
        cut.Find("textarea[data-testid=oauth-client-cors-origins]").Change("https://app.example.com");
        cut.Find("[data-testid=save-oauth-client]").Click();

        var secret = cut.WaitForElement("input[data-testid=oauth-client-secret-value]").GetAttribute("value")!;
        cut.Find("[data-testid=copy-oauth-client-secret]").Click();
        cut.WaitForAssertion(() => FilesModule.VerifyInvoke("copyText"));
        Assert.Equal(secret, FilesModule.Invocations["copyText"].Single().Arguments[0]);
        cut.Find("[data-testid=close-oauth-client]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Confidential", Row(cut, "backend").QuerySelector("[data-testid=oauth-client-type]")!.TextContent.Trim()));
        Assert.DoesNotContain(secret, cut.Markup);
        var client = (await ClientAsync("backend"))!;
        Assert.Equal(("Back office", true, false), (client.Name, client.Confidential, client.FirstParty));
        Assert.Equal(["https://app.example.com/signin-oidc", "https://app.example.com/other"], client.RedirectUris);
        Assert.Equal(["https://app.example.com/signed-out"], client.PostLogoutRedirectUris);
        Assert.Equal(["openid", "profile", "email", "offline_access"], client.Scopes);
        Assert.Equal(["Login with Push MFA"], client.Journeys);
        Assert.Equal(["https://app.example.com"], client.CorsOrigins);
        Assert.Equal(TimeSpan.FromSeconds(600), client.AccessTokenLifetime);
        Assert.Null(client.RefreshTokenLifetime);

        // The secret works and is kept only as OpenIddict's hash.
        var applications = Services.GetRequiredService<IOpenIddictApplicationManager>();
        var application = (await applications.FindByClientIdAsync("backend"))!;
        Assert.True(await applications.ValidateClientSecretAsync(application, secret));
        var stored = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(stored, application);
        Assert.NotEqual(secret, stored.ClientSecret);
        Assert.DoesNotContain(secret, stored.ClientSecret);

        var entry = Assert.Single(await AuditAsync("backend"));
        Assert.Equal((AuditActions.OAuthClientCreate, AdminName, "studio"), (entry.Action, entry.Actor, entry.Channel));
        Assert.Contains("clientSecret (generated)", entry.Detail);
        Assert.DoesNotContain(secret, entry.Detail);
    }

    [Fact]
    public async Task Create_WithBadInput_NamesEachProblemAtItsField_AndCreatesNothing()
    {
        var cut = RenderClients(0);

        cut.Find("[data-testid=new-oauth-client]").Click();
        cut.WaitForElement("input[data-testid=oauth-client-id]").Change("bad id!");
        cut.Find("textarea[data-testid=oauth-client-redirect-uris]").Change("https://app.example.com/cb\nhttps://app.example.com/cb#fragment");
        cut.Find("textarea[data-testid=oauth-client-cors-origins]").Change("https://app.example.com/path");
        cut.Find("input[data-testid=oauth-client-access-lifetime]").Change("5");
        cut.Find("[data-testid=save-oauth-client]").Click();

        cut.WaitForAssertion(() => Assert.Contains("4 fields are not valid", cut.Find("[data-testid=oauth-client-error]").TextContent));
        var dialog = cut.Find(".mud-dialog").TextContent;
        Assert.Contains("expected 1 to 100 letters, digits", dialog);
        Assert.Contains("“https://app.example.com/cb#fragment”: expected an absolute http or https URI without a fragment", dialog);
        Assert.Contains("“https://app.example.com/path”: expected an origin such as https://app.example.com", dialog);
        Assert.Contains("expected 60 to 2592000 seconds", dialog);
        Assert.Empty(await Services.GetRequiredService<OAuthClientStore>().ListAsync());

        // A public client without a redirect URI is told it needs one; fixed, it is created.
        cut.Find("input[data-testid=oauth-client-id]").Change("fixed");
        cut.Find("textarea[data-testid=oauth-client-redirect-uris]").Change("");
        cut.Find("textarea[data-testid=oauth-client-cors-origins]").Change("https://app.example.com");
        cut.Find("input[data-testid=oauth-client-access-lifetime]").Change("");
        cut.Find("[data-testid=save-oauth-client]").Click();
        cut.WaitForAssertion(() => Assert.Contains("a public client needs at least one redirect URI", cut.Find(".mud-dialog").TextContent));
        cut.Find("textarea[data-testid=oauth-client-redirect-uris]").Change("https://app.example.com/cb");
        cut.Find("[data-testid=save-oauth-client]").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=oauth-client-row]")));
        Assert.False((await ClientAsync("fixed"))!.Confidential);
    }

    [Fact]
    public async Task Create_WithATakenId_SaysSo()
    {
        await CreateSpaAsync("taken");
        var cut = RenderClients(1);

        cut.Find("[data-testid=new-oauth-client]").Click();
        cut.WaitForElement("input[data-testid=oauth-client-id]").Change("taken");
        cut.Find("textarea[data-testid=oauth-client-redirect-uris]").Change("https://other.example.com/cb");
        cut.Find("[data-testid=save-oauth-client]").Click();

        cut.WaitForAssertion(() => Assert.Contains("there is already a client 'taken'", cut.Find(".mud-dialog").TextContent));
        Assert.Equal(["https://spa.example.com/cb"], (await ClientAsync("taken"))!.RedirectUris);
    }

    [Fact]
    public async Task Edit_ChangesSettings_KeepsTheSecret_AndReportsADeletedJourney()
    {
        var created = Assert.IsType<OAuthClientResult.Done>(await Admin.CreateAsync(new OAuthClientRequest("api", "the-first-secret-123456", ["https://api.example.com/cb"],
            null, ["openid"], ["PushAuthentication"], null), Setup));
        await Store.DeleteAsync("PushAuthentication");
        var cut = RenderClients(1);

        Row(cut, "api").QuerySelector("[data-testid=edit-oauth-client]")!.Click();
        cut.WaitForElement("input[data-testid=oauth-client-name]").Change("Reporting API");
        cut.Find("input[data-testid=oauth-client-first-party]").Change(true);
        cut.Find("[data-testid=save-oauth-client]").Click();
        cut.WaitForAssertion(() => Assert.Contains("“PushAuthentication”: there is no journey 'PushAuthentication'",
            cut.Find("[data-testid=oauth-client-journeys-error]").TextContent));

        cut.Find("input[data-testid=oauth-client-journey][data-journey='PushAuthentication']").Change(false);
        CheckJourney(cut, "Login");
        cut.Find("[data-testid=save-oauth-client]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Reporting API", Row(cut, "api").TextContent));
        var client = (await ClientAsync("api"))!;
        Assert.Equal(("Reporting API", true, true), (client.Name, client.Confidential, client.FirstParty));
        Assert.Equal(["Login"], client.Journeys);
        var applications = Services.GetRequiredService<IOpenIddictApplicationManager>();
        Assert.True(await applications.ValidateClientSecretAsync((await applications.FindByClientIdAsync("api"))!, "the-first-secret-123456"));
        Assert.Null(created.GeneratedSecret);
    }

    [Fact]
    public async Task Delete_AsksFirst_ThenDeletes()
    {
        await CreateSpaAsync("doomed");
        var cut = RenderClients(1);

        Row(cut, "doomed").QuerySelector("[data-testid=delete-oauth-client]")!.Click();
        cut.WaitForAssertion(() => Assert.Contains("cannot be undone", cut.Find(".mud-dialog").TextContent));
        cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        Assert.NotNull(await ClientAsync("doomed"));
        Row(cut, "doomed").QuerySelector("[data-testid=delete-oauth-client]")!.Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".mud-dialog")));
        cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Delete").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=oauth-client-row]")));
        Assert.Null(await ClientAsync("doomed"));
        Assert.Equal(AuditActions.OAuthClientDelete, (await AuditAsync("doomed"))[0].Action);
    }
}
