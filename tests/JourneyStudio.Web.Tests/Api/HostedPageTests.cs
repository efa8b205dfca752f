using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace JourneyStudio.Web.Tests.Api;

/// <summary>The hosted pages are served to anyone, and the QR renderer refuses oversized or malformed input.</summary>
public sealed class HostedPageTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    [Theory]
    [InlineData("/login", "/assets/login.js")]
    [InlineData("/login?journey=Login", "/assets/login.js")]
    [InlineData("/account?realm=alpha", "/assets/account.js")]
    public async Task Page_IsServedWithoutAdminLogin(string path, string script)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Server.BaseAddress };

        var response = await client.GetAsync(path.TrimStart('/'));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(script, await response.Content.ReadAsStringAsync());
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
    }

    [Theory]
    [InlineData("/assets/login.js")]
    [InlineData("/assets/common.js")]
    [InlineData("/assets/theme.css")]
    public async Task PageAssets_AreServed(string path)
    {
        using var client = fixture.Server.CreateClient();
        var response = await client.GetAsync(path.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Qr_RendersTheTextAsSvg()
    {
        using var client = fixture.CreateClient();

        var response = await client.Http.PostAsync("login/qr", Json(new JsonObject { ["text"] = "pushauth://push/forgerock:jdoe?a=aHR0cA&r=cmVn&s=c2VjcmV0" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        var svg = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<svg", svg.TrimStart().Substring(svg.TrimStart().IndexOf("<svg", StringComparison.Ordinal)));
        Assert.Contains("<rect", svg);
        Assert.DoesNotContain("<script", svg);
    }

    [Fact]
    public async Task Qr_DifferentTexts_GiveDifferentCodes()
    {
        using var client = fixture.CreateClient();
        var a = await (await client.Http.PostAsync("login/qr", Json(new JsonObject { ["text"] = "otpauth://totp/a" }))).Content.ReadAsStringAsync();
        var b = await (await client.Http.PostAsync("login/qr", Json(new JsonObject { ["text"] = "otpauth://totp/b" }))).Content.ReadAsStringAsync();
        Assert.NotEqual(a, b);
    }

    [Theory]
    [InlineData("{}", "Send the text")]
    [InlineData("{\"text\":\"\"}", "Send the text")]
    [InlineData("{\"text\":5}", "Send the text")]
    [InlineData("not json", "not valid JSON")]
    public async Task Qr_WithoutText_Is400(string body, string expected)
    {
        using var client = fixture.CreateClient();
        AuthenticateErrorTests.AssertError(await client.PostAsync("login/qr", body), 400, expected);
    }

    [Fact]
    public async Task Qr_TextOver2KB_Is400()
    {
        using var client = fixture.CreateClient();
        var response = await client.PostAsync("login/qr", new JsonObject { ["text"] = new string('a', 2049) }.ToJsonString());
        AuthenticateErrorTests.AssertError(response, 400, "at most 2048 bytes");
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
