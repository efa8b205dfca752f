using System.Net;
using System.Text.Json.Nodes;

namespace JourneyStudio.Web.Tests.OAuth2;

public sealed partial class OAuth2ProtocolTests
{
    private async Task<HttpResponseMessage> PreflightAsync(string path, string origin, string method = "POST", string headers = "accept-api-version,content-type,x-requested-with")
    {
        using var http = host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return await http.SendAsync(request);
    }

    [Theory]
    [InlineData("json/realms/root/realms/alpha/authenticate")]
    [InlineData("json/realms/root/realms/alpha/sessions/")]
    [InlineData("oauth2/realms/root/realms/alpha/access_token")]
    [InlineData("oauth2/realms/root/realms/alpha/userinfo")]
    [InlineData("oauth2/realms/root/realms/alpha/connect/endSession")]
    [InlineData("oauth2/realms/root/realms/alpha/token/revoke")]
    public async Task Cors_RegisteredOrigin_GetsPreflightWithCredentials_OtherOriginsNothing(string path)
    {
        var origin = $"http://127.0.0.{Random.Shared.Next(2, 250)}:{Random.Shared.Next(1025, 65000)}";
        await host.CreatePublicClientAsync("cors", new JsonObject { ["corsOrigins"] = new JsonArray(origin + "/") });

        var allowed = await PreflightAsync(path, origin, headers: "accept-api-version,authorization,content-type,x-requested-with");
        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal(origin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("true", allowed.Headers.GetValues("Access-Control-Allow-Credentials").Single());
        Assert.Contains("authorization", allowed.Headers.GetValues("Access-Control-Allow-Headers").Single());

        var other = await PreflightAsync(path, "http://attacker.example");
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(other.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Cors_ActualRequestFromTheOrigin_CarriesTheHeaders_AndTheAdminApiStaysClosed()
    {
        var origin = $"http://127.0.0.{Random.Shared.Next(2, 250)}:{Random.Shared.Next(1025, 65000)}";
        await host.CreatePublicClientAsync("cors2", new JsonObject { ["corsOrigins"] = new JsonArray(origin) });
        using var http = host.Server.CreateClient();
        using var discovery = new HttpRequestMessage(HttpMethod.Get, "oauth2/realms/root/realms/alpha/.well-known/openid-configuration");
        discovery.Headers.Add("Origin", origin);
        var answer = await http.SendAsync(discovery);
        Assert.Equal(origin, answer.Headers.GetValues("Access-Control-Allow-Origin").Single());

        // A client origin is no admin: the admin API still refuses it, and gets no CORS header.
        using var admin = new HttpRequestMessage(HttpMethod.Post, "admin/api/identities")
        {
            Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
        };
        admin.Headers.Add("Origin", origin);
        admin.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
            $"{Testing.StudioServer.AdminUsername}:{Testing.StudioServer.AdminPassword}")));
        var refused = await http.SendAsync(admin);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
        var preflight = await PreflightAsync("admin/api/identities", origin);
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
