using JourneyStudio.BrowserTests.Infrastructure;
using JourneyStudio.Testing;
using Microsoft.Playwright;

namespace JourneyStudio.BrowserTests.HostedSignOn;

/// <summary>The hosted page on a real sign-up journey: attribute inputs with their policy messages, KBA questions and the terms.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HostedSelfServiceTests(BrowserFixture fixture)
{
    private static async Task FillAsync(IPage page, string username, string mail, string password)
    {
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("First Name").FillAsync("Ada");
        await page.GetByLabel("Email Address").FillAsync(mail);
        await page.GetByLabel("Send me special offers and services").CheckAsync();
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        var first = page.Locator("fieldset.kba").Nth(0);
        await first.GetByLabel("Question", new() { Exact = true }).SelectOptionAsync("What's your favorite color?");
        await first.GetByLabel("Answer").FillAsync("teal");
        var second = page.Locator("fieldset.kba").Nth(1);
        await second.GetByLabel("Question", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Write my own question" });
        await second.GetByLabel("Your question").FillAsync("The street I grew up on?");
        await second.GetByLabel("Answer").FillAsync("Elm");
        await page.GetByLabel("I accept the terms and conditions").CheckAsync();
    }

    [Fact]
    public async Task SignUp_ShowsPolicyMessages_KbaAndTerms_AndSucceedsOnceCorrected()
    {
        await SignOnJourneys.SeedAsync(fixture.Server, SelfServiceJourneys.SignUpJourney());
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/login?journey=" + Uri.EscapeDataString(SelfServiceJourneys.SignUp));

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = SelfServiceJourneys.Header })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("terms-text")).ToContainTextAsync("placeholder terms");
        // The own-question field appears only when chosen.
        await Assertions.Expect(page.Locator("fieldset.kba").Nth(0).GetByLabel("Your question")).ToBeHiddenAsync();
        await FillAsync(page, SignOnJourneys.Username, "not-an-address", "weak");
        // The keyboard submits the form.
        await page.GetByLabel("First Name").PressAsync("Enter");

        await Assertions.Expect(page.GetByText("This value is already taken.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Enter a valid e-mail address.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Use at least 8 characters.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Email Address")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByLabel("Email Address")).ToHaveValueAsync("not-an-address");
        await page.ScreenshotAsync(new() { Path = "/tmp/journeystudio-hosted-sign-up.png", FullPage = true });

        // A name no other test of the shared browser studio uses (the list-page tests create "browser.user").
        await FillAsync(page, "sign.up.user", "ada@example.com", "Correct-Horse-9");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account");
    }
}
