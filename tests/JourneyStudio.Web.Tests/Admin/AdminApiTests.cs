using System.Net;
using static JourneyStudio.Web.Tests.Admin.AdminApiFixture;

namespace JourneyStudio.Web.Tests.Admin;

/// <summary>
/// The admin REST API over real HTTP against the real program. Split per area (partial classes); each
/// test uses journey and user names of its own, so the tests share one server.
/// </summary>
public sealed partial class AdminApiTests(AdminApiFixture fixture) : IClassFixture<AdminApiFixture>
{
    private readonly HttpClient _admin = fixture.Admin();

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string? messageContains = null)
    {
        Assert.Equal(status, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal((int)status, body.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("reason").GetString()));
        var message = body.GetProperty("message").GetString()!;
        if (messageContains is not null) Assert.Contains(messageContains, message);
    }

    /// <summary>A request as a script sends it: writes carry <c>Content-Type: application/json</c> (DELETE too, with an empty body).</summary>
    private static HttpRequestMessage ScriptRequest(string method, string path, string? json = null) =>
        new(new HttpMethod(method), path) { Content = method is "GET" or "HEAD" && json is null ? null : Json(json ?? "") };

    private Task<HttpResponseMessage> DeleteAsync(string path) => _admin.SendAsync(ScriptRequest("DELETE", path));

    [Theory]
    [InlineData("GET", "/admin/api/journeys")]
    [InlineData("GET", "/admin/api/journeys/Login")]
    [InlineData("POST", "/admin/api/journeys/import")]
    [InlineData("GET", "/admin/api/identities")]
    [InlineData("DELETE", "/admin/api/identities/someone/devices")]
    [InlineData("GET", "/admin/api/no-such-thing")]
    public async Task AnyEndpoint_WithoutCredentials_Answers401Json_WithABearerChallenge(string method, string path)
    {
        var response = await fixture.Anonymous().SendAsync(ScriptRequest(method, path));

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized);
        // A Basic challenge would make a browser ask for, then remember, the admin's password for this origin.
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task Journeys_WithWrongAdminPassword_Answers401()
    {
        var response = await fixture.WithBasic(Testing.StudioServer.AdminUsername, "wrong-password").GetAsync("/admin/api/journeys");

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("GET", "/admin/api/journeys")]
    [InlineData("DELETE", "/admin/api/journeys/Login")]
    [InlineData("GET", "/admin/api/identities")]
    public async Task AnyEndpoint_WithAnEndUsersCredentials_Answers401LikeWrongOnes(string method, string path)
    {
        var response = await fixture.WithBasic(EndUser, EndUserPassword).SendAsync(ScriptRequest(method, path));

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync("/admin/api/journeys/Login")).StatusCode);
    }

    [Theory]
    [InlineData("GET", "/admin/api/no-such-thing")]
    [InlineData("GET", "/admin/api")]
    [InlineData("POST", "/admin/api/journeys/Login/validation")]
    [InlineData("PATCH", "/admin/api/identities/someone")]
    public async Task UnknownRoute_AnswersJson404(string method, string path)
    {
        var response = await _admin.SendAsync(ScriptRequest(method, path, method == "GET" ? null : "{}"));

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "no admin API endpoint");
    }
}
