using System.Net;
using JourneyStudio.Testing;

namespace JourneyStudio.Web.Tests.Api;

/// <summary>End-user sessions after sign-on: getSessionInfo, logout, the user's own profile.</summary>
public sealed class UserSessionTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private const string Sessions = AmClient.AlphaPath + "/sessions";

    [Fact]
    public async Task GetSessionInfo_WithTheCookie_DescribesTheSession()
    {
        using var client = fixture.CreateClient();
        await client.SignOnAsync(SignOnJourneys.Plain, SignOnJourneys.Username, SignOnJourneys.Password);

        var info = await client.PostAsync(Sessions + "?_action=getSessionInfo", "{}");

        Assert.Equal(HttpStatusCode.OK, info.Status);
        Assert.Equal(SignOnJourneys.Username, info.Body["username"]!.GetValue<string>());
        Assert.Equal("id=jdoe,ou=user,o=alpha,ou=services,ou=am-config", info.Body["universalId"]!.GetValue<string>());
        Assert.Equal("/alpha", info.Body["realm"]!.GetValue<string>());
        var lastAccess = DateTimeOffset.Parse(info.Body["latestAccessTime"]!.GetValue<string>());
        var expiry = DateTimeOffset.Parse(info.Body["maxIdleExpirationTime"]!.GetValue<string>());
        Assert.InRange(expiry - lastAccess, TimeSpan.FromMinutes(119), TimeSpan.FromMinutes(121));
    }

    [Fact]
    public async Task GetSessionInfo_WithTheHeaderOrBodyToken_WorksWithoutCookies()
    {
        using var signOn = fixture.CreateClient();
        var success = await signOn.SignOnAsync(SignOnJourneys.Plain, SignOnJourneys.Username, SignOnJourneys.Password);
        var token = success.Body["tokenId"]!.GetValue<string>();
        using var other = fixture.CreateClient();

        var byHeader = await other.PostAsync(Sessions + "?_action=getSessionInfo", "{}", new Dictionary<string, string> { ["iPlanetDirectoryPro"] = token });
        var byBody = await other.PostAsync(Sessions + "?_action=getSessionInfo", $$"""{"tokenId":"{{token}}"}""");

        Assert.Equal(SignOnJourneys.Username, byHeader.Body["username"]!.GetValue<string>());
        Assert.Equal(SignOnJourneys.Username, byBody.Body["username"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task GetSessionInfo_WithoutAValidSession_Is401(string? token)
    {
        using var client = fixture.CreateClient();
        var headers = token is null ? null : new Dictionary<string, string> { ["iPlanetDirectoryPro"] = token };
        var info = await client.PostAsync(Sessions + "?_action=getSessionInfo", "{}", headers);
        AuthenticateErrorTests.AssertError(info, 401, "No valid session");
    }

    [Theory]
    [InlineData("", "Name the action")]
    [InlineData("?_action=refresh", "Action 'refresh' is not supported")]
    public async Task Sessions_WithoutAKnownAction_Is400(string query, string expected)
    {
        using var client = fixture.CreateClient();
        AuthenticateErrorTests.AssertError(await client.PostAsync(Sessions + query, "{}"), 400, expected);
    }

    [Fact]
    public async Task Logout_EndsTheSessionAndClearsTheCookie()
    {
        using var client = fixture.CreateClient();
        await client.SignOnAsync(SignOnJourneys.Plain, SignOnJourneys.Username, SignOnJourneys.Password);
        var token = client.SessionCookie!;

        var logout = await client.PostAsync(Sessions + "?_action=logout", "{}");

        Assert.Equal(HttpStatusCode.OK, logout.Status);
        Assert.Equal("""{"result":"Successfully logged out"}""", logout.Text);
        Assert.Null(client.SessionCookie);
        using var other = fixture.CreateClient();
        var info = await other.PostAsync(Sessions + "?_action=getSessionInfo", "{}", new Dictionary<string, string> { ["iPlanetDirectoryPro"] = token });
        Assert.Equal(HttpStatusCode.Unauthorized, info.Status);
    }

    [Fact]
    public async Task UserSession_AfterItsLifetime_IsGone()
    {
        await using var server = StudioServer.Start(new Dictionary<string, string?> { ["JourneyStudio:Sessions:UserSessionLifetime"] = "00:00:01" });
        await SignOnJourneys.SeedAsync(server);
        using var client = new AmClient(server);
        var success = await client.SignOnAsync(SignOnJourneys.Plain, SignOnJourneys.Username, SignOnJourneys.Password);
        var token = success.Body["tokenId"]!.GetValue<string>();
        var headers = new Dictionary<string, string> { ["iPlanetDirectoryPro"] = token };

        await Task.Delay(1200);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync(Sessions + "?_action=getSessionInfo", "{}", headers)).Status);
    }

    [Fact]
    public async Task Users_OwnProfile_IsReturned()
    {
        using var client = fixture.CreateClient();
        await client.SignOnAsync(SignOnJourneys.PageWithRetry, SignOnJourneys.Username, SignOnJourneys.Password);

        var profile = await client.GetAsync(AmClient.AlphaPath + "/users/" + SignOnJourneys.Username);

        Assert.Equal(HttpStatusCode.OK, profile.Status);
        Assert.Equal("""{"_id":"jdoe","username":"jdoe","givenName":"Jane","sn":"Doe","mail":"jane.doe@example.com"}""", profile.Text);
    }

    [Fact]
    public async Task Users_SomeoneElsesProfile_Is403()
    {
        using var client = fixture.CreateClient();
        await client.SignOnAsync(SignOnJourneys.Plain, SignOnJourneys.Username, SignOnJourneys.Password);

        AuthenticateErrorTests.AssertError(await client.GetAsync(AmClient.AlphaPath + "/users/someone-else"), 403, "only read your own profile");
    }

    [Fact]
    public async Task Users_WithoutASession_Is401()
    {
        using var client = fixture.CreateClient();
        AuthenticateErrorTests.AssertError(await client.GetAsync(AmClient.AlphaPath + "/users/" + SignOnJourneys.Username), 401, "No valid session");
    }

    [Fact]
    public async Task Users_SessionOfAnotherRealm_Is401()
    {
        using var client = fixture.CreateClient();
        await client.SignOnAsync(SignOnJourneys.Plain, SignOnJourneys.Username, SignOnJourneys.Password);
        AuthenticateErrorTests.AssertError(await client.GetAsync("json/realms/root/users/" + SignOnJourneys.Username), 401, "No valid session in this realm");
    }
}
