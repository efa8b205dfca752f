using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using JourneyStudio.Testing;

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

    [Theory]
    [InlineData("", "alpha")]
    [InlineData("?realm=root", "root")]
    public async Task PushDelivery_NamesTheEmbeddedTransport_ForTheRealm(string query, string realm)
    {
        using var client = fixture.CreateClient();

        var response = await client.Http.GetAsync("login/push-delivery" + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal((realm, "embedded"), (body["realm"]!.GetValue<string>(), body["transport"]!.GetValue<string>()));
        Assert.Equal(2, body.Count); // the transport's name only: nothing of the SNS settings
    }

    [Fact]
    public async Task PushDelivery_WithSnsConfigured_SaysSns_WithoutItsSettings()
    {
        await using var server = StudioServer.Start(new Dictionary<string, string?>
        {
            ["JourneyStudio:Push:Transport"] = "sns",
            ["JourneyStudio:Push:Sns:Region"] = "eu-west-1",
            ["JourneyStudio:Push:Sns:AccessKeyId"] = "AKIDPUSHDELIVERY0001",
            ["JourneyStudio:Push:Sns:SecretAccessKey"] = "push-delivery-secret",
            ["JourneyStudio:Push:Sns:GcmPlatformApplicationArn"] = "arn:aws:sns:eu-west-1:123456789012:app/GCM/journeystudio",
            ["JourneyStudio:Push:Sns:ApnsPlatformApplicationArn"] = "arn:aws:sns:eu-west-1:123456789012:app/APNS/journeystudio",
        });
        using var client = server.CreateClient();

        var response = await client.GetAsync("login/push-delivery?realm=alpha");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("sns", JsonNode.Parse(text)!["transport"]!.GetValue<string>());
        Assert.DoesNotContain("AKID", text);
        Assert.DoesNotContain("secret", text);
    }

    [Theory]
    [InlineData("?realm=nowhere", "There is no realm 'nowhere'")]
    [InlineData("?realm=ALPHA%00", "There is no realm")]
    public async Task PushDelivery_UnknownRealm_Is400(string query, string expected)
    {
        using var client = fixture.CreateClient();
        AuthenticateErrorTests.AssertError(await client.GetAsync("login/push-delivery" + query), 400, expected);
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
