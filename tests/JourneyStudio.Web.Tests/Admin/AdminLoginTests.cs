using System.Net;
using System.Text.RegularExpressions;
using JourneyStudio.Runtime.Audit;
using JourneyStudio.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Web.Tests.Admin;

/// <summary>One studio for the sign-in form tests, with the audit log recorded in memory.</summary>
public sealed class AdminLoginFixture : IAsyncLifetime
{
    public StudioServer Server { get; private set; } = null!;

    public RecordingAuditLog Audit { get; } = new();

    public Task InitializeAsync()
    {
        Server = StudioServer.Start(configureServices: services => services.AddSingleton<IAuditLog>(Audit));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>
/// The studio's sign-in and sign-out form posts over real HTTP: antiforgery on both, a refused post is a 400
/// page (never an exception page), the return URL only ever leads to a path of the studio, and sign-ins are audited.
/// </summary>
public sealed partial class AdminLoginTests(AdminLoginFixture fixture) : IClassFixture<AdminLoginFixture>
{
    private const string TokenField = "__RequestVerificationToken";

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (the tests read them).</summary>
    private HttpClient NewBrowser() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = fixture.Server.BaseAddress };

    /// <summary>The antiforgery token the sign-in page gives this browser (for whoever it is signed in as).</summary>
    private static async Task<string> AntiforgeryTokenAsync(HttpClient browser)
    {
        var page = await browser.GetStringAsync("/admin/login");
        var match = Regex.Match(page, $"""name="{TokenField}"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="{TokenField}" """.TrimEnd());
        Assert.True(match.Success, "The sign-in page has no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string path, IDictionary<string, string> fields) =>
        await browser.PostAsync(path, new FormUrlEncodedContent(fields));

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string password = StudioServer.AdminPassword, string? returnUrl = null)
    {
        var fields = new Dictionary<string, string>
        {
            [TokenField] = await AntiforgeryTokenAsync(browser),
            ["Username"] = StudioServer.AdminUsername,
            ["Password"] = password,
        };
        if (returnUrl is not null) fields["ReturnUrl"] = returnUrl;
        return await PostFormAsync(browser, "/admin/login", fields);
    }

    /// <summary>True when the studio serves its home page to this browser rather than sending it to the sign-in page.</summary>
    private static async Task<bool> IsSignedInAsync(HttpClient browser)
    {
        var response = await browser.GetAsync("/");
        return response.StatusCode == HttpStatusCode.OK;
    }

    private static async Task AssertRefusalPageAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("href=\"/admin/login\"", html);
        Assert.DoesNotContain("Exception", html);
        Assert.DoesNotContain("   at ", html);
        Assert.DoesNotContain(".cs:line", html);
    }

    [Fact]
    public async Task SignIn_WithoutTheAntiforgeryToken_Answers400Page_AndDoesNotSignIn()
    {
        using var browser = NewBrowser();
        await AntiforgeryTokenAsync(browser); // the antiforgery cookie is there; only the form field is missing

        var response = await PostFormAsync(browser, "/admin/login", new Dictionary<string, string>
        {
            ["Username"] = StudioServer.AdminUsername,
            ["Password"] = StudioServer.AdminPassword,
        });

        await AssertRefusalPageAsync(response);
        Assert.False(await IsSignedInAsync(browser));
    }

    [Theory]
    [InlineData("text/plain", "Username=admin")]
    [InlineData("application/json", "{}")]
    [InlineData("multipart/form-data; boundary=x", "--x\r\nbroken")]
    public async Task SignIn_PostedAsSomethingOtherThanAWellFormedForm_Answers400Page(string contentType, string body)
    {
        using var browser = NewBrowser();
        var content = new StringContent(body);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        var response = await browser.PostAsync("/admin/login", content);

        await AssertRefusalPageAsync(response);
    }

    [Fact]
    public async Task SignIn_WithTheToken_SignsIn()
    {
        using var browser = NewBrowser();

        var response = await SignInAsync(browser, returnUrl: "/identities");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/identities", response.Headers.Location?.OriginalString);
        Assert.True(await IsSignedInAsync(browser));
    }

    [Theory]
    [InlineData("/\r\nSet-Cookie: evil=1")]
    [InlineData("/%0d%0aSet-Cookie:%20evil=1")]
    [InlineData("/\t/evil.example")]
    [InlineData("/%09/evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("//evil.example")]
    [InlineData("///evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("/\u0085/evil.example")]
    [InlineData("/journeys/Ünïcode journey/edit")]
    [InlineData("evil.example")]
    [InlineData("/ /evil.example")]
    public async Task SignIn_WithAnyReturnUrl_RedirectsToAPathOfTheStudio(string returnUrl)
    {
        using var browser = NewBrowser();

        var response = await SignInAsync(browser, returnUrl: returnUrl);

        AssertLocalRedirect(response);
    }

    [Fact]
    public async Task SignIn_WithANulInTheForm_Answers400Page()
    {
        using var browser = NewBrowser();

        // The form reader refuses NUL in a field; that is the 400 page, not an exception.
        await AssertRefusalPageAsync(await SignInAsync(browser, returnUrl: "/\u0000/evil.example"));
        Assert.False(await IsSignedInAsync(browser));
    }

    [Theory]
    [InlineData("/\r\n/evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("/journeys/Ünïcode journey/edit")]
    public async Task FailedSignIn_WithAnyReturnUrl_RedirectsBackToTheSignInPage(string returnUrl)
    {
        using var browser = NewBrowser();

        var response = await SignInAsync(browser, password: "Not-the-password-1", returnUrl: returnUrl);

        AssertLocalRedirect(response);
        Assert.StartsWith("/admin/login?error=1", response.Headers.Location!.OriginalString);
        // The sign-in page shown after it carries only a safe return URL as well.
        var page = await browser.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Theory]
    [InlineData("/%09/evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/%5Cevil.example")]
    public async Task SignInPage_WithAHostileReturnUrlInItsQuery_PutsOnlyALocalPathIntoTheForm(string returnUrlQuery)
    {
        using var browser = NewBrowser();

        var html = await browser.GetStringAsync($"/admin/login?ReturnUrl={returnUrlQuery}");

        Assert.Matches("""name="ReturnUrl" value="/"|value="/" [^>]*name="ReturnUrl""", html);
    }

    private void AssertLocalRedirect(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/", location);
        Assert.False(location.StartsWith("//") || location.StartsWith("/\\"), location);
        Assert.DoesNotContain(location, c => char.IsControl(c) || c == '\\' || c > '~');
        Assert.Equal(fixture.Server.BaseAddress.Authority, new Uri(fixture.Server.BaseAddress, location).Authority);
    }

    [Fact]
    public async Task SignOut_WithoutTheAntiforgeryToken_IsRefused_AndTheAdminStaysSignedIn()
    {
        using var browser = NewBrowser();
        await SignInAsync(browser);

        var response = await PostFormAsync(browser, "/admin/logout", new Dictionary<string, string>());

        await AssertRefusalPageAsync(response);
        Assert.True(await IsSignedInAsync(browser));
    }

    [Fact]
    public async Task SignOut_WithATokenIssuedBeforeSigningIn_IsRefused()
    {
        using var browser = NewBrowser();
        var anonymousToken = await AntiforgeryTokenAsync(browser);
        await SignInAsync(browser);

        var response = await PostFormAsync(browser, "/admin/logout", new Dictionary<string, string> { [TokenField] = anonymousToken });

        await AssertRefusalPageAsync(response);
        Assert.True(await IsSignedInAsync(browser));
    }

    [Fact]
    public async Task SignOut_WithTheToken_SignsOut()
    {
        using var browser = NewBrowser();
        await SignInAsync(browser);

        var response = await PostFormAsync(browser, "/admin/logout", new Dictionary<string, string> { [TokenField] = await AntiforgeryTokenAsync(browser) });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/login", response.Headers.Location?.OriginalString);
        Assert.False(await IsSignedInAsync(browser));
    }
}
