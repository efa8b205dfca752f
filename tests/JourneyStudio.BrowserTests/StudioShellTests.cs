using JourneyStudio.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace JourneyStudio.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class StudioShellTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Studio_WithoutSignIn_RedirectsToAdminLogin()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForURLAsync(url => url.Contains("/admin/login"));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AdminLogin_WrongPassword_ShowsErrorAndStaysSignedOut()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/admin/login");
        await page.FillAsync("#username", "admin");
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("wrong password");
        await page.GotoAsync("/");
        await page.WaitForURLAsync(url => url.Contains("/admin/login"));
    }

    [Fact]
    public async Task AdminLogin_RightPassword_OpensStudio()
    {
        var page = await fixture.NewAdminPageAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Journeys", Exact = true })).ToBeVisibleAsync();
    }
}
