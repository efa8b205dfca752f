using System.Net;
using System.Text.RegularExpressions;
using JourneyStudio.Testing;
using JourneyStudio.Web.Tests.Api;

namespace JourneyStudio.Web.Tests.Hosting;

/// <summary>
/// What a browser is told about every response: where scripts may come from, that no other site may frame the
/// page, not to sniff content types, how much of the URL to pass on.
/// </summary>
public sealed partial class SecurityHeadersTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private HttpClient NewClient() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Server.BaseAddress };

    [Theory]
    [InlineData("admin/login", HttpStatusCode.OK)] // studio sign-in page
    [InlineData("", HttpStatusCode.Found)] // a studio page, redirecting to sign-in
    [InlineData("login?journey=Login", HttpStatusCode.OK)] // hosted sign-on page
    [InlineData("account?realm=alpha", HttpStatusCode.OK)]
    [InlineData("authenticator", HttpStatusCode.OK)]
    [InlineData("Error", HttpStatusCode.OK)]
    [InlineData("no/such/page", HttpStatusCode.NotFound)] // the not-found page
    [InlineData("assets/login.js", HttpStatusCode.OK)]
    [InlineData("_content/BlazorMonaco/lib/monaco-editor/min/vs/editor/editor.main.js", HttpStatusCode.OK)] // the Scripts page's editor
    [InlineData("_content/BlazorMonaco/lib/monaco-editor/min/vs/base/worker/workerMain.js", HttpStatusCode.OK)]
    [InlineData("admin/api/journeys", HttpStatusCode.Unauthorized)]
    [InlineData("json/realms/root/realms/alpha/users/nobody", HttpStatusCode.Unauthorized)]
    public async Task EveryResponse_ForbidsFramingAndSniffing_AndLimitsScripts(string path, HttpStatusCode status)
    {
        using var client = NewClient();

        var response = await client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        var policy = Directives(Header(response, "Content-Security-Policy"));
        Assert.Equal(["'none'"], policy["frame-ancestors"]);
        // A directive that is absent falls back to default-src (non-page answers have only default-src 'none').
        Assert.Equal(["'none'"], policy.GetValueOrDefault("object-src") ?? policy["default-src"]);
        // Scripts only from the studio (or inline with this response's nonce), or none at all: an injected script does not run.
        var scripts = policy.GetValueOrDefault("script-src") ?? policy["default-src"];
        Assert.All(scripts, source => Assert.True(source is "'self'" or "'none'" || source.StartsWith("'nonce-"), $"script source {source}"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Contains(Header(response, "Referrer-Policy"), new[] { "same-origin", "no-referrer" });
    }

    [Fact]
    public async Task MonacoWorkerScript_MayLoadTheStudiosScripts_AndNothingElse_WhileOtherScriptFilesMayLoadNothing()
    {
        using var client = NewClient();

        // A web worker runs under its own script's policy: Monaco's worker pulls the rest of its code in with importScripts.
        var worker = Directives(Header(await client.GetAsync("_content/BlazorMonaco/lib/monaco-editor/min/vs/base/worker/workerMain.js"), "Content-Security-Policy"));
        var editor = Directives(Header(await client.GetAsync("_content/BlazorMonaco/lib/monaco-editor/min/vs/editor/editor.main.js"), "Content-Security-Policy"));

        Assert.Equal(["'self'"], worker["script-src"]);
        Assert.Equal(["'none'"], worker["default-src"]);
        Assert.Equal(["default-src", "frame-ancestors"], editor.Keys.Order());
        Assert.Equal(["'none'"], editor["default-src"]);
    }

    [Fact]
    public async Task StudioPage_InlineImportMap_CarriesThisResponsesNonce()
    {
        using var client = NewClient();

        var first = await client.GetAsync("admin/login");
        var second = await client.GetAsync("admin/login");

        var nonce = NonceOf(first);
        Assert.Matches($"<script type=\"importmap\" nonce=\"{Regex.Escape(nonce)}\">", await first.Content.ReadAsStringAsync());
        Assert.NotEqual(nonce, NonceOf(second));
    }

    private static Dictionary<string, string[]> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(d => d[0], d => d[1..]);

    private static string NonceOf(HttpResponseMessage response) =>
        Nonce().Match(Header(response, "Content-Security-Policy")) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException("no nonce in the policy");

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{response.RequestMessage!.RequestUri} has no {name} header");

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex Nonce();
}
