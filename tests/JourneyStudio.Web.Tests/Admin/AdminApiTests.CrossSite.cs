using System.Net;
using System.Net.Http.Headers;
using System.Text;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Testing;
using Microsoft.Extensions.DependencyInjection;
using static JourneyStudio.Web.Tests.Admin.AdminApiFixture;

namespace JourneyStudio.Web.Tests.Admin;

/// <summary>
/// The admin API cannot be driven by another site's page: a browser that holds admin credentials for the
/// studio sends them with any request such a page makes, so writes must be JSON (which an HTML form cannot
/// send) and requests the browser marks as cross-site are refused.
/// </summary>
public sealed partial class AdminApiTests
{
    private string OwnOrigin => fixture.Server.BaseAddress.GetLeftPart(UriPartial.Authority);

    private static HttpContent Body(string text, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        if (contentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/plain; charset=UTF-8")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=----form")]
    [InlineData(null)]
    public async Task Import_InAContentTypeAnHtmlFormCanSend_Answers415AndChangesNothing(string? contentType)
    {
        var before = await Store.GetAsync("Login");

        var response = await _admin.PostAsync("/admin/api/journeys/import", Body(SimpleExport("Login", "rewritten by a form"), contentType));

        await AssertErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "Content-Type: application/json");
        var after = await Store.GetAsync("Login");
        Assert.Equal(before!.Revision, after!.Revision);
    }

    [Fact]
    public async Task CreateIdentity_AsTextPlain_Answers415AndCreatesNobody()
    {
        var response = await _admin.PostAsync("/admin/api/identities",
            Body("""{"username":"form.made","password":"Form-password-1"}""", "text/plain"));

        await AssertErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "application/json");
        Assert.Null(await Identities.GetAsync("form.made"));
    }

    [Fact]
    public async Task Delete_WithoutContentType_Answers415AndKeepsTheJourney_WithItDeletes()
    {
        await PutAsync("Delete needs json", SimpleExport("Delete needs json"));

        var bare = await _admin.DeleteAsync(Path("Delete needs json"));

        await AssertErrorAsync(bare, HttpStatusCode.UnsupportedMediaType, "DELETE too");
        Assert.NotNull(await Store.GetAsync("Delete needs json"));
        Assert.Equal(HttpStatusCode.NoContent, (await DeleteAsync(Path("Delete needs json"))).StatusCode);
        Assert.Null(await Store.GetAsync("Delete needs json"));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON; charset=\"UTF-8\"")]
    public async Task CreateIdentity_AsJson_WithOrWithoutUtf8Charset_Works(string contentType)
    {
        var username = "json." + Math.Abs(contentType.GetHashCode());

        var response = await _admin.PostAsync("/admin/api/identities",
            Body($$"""{"username":"{{username}}","password":"Json-password-1"}""", contentType));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json-patch+json")]
    [InlineData("application/jsonx")]
    public async Task CreateIdentity_InAnotherJsonishType_Answers415(string contentType)
    {
        var response = await _admin.PostAsync("/admin/api/identities",
            Body("""{"username":"not.json","password":"Json-password-1"}""", contentType));

        await AssertErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "application/json");
        Assert.Null(await Identities.GetAsync("not.json"));
    }

    public static TheoryData<string, string> CrossSiteHeaders => new()
    {
        { "Sec-Fetch-Site", "cross-site" },
        { "Sec-Fetch-Site", "same-site" },
        { "Origin", "https://evil.example" },
        { "Origin", "null" },
        { "Origin", "http://127.0.0.1:1" },
    };

    [Theory]
    [MemberData(nameof(CrossSiteHeaders))]
    public async Task Write_ThatABrowserMarksAsFromAnotherSite_Answers403AndChangesNothing(string header, string value)
    {
        var username = "xsite." + Math.Abs((header + value).GetHashCode());
        var request = ScriptRequest("POST", "/admin/api/identities", $$"""{"username":"{{username}}","password":"Cross-password-1"}""");
        request.Headers.TryAddWithoutValidation(header, value);

        var response = await _admin.SendAsync(request);

        await AssertErrorAsync(response, HttpStatusCode.Forbidden, "other sites");
        Assert.Null(await Identities.GetAsync(username));
    }

    [Fact]
    public async Task HtmlFormFromAnotherSite_PostingTextPlainToImport_IsRefusedAndChangesNothing()
    {
        var before = await Store.GetAsync("Login");
        // What Chromium sends for <form method=post enctype=text/plain action=".../import"> on another site's page.
        var request = new HttpRequestMessage(HttpMethod.Post, "/admin/api/journeys/import") { Content = Body(SimpleExport("Login", "pwned") + "=", "text/plain") };
        request.Headers.TryAddWithoutValidation("Origin", "https://evil.example");
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "cross-site");
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Mode", "navigate");

        var response = await _admin.SendAsync(request);

        await AssertErrorAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(before!.Revision, (await Store.GetAsync("Login"))!.Revision);
    }

    [Fact]
    public async Task Read_ThatABrowserMarksAsCrossSite_Answers403()
    {
        var request = ScriptRequest("GET", "/admin/api/identities");
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "cross-site");

        await AssertErrorAsync(await _admin.SendAsync(request), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Requests_FromTheStudiosOwnOrigin_OrTypedIntoTheAddressBar_AreServed()
    {
        var sameOrigin = ScriptRequest("POST", "/admin/api/identities", """{"username":"same.origin","password":"Same-password-1"}""");
        sameOrigin.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "same-origin");
        sameOrigin.Headers.TryAddWithoutValidation("Origin", OwnOrigin);
        var typed = ScriptRequest("GET", "/admin/api/journeys");
        typed.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "none");

        Assert.Equal(HttpStatusCode.Created, (await _admin.SendAsync(sameOrigin)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.SendAsync(typed)).StatusCode);
    }

    [Fact]
    public async Task AnyFailedSignIn_NeverChallengesWithBasic()
    {
        HttpClient[] clients =
        [
            fixture.Anonymous(),
            fixture.WithBasic(StudioServer.AdminUsername, "wrong-password"),
            fixture.WithBasic(EndUser, EndUserPassword),
            fixture.WithBearer("jst_" + new string('A', 43)),
            fixture.WithBearer("not-a-token"),
        ];
        foreach (var client in clients)
        {
            var response = await client.GetAsync("/admin/api/journeys");

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.DoesNotContain(response.Headers.WwwAuthenticate, h => h.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase));
        }
    }
}

