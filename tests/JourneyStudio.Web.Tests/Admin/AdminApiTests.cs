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

    [Theory]
    [InlineData("GET", "/admin/api/journeys")]
    [InlineData("GET", "/admin/api/journeys/Login")]
    [InlineData("POST", "/admin/api/journeys/import")]
    [InlineData("GET", "/admin/api/identities")]
    [InlineData("DELETE", "/admin/api/identities/someone/devices")]
    [InlineData("GET", "/admin/api/no-such-thing")]
    public async Task AnyEndpoint_WithoutCredentials_Answers401Json(string method, string path)
    {
        var response = await fixture.Anonymous().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("Basic", response.Headers.WwwAuthenticate.ToString());
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
    public async Task AnyEndpoint_WithAnEndUsersCredentials_Answers403(string method, string path)
    {
        var response = await fixture.WithBasic(EndUser, EndUserPassword).SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await AssertErrorAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync("/admin/api/journeys/Login")).StatusCode);
    }

    [Theory]
    [InlineData("GET", "/admin/api/no-such-thing")]
    [InlineData("GET", "/admin/api")]
    [InlineData("POST", "/admin/api/journeys/Login/validation")]
    [InlineData("PATCH", "/admin/api/identities/someone")]
    public async Task UnknownRoute_AnswersJson404(string method, string path)
    {
        var response = await _admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "no admin API endpoint");
    }
}
