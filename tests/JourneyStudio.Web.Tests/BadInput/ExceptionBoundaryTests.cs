using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using JourneyStudio.Runtime.Mfa;
using JourneyStudio.Testing;
using static JourneyStudio.Web.Tests.BadInput.ErrorShapes;

namespace JourneyStudio.Web.Tests.BadInput;

/// <summary>The real studio in Development (developer exception page on) with a database that can fail on demand.</summary>
public sealed class OutageServerFixture : IAsyncLifetime
{
    public DatabaseOutage Outage { get; } = new();

    public StudioServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = StudioServer.Start(configureServices: Outage.Register);
        await SignOnJourneys.SeedAsync(Server);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>
/// Every endpoint family has an exception boundary that answers in the family's own shape with no details,
/// even with the developer exception page on: a bug or an outage is a generic 500, the details are only logged.
/// </summary>
public sealed class ExceptionBoundaryTests(OutageServerFixture fixture) : IClassFixture<OutageServerFixture>
{
    private const string Alpha = "json/realms/root/realms/alpha";
    private const string DeviceToken = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    private static void AssertGeneric500(RawReply reply)
    {
        Assert.DoesNotContain(DatabaseOutage.SecretDetail, reply.Text);
        Assert.DoesNotContain("InvalidOperation", reply.Text);
    }

    public static TheoryData<string, string, string> EndUserRequests => new()
    {
        { "end-user authenticate", "POST", $"{Alpha}/authenticate?authIndexType=service&authIndexValue={Uri.EscapeDataString(SignOnJourneys.Plain)}" },
        { "end-user sessions", "POST", $"{Alpha}/sessions?_action=getSessionInfo" },
        { "end-user users", "GET", $"{Alpha}/users/{SignOnJourneys.Username}" },
        { "device register", "POST", $"{Alpha}/push/sns/message?_action=register" },
        { "device register, root realm", "POST", "json/realms/root/push/sns/message?_action=authenticate" },
        { "virtual authenticator inbox", "GET", $"virtual-authenticator/api/inbox/{DeviceToken}" },
    };

    [Theory]
    [MemberData(nameof(EndUserRequests))]
    public async Task AmFamilies_FailingService_Are500InAmShape_WithoutDetails(string family, string method, string path)
    {
        using var client = fixture.Server.CreateClient();
        client.DefaultRequestHeaders.Add("iPlanetDirectoryPro", "some-token");
        var body = path.Contains("push/sns") ? Encoding.UTF8.GetBytes(
            $$"""{"messageId":"{{(path.Contains("register") ? PushMessageIds.NewRegister(DateTimeOffset.UtcNow) : PushMessageIds.NewAuthenticate(DateTimeOffset.UtcNow))}}","jwt":"a.b.c"}""") : null;

        RawReply reply;
        using (fixture.Outage.Begin())
            reply = await RawReply.SendAsync(client, new HttpMethod(method), path, body ?? (method == "POST" ? [] : null));

        Assert.True(reply.Status == 500, $"{family}: {reply}");
        AssertAmError(reply, 500);
        Assert.Equal("Internal Server Error", (string?)reply.Json!["reason"]);
        AssertGeneric500(reply);
    }

    [Theory]
    [InlineData("GET", "admin/api/journeys")]
    [InlineData("POST", "admin/api/identities")]
    [InlineData("DELETE", "admin/api/identities/nobody")]
    public async Task AdminApi_FailingService_EvenInAuthentication_Is500InAdminShape_WithoutDetails(string method, string path)
    {
        using var admin = fixture.Server.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{StudioServer.AdminUsername}:{StudioServer.AdminPassword}")));

        RawReply reply;
        using (fixture.Outage.Begin())
            // A write carries the JSON content type (a bodiless DELETE too), so it gets past the request guard into authentication.
            reply = await RawReply.SendAsync(admin, new HttpMethod(method), path, method switch
            {
                "POST" => """{"username":"x"}"""u8.ToArray(),
                "GET" => null,
                _ => [],
            });

        AssertAdminError(reply, 500);
        AssertGeneric500(reply);
    }

    [Theory]
    [InlineData("GET", Alpha + "/authenticate")]
    [InlineData("POST", "json/realms/root/realms/alpha/no-such-thing")]
    [InlineData("GET", "virtual-authenticator/api/no-such-thing")]
    [InlineData("PUT", "login/qr")]
    public async Task AmFamilies_EmptyErrorAnswers_GetAnAmBody_NotTheStudiosHtmlPage(string method, string path)
    {
        using var client = fixture.Server.CreateClient();

        var reply = await RawReply.SendAsync(client, new HttpMethod(method), path, null);

        Assert.True(reply.Status is 404 or 405, reply.ToString());
        AssertAmError(reply, reply.Status);
    }
}

/// <summary>The same boundaries with the host in Production, where the studio's own pages have the error page.</summary>
public sealed class ProductionExceptionBoundaryTests : IAsyncLifetime
{
    private readonly DatabaseOutage _outage = new();
    private StudioServer _server = null!;

    public Task InitializeAsync()
    {
        _server = StudioServer.Start(configureServices: _outage.Register, environment: "Production");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task StudioPage_FailingService_IsTheErrorPage_WithoutDetails()
    {
        using var browser = new HttpClient(new HttpClientHandler { UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = _server.BaseAddress };
        var form = await browser.GetStringAsync("admin/login");
        var fields = new Dictionary<string, string> { ["Username"] = StudioServer.AdminUsername, ["Password"] = StudioServer.AdminPassword, ["ReturnUrl"] = "/" };
        if (Regex.Match(form, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"") is { Success: true } token)
            fields["__RequestVerificationToken"] = token.Groups[1].Value;

        HttpResponseMessage response;
        using (_outage.Begin())
            response = await browser.PostAsync("admin/login", new FormUrlEncodedContent(fields));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("The request could not be completed.", text);
        Assert.DoesNotContain(DatabaseOutage.SecretDetail, text);
        Assert.DoesNotContain("   at ", text);
    }

    [Fact]
    public async Task EndUserApi_FailingService_IsAmJson_NotTheStudiosErrorPage()
    {
        using var client = _server.CreateClient();

        RawReply reply;
        using (_outage.Begin())
            reply = await RawReply.PostAsync(client, "json/realms/root/realms/alpha/authenticate", "");

        AssertAmError(reply, 500);
        Assert.DoesNotContain(DatabaseOutage.SecretDetail, reply.Text);
    }
}
