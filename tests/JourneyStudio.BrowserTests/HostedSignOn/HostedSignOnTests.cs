using JourneyStudio.BrowserTests.Infrastructure;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace JourneyStudio.BrowserTests.HostedSignOn;

/// <summary>An end user (no admin cookie) signs on through the hosted pages, sees the account page and signs out.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HostedSignOnTests(BrowserFixture fixture)
{
    [Fact]
    public async Task HostedLogin_RightPassword_LandsOnAccount_ThenSignOutReturnsToLogin()
    {
        await SignOnJourneys.SeedAsync(fixture.Server);
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/login?journey=" + Uri.EscapeDataString(SignOnJourneys.PageWithRetry));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign In" })).ToBeVisibleAsync();
        await page.GetByLabel("Username").FillAsync(SignOnJourneys.Username);
        await page.GetByLabel("Password").FillAsync(SignOnJourneys.Password);
        await page.ScreenshotAsync(new() { Path = "/tmp/journeystudio-hosted-login.png", FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account");
        await Assertions.Expect(page.GetByTestId("welcome")).ToHaveTextAsync($"Hello, {SignOnJourneys.GivenName} {SignOnJourneys.Sn}");
        await Assertions.Expect(page.GetByTestId("profile-username")).ToHaveTextAsync(SignOnJourneys.Username);
        await page.ScreenshotAsync(new() { Path = "/tmp/journeystudio-hosted-account.png", FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/login");
        Assert.DoesNotContain("journey=", page.Url); // back on the realm default journey
        await Assertions.Expect(page.Locator("#cb-IDToken1")).ToBeVisibleAsync();
        await page.GotoAsync("/account");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/login");
    }

    [Fact]
    public async Task AccountPage_OfAUserDisabledSinceSigningOn_GoesBackToLogin()
    {
        await SignOnJourneys.SeedAsync(fixture.Server);
        var username = "browser-disabled-" + Guid.NewGuid().ToString("N")[..6];
        var identities = fixture.Server.Services.GetRequiredService<IdentityStore>();
        Assert.IsType<IdentityResult.Done>(await identities.CreateAsync(new NewIdentity(username, SignOnJourneys.Password, "Dee", "Abled")));
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/login?journey=" + Uri.EscapeDataString(SignOnJourneys.PageWithRetry));
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(SignOnJourneys.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account");
        await Assertions.Expect(page.GetByTestId("welcome")).ToHaveTextAsync("Hello, Dee Abled");

        await identities.UpdateAsync(username, new IdentityUpdate(Active: false));
        await page.ReloadAsync();

        // The cookie is still in the browser, but the session it names ended with the account.
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/login");
        await Assertions.Expect(page.Locator("#cb-IDToken1")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task HostedLogin_WrongPassword_ShowsSignOnFailedAndTryAgain()
    {
        await SignOnJourneys.SeedAsync(fixture.Server);
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/login?authIndexType=service&authIndexValue=" + Uri.EscapeDataString(SignOnJourneys.Plain));
        await page.GetByLabel("User Name").FillAsync(SignOnJourneys.Username);
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.GetByLabel("Password").FillAsync("wrong-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign-on failed" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Login failure");
        await page.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("User Name")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task HostedLogin_DoubleClickOnNext_SubmitsTheStepOnce()
    {
        await SignOnJourneys.SeedAsync(fixture.Server);
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/login?journey=" + Uri.EscapeDataString(SignOnJourneys.Plain));
        await page.GetByLabel("User Name").FillAsync(SignOnJourneys.Username);
        // A slow network, so that both clicks land while the first submission is on its way.
        var submissions = 0;
        await page.RouteAsync("**/authenticate**", async route =>
        {
            Interlocked.Increment(ref submissions);
            await Task.Delay(400);
            await route.ContinueAsync();
        });

        // A second submission of the same step would be refused by the server as a replay.
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).DblClickAsync();

        await Assertions.Expect(page.GetByLabel("Password")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(800);
        Assert.Equal(1, submissions);
        Assert.Equal(0, await page.GetByRole(AriaRole.Alert).CountAsync());
    }

    [Fact]
    public async Task HostedLogin_MarkupInPageHeader_IsShownAsText()
    {
        const string header = "<img src=x onerror=\"document.title='pwned'\"><b>Welcome</b>";
        await SignOnJourneys.SeedAsync(fixture.Server, SignOnJourneys.PageRetryJourney("Test Markup Header", header));
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/login?journey=Test%20Markup%20Header");

        await Assertions.Expect(page.Locator("#card h1")).ToHaveTextAsync(header);
        Assert.Equal(0, await page.Locator("#card img, #card b").CountAsync());
        Assert.NotEqual("pwned", await page.TitleAsync());
    }

    [Fact]
    public async Task HostedLogin_UnknownJourney_ExplainsTheProblem()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/login?journey=No%20Such%20Journey");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("No journey named 'No Such Journey'");
    }
}
