using Jint;

namespace JourneyStudio.Web.Tests.Api;

/// <summary>
/// How the hosted login page shows a Page node's description, from the served <c>/assets/page-text.js</c> run in a
/// JavaScript engine: Identity Cloud's default journeys put links in it (<c>#/service/PlatformRegistration</c>), which become
/// this site's journeys; the rest of the markup is never markup on the page.
/// </summary>
public sealed class HostedPageDescriptionTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private async Task<Func<string, string>> PartsAsync()
    {
        var (engine, module) = await ServedScriptModule.ImportAsync(fixture.Server, "page-text");
        var parts = module.Get("descriptionParts");
        var stringify = engine.Evaluate("JSON.stringify");
        return html => stringify.Call(parts.Call(html, "alpha")).AsString();
    }

    [Fact]
    public async Task PlatformLoginsDescription_LinksToTheRegistrationAndRecoveryJourneysOfThisSite()
    {
        var parts = await PartsAsync();

        var shown = parts("""New here? <a href="#/service/PlatformRegistration">Create an account</a><br><a href="#/service/PlatformForgottenUsername">Forgot username?</a><a href="#/service/PlatformResetPassword"> Forgot password?</a>""");

        Assert.Equal(
            """[{"text":"New here? "},{"link":"/login?realm=alpha&journey=PlatformRegistration","text":"Create an account"},{"lineBreak":true},{"link":"/login?realm=alpha&journey=PlatformForgottenUsername","text":"Forgot username?"},{"link":"/login?realm=alpha&journey=PlatformResetPassword","text":" Forgot password?"}]""",
            shown);
    }

    [Theory]
    [InlineData("""<a href="javascript:alert(1)">x</a>""", """[{"text":"x"}]""")]
    [InlineData("""<a href="//evil.example/">x</a>""", """[{"text":"x"}]""")]
    [InlineData("""<img src=x onerror=alert(1)>hi <b>there</b>""", """[{"text":"hi "},{"text":"there"}]""")]
    [InlineData("""Tom &amp; Jerry &lt;3""", """[{"text":"Tom & Jerry <3"}]""")]
    [InlineData("""<a href="https://example.com/help">Help</a>""", """[{"link":"https://example.com/help","text":"Help"}]""")]
    [InlineData("""<a href="/account?realm=alpha">Account</a>""", """[{"link":"/account?realm=alpha","text":"Account"}]""")]
    [InlineData("""Signing up is fast and easy.<br>Already have an account?<a href='#/service/PlatformLogin'>Sign In</a>""",
        """[{"text":"Signing up is fast and easy."},{"lineBreak":true},{"text":"Already have an account?"},{"link":"/login?realm=alpha&journey=PlatformLogin","text":"Sign In"}]""")]
    [InlineData("""unclosed <a href="#/service/X">link""", """[{"text":"unclosed "},{"text":"link"}]""")]
    public async Task Markup_IsOnlyTextLineBreaksAndSafeLinks(string html, string expected)
    {
        var parts = await PartsAsync();

        Assert.Equal(expected, parts(html));
    }

    [Fact]
    public async Task LoginScript_BuildsTheDescriptionFromTheParts()
    {
        using var client = fixture.Server.CreateClient();
        var login = await client.GetStringAsync("assets/login.js");

        Assert.Contains("from './page-text.js'", login);
        Assert.DoesNotContain("innerHTML", login);
        Assert.DoesNotContain("el('p', { class: 'description' }, step.description)", login);
    }
}
