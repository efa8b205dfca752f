using JourneyStudio.BrowserTests.Infrastructure;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace JourneyStudio.BrowserTests.HostedSignOn;

/// <summary>
/// Identity Cloud's default journeys, imported unchanged, on the hosted pages as a person uses them: registration from the
/// Sign In page's own link, registration with the address verified through the studio's Mailbox, and a forgotten password
/// reset by email and then used to sign on.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HostedPlatformJourneyTests(BrowserFixture fixture)
{
    private static string NewName(string prefix) => $"{prefix}.{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private static async Task FillRegistrationAsync(IPage page, string username, string mail, string password)
    {
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("First Name").FillAsync("Ada");
        await page.GetByLabel("Last Name").FillAsync("Lovelace");
        await page.GetByLabel("Email Address").FillAsync(mail);
        await page.GetByLabel("Send me special offers and services").CheckAsync();
        await page.GetByLabel("Send me news and updates").UncheckAsync();
        await FillPasswordAndAnswersAsync(page, password);
    }

    /// <summary>What a person types again after the page came back: the password and the answers are never sent back.</summary>
    private static async Task FillPasswordAndAnswersAsync(IPage page, string password)
    {
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

    private static async Task ExpectSignedOnAsync(IPage page, string username)
    {
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account");
        await Assertions.Expect(page.GetByTestId("welcome")).ToHaveTextAsync("Hello, Ada Lovelace");
        await Assertions.Expect(page.GetByTestId("profile-username")).ToHaveTextAsync(username);
    }

    [Fact]
    public async Task PlatformRegistration_FromTheSignInPagesLink_ShowsThePasswordPolicy_ThenSignsOnTheNewUser()
    {
        await PlatformJourneys.ImportAsync(fixture.Server);
        var page = await PlatformJourneys.NewUserPageAsync(fixture);
        await page.GotoAsync("/login?authIndexType=service&authIndexValue=" + PlatformJourneys.Login);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign In" })).ToBeVisibleAsync();
        // The description is AM's HTML: its links are links (to the journeys they name), not markup shown as text.
        await Assertions.Expect(page.GetByTestId("page-description")).Not.ToContainTextAsync("<a");
        await PlatformJourneys.ShotAsync(page, "01-platform-login");
        await page.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign Up" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("page-description")).ToHaveTextAsync("Signing up is fast and easy.Already have an account?Sign In");
        await Assertions.Expect(page.GetByTestId("page-description").GetByRole(AriaRole.Link, new() { Name = "Sign In" }))
            .ToHaveAttributeAsync("href", "/login?realm=alpha&journey=" + PlatformJourneys.Login);
        await PlatformJourneys.ShotAsync(page, "02-platform-registration");
        var username = NewName("ada");
        var mail = username + "@example.com";
        await FillRegistrationAsync(page, username, mail, "short1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        var password = page.GetByLabel("Password", new() { Exact = true });
        await Assertions.Expect(password).ToHaveAttributeAsync("aria-invalid", "true");
        // Focus is where the correction is needed, not back at the top of the long form.
        await Assertions.Expect(password).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("[data-testid=policy-failures] li")).ToHaveTextAsync(["Use at least 8 characters.", "Use at least 1 capital letter."]);
        // What was right is kept.
        await Assertions.Expect(page.GetByLabel("Username")).ToHaveValueAsync(username);
        await Assertions.Expect(page.GetByLabel("Email Address")).ToHaveValueAsync(mail);
        await PlatformJourneys.ShotAsync(page, "03-platform-registration-weak-password");

        await FillPasswordAndAnswersAsync(page, "Correct-Horse-9");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        await ExpectSignedOnAsync(page, username);
        await PlatformJourneys.ShotAsync(page, "04-account-after-registration");
        var identity = await fixture.Server.Services.GetRequiredService<IdentityStore>().GetAsync(username);
        Assert.NotNull(identity);
        Assert.Equal(mail, identity.Mail);
    }

    [Fact]
    public async Task RegistrationWithEmailSuspend_SaysCheckYourEmail_TheMailboxLinkSignsOn_AndWorksOnlyOnce()
    {
        await PlatformJourneys.ImportAsync(fixture.Server);
        var page = await PlatformJourneys.NewUserPageAsync(fixture);
        await page.GotoAsync("/login?authIndexType=service&authIndexValue=" + Uri.EscapeDataString(PlatformJourneys.RegistrationWithEmail));
        var username = NewName("eve");
        var mail = username + "@example.com";
        await FillRegistrationAsync(page, username, mail, "Correct-Horse-9");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("suspended-message")).ToHaveTextAsync(PlatformJourneys.CheckYourEmail);
        await Assertions.Expect(page.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await PlatformJourneys.ShotAsync(page, "05-registration-check-your-email");

        // No account until the address is verified.
        Assert.Null(await fixture.Server.Services.GetRequiredService<IdentityStore>().GetAsync(username));

        // The admin reads the mail in the studio's Mailbox, in a browser of their own.
        var admin = await fixture.NewAdminPageAsync();
        var link = await PlatformJourneys.ResumeLinkFromMailboxAsync(admin, mail, "Register new account");
        Assert.StartsWith(fixture.Server.BaseAddress + "login?suspendedId=", link);

        await page.GotoAsync(link);
        await ExpectSignedOnAsync(page, username);
        Assert.NotNull(await fixture.Server.Services.GetRequiredService<IdentityStore>().GetAsync(username));

        await page.GotoAsync(link);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign-on failed" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(PlatformJourneys.UsedLinkMessage);
        await PlatformJourneys.ShotAsync(page, "06-registration-link-used-twice");
    }

    [Fact]
    public async Task PlatformResetPassword_MailsALink_TheNewPasswordIsCheckedAndSet_AndOnlyItSignsOnThroughPlatformLogin()
    {
        await PlatformJourneys.ImportAsync(fixture.Server);
        var username = NewName("rex");
        var mail = username + "@example.com";
        const string oldPassword = "Old-password-1";
        const string newPassword = "Brand-new-Horse-7";
        Assert.IsType<IdentityResult.Done>(await fixture.Server.Services.GetRequiredService<IdentityStore>()
            .CreateAsync(new NewIdentity(username, oldPassword, "Ada", "Lovelace", mail)));

        var page = await PlatformJourneys.NewUserPageAsync(fixture);
        await page.GotoAsync("/login?authIndexType=service&authIndexValue=" + PlatformJourneys.Login);
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot password?" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Reset Password" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("page-description")).ToHaveTextAsync("Enter your email address or Sign in");
        await PlatformJourneys.ShotAsync(page, "07-reset-password-ask");
        await page.GetByLabel("Email Address").FillAsync(mail);
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("suspended-message")).ToHaveTextAsync(PlatformJourneys.CheckYourEmail);
        await PlatformJourneys.ShotAsync(page, "08-reset-password-check-your-email");

        var admin = await fixture.NewAdminPageAsync();
        var link = await PlatformJourneys.ResumeLinkFromMailboxAsync(admin, mail, "Reset your password");

        await page.GotoAsync(link);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Reset Password" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("page-description")).ToHaveTextAsync("Change password");
        await page.GetByLabel("Password").FillAsync("weak");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=policy-failures] li"))
            .ToHaveTextAsync(["Use at least 8 characters.", "Use at least 1 capital letter.", "Use at least 1 number."]);
        await PlatformJourneys.ShotAsync(page, "09-reset-password-weak");
        await page.GetByLabel("Password").FillAsync(newPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account");

        // A fresh browser: the old password fails on PlatformLogin, the new one signs on.
        var signOn = await PlatformJourneys.NewUserPageAsync(fixture);
        await SignInAsync(signOn, username, oldPassword);
        await Assertions.Expect(signOn.GetByRole(AriaRole.Heading, new() { Name = "Sign-on failed" })).ToBeVisibleAsync();
        await PlatformJourneys.ShotAsync(signOn, "10-platform-login-old-password");
        await SignInAsync(signOn, username, newPassword);
        await ExpectSignedOnAsync(signOn, username);
    }

    private static async Task SignInAsync(IPage page, string username, string password)
    {
        await page.GotoAsync("/login?authIndexType=service&authIndexValue=" + PlatformJourneys.Login);
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
    }
}