/// <summary>Behind a proxy, the studio's public origin (<c>JourneyStudio:PublicBaseUrl</c>) counts as its own.</summary>
public sealed class AdminApiPublicOriginTests
{
    [Fact]
    public async Task Origin_OfThePublicBaseUrl_IsServed_AnotherIsRefused()
    {
        await using var server = StudioServer.Start(new Dictionary<string, string?> { ["JourneyStudio:PublicBaseUrl"] = "https://studio.example/" });
        using var admin = server.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{StudioServer.AdminUsername}:{StudioServer.AdminPassword}")));

        async Task<HttpStatusCode> CreateWithOriginAsync(string username, string origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/admin/api/identities")
            {
                Content = Json($$"""{"username":"{{username}}","password":"Proxy-password-1"}"""),
            };
            request.Headers.TryAddWithoutValidation("Origin", origin);
            return (await admin.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.Created, await CreateWithOriginAsync("via.proxy", "https://studio.example"));
        Assert.Equal(HttpStatusCode.Created, await CreateWithOriginAsync("via.address", server.BaseAddress.GetLeftPart(UriPartial.Authority)));
        Assert.Equal(HttpStatusCode.Forbidden, await CreateWithOriginAsync("via.other", "https://other.studio.example"));
        Assert.Equal(HttpStatusCode.Forbidden, await CreateWithOriginAsync("via.http", "http://studio.example"));
    }
}
