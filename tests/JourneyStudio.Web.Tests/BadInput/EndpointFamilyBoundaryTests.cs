using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Json;
using JourneyStudio.Web.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace JourneyStudio.Web.Tests.BadInput;

/// <summary>The boundary's mapping for every family, including those no outage in a test can reach (the hosted pages' QR renderer).</summary>
public sealed class EndpointFamilyBoundaryTests
{
    private static async Task<(int Status, JsonObject Body)> RunAsync(string path, Exception thrown)
    {
        var boundary = new EndpointFamilyBoundary(_ => throw thrown, NullLogger<EndpointFamilyBoundary>.Instance);
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        http.Request.Path = path;
        http.Response.Body = new MemoryStream();

        await boundary.InvokeAsync(http);

        http.Response.Body.Position = 0;
        return (http.Response.StatusCode, (JsonObject)JsonNode.Parse(http.Response.Body)!);
    }

    [Theory]
    [InlineData("/json/realms/root/realms/alpha/authenticate", EndpointFamilyBoundary.UnexpectedAmMessage)]
    [InlineData("/json/realms/root/push/sns/message", EndpointFamilyBoundary.UnexpectedAmMessage)]
    [InlineData("/login/qr", EndpointFamilyBoundary.UnexpectedAmMessage)]
    [InlineData("/account", EndpointFamilyBoundary.UnexpectedAmMessage)]
    [InlineData("/authenticator", EndpointFamilyBoundary.UnexpectedAmMessage)]
    [InlineData("/virtual-authenticator/api/inbox/x", EndpointFamilyBoundary.UnexpectedAmMessage)]
    [InlineData("/admin/api/identities", EndpointFamilyBoundary.UnexpectedAdminMessage)]
    public async Task Bug_IsAGeneric500InTheFamilysShape(string path, string message)
    {
        var (status, body) = await RunAsync(path, new InvalidOperationException("secret internal detail"));

        Assert.Equal(500, status);
        Assert.Equal(500, (int?)body["code"]);
        Assert.Equal("Internal Server Error", (string?)body["reason"]);
        Assert.Equal(message, (string?)body["message"]);
        Assert.DoesNotContain("secret", body.ToJsonString());
    }

    [Theory]
    [InlineData("/login/qr")]
    [InlineData("/admin/api/journeys/import")]
    public async Task JsonInputException_IsA400NamingThePath(string path)
    {
        var (status, body) = await RunAsync(path, new JsonInputException(new JsonInputProblem(JsonInputRejection.InvalidUtf16, "$.text", "the string holds \\ud800")));

        Assert.Equal(400, status);
        Assert.Contains("$.text", body.ToJsonString());
    }

    [Fact]
    public async Task ServerRefusal_KeepsItsStatus()
    {
        var (status, body) = await RunAsync("/json/realms/root/authenticate", new BadHttpRequestException("Request body too large.", 413));

        Assert.Equal(413, status);
        Assert.Equal("Request body too large.", (string?)body["message"]);
    }

    [Fact]
    public async Task StudioPages_AreLeftToTheStudiosErrorHandling()
    {
        var boundary = new EndpointFamilyBoundary(_ => throw new InvalidOperationException("page bug"), NullLogger<EndpointFamilyBoundary>.Instance);
        var http = new DefaultHttpContext();
        http.Request.Path = "/journeys/Login";

        await Assert.ThrowsAsync<InvalidOperationException>(() => boundary.InvokeAsync(http));
    }

    [Theory]
    [InlineData("/json/x", "end-user and device API")]
    [InlineData("/JSON/realms/root/authenticate", "end-user and device API")]
    [InlineData("/login", "hosted pages")]
    [InlineData("/loginx", "studio")]
    [InlineData("/admin/api", "admin API")]
    [InlineData("/admin/login", "studio")]
    [InlineData("/virtual-authenticator/api/inbox/a", "virtual authenticator")]
    [InlineData("/", "studio")]
    public void Families_AreFoundByPathPrefix(string path, string family)
    {
        Assert.Equal(family, EndpointFamilies.Of(path).Name);
    }
}
