using JourneyStudio.BrowserTests.Infrastructure;
using JourneyStudio.Runtime.Identities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace JourneyStudio.BrowserTests.VirtualAuthenticator;

/// <summary>
/// The whole push sign-on as a tester does it: the hosted page of the shipped "Login with Push MFA" journey
/// shows the QR step, the virtual authenticator registers with one click, a number-challenge push is
/// answered there, and the browser ends on the account page. On the way, what the hosted page says: the virtual
/// authenticator hint (pushes are embedded here), copy and download of the recovery codes, "Tap 59", and
/// "That code is not valid" for a wrong recovery code.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PushSignOnTests(BrowserFixture fixture)
{
    private const string Journey = "Login with Push MFA";
    private const string Password = "Push-sign-on-1";

    [Fact]
    public async Task PreviewPage_RegisterWithOneClick_ApproveNumberPush_EndsOnAccount()
    {
        var username = "push-" + Guid.NewGuid().ToString("N")[..8];
        var created = await fixture.Server.Services.GetRequiredService<IdentityStore>()
            .CreateAsync(new NewIdentity(username, Password, "Pat", "Push", $"{username}@example.com"));
        Assert.IsType<IdentityResult.Done>(created);
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/login?journey=" + Uri.EscapeDataString(Journey));
        await page.Locator("#card input[type=text]").First.FillAsync(username);
        await page.Locator("#card input[type=password]").First.FillAsync(Password);
        await page.Locator("#card button[type=submit]").ClickAsync();

        // No device yet: "get the app" first, which points at the virtual authenticator (this studio delivers
        // pushes itself, so the phone app would never get one), then the QR step.
        var hint = page.GetByTestId("virtual-authenticator-hint");
        await Assertions.Expect(hint).ToBeVisibleAsync();
        await Assertions.Expect(hint).ToContainTextAsync("No phone? This studio delivers pushes to its virtual authenticator");
        Assert.Equal("/authenticator", await hint.GetByRole(AriaRole.Link).GetAttributeAsync("href"));
        var registerLink = page.GetByTestId("open-virtual-authenticator");
        for (var step = 0; step < 5 && !await registerLink.IsVisibleAsync(); step++)
        {
            await page.Locator("#card button:enabled").First.WaitForAsync();
            if (await registerLink.IsVisibleAsync()) break;
            await page.Locator("#card button:enabled").First.ClickAsync();
            await page.WaitForTimeoutAsync(300);
        }
        await Assertions.Expect(page.GetByTestId("qr-code")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = "/tmp/push-sign-on-qr.png", FullPage = true });

        var authenticator = await page.Context.RunAndWaitForPageAsync(() => registerLink.ClickAsync());
        await Assertions.Expect(authenticator.GetByTestId("account")).ToContainTextAsync(username);

        // The registration node polls, sees the device and shows the recovery codes.
        await Assertions.Expect(page.GetByTestId("recovery-codes")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.ScreenshotAsync(new() { Path = "/tmp/push-sign-on-recovery-codes.png", FullPage = true });
        var codes = (await page.GetByTestId("recovery-codes").Locator("code").AllTextContentsAsync()).Select(c => c.Trim()).ToList();
        Assert.NotEmpty(codes);
        // The codes can be copied and downloaded, one a line.
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await page.GetByTestId("copy-recovery-codes").ClickAsync();
        await Assertions.Expect(page.GetByTestId("recovery-codes-copied")).ToHaveTextAsync("Copied.");
        Assert.Equal(string.Join("\n", codes) + "\n", await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-recovery-codes").ClickAsync());
        Assert.Equal("recovery-codes.txt", download.SuggestedFilename);
        Assert.Equal(codes, (await File.ReadAllLinesAsync((await download.PathAsync())!)).Where(l => l.Length > 0).ToList());
        // The codes are shown until the user moves on.
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        // The first push: a number challenge shown on the sign-on page, picked on the device.
        var number = page.GetByTestId("challenge-number");
        await Assertions.Expect(number).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9]{2}$"), new() { Timeout = 20_000 });
        var shown = (await number.TextContentAsync())!.Trim();
        // AM's "Tap the number [59] on the Push Notification…" reads as what to do.
        await Assertions.Expect(page.GetByTestId("waiting-message")).ToHaveTextAsync($"Tap {shown} on the notification on your phone.");
        var notification = authenticator.GetByTestId("notification").First;
        await Assertions.Expect(notification.GetByTestId($"number-{shown}")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await authenticator.ScreenshotAsync(new() { Path = "/tmp/push-sign-on-authenticator.png", FullPage = true });
        await notification.GetByTestId($"number-{shown}").ClickAsync();
        await Assertions.Expect(notification.GetByTestId("notification-result")).ToHaveTextAsync($"Sent {shown}");

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account", new() { Timeout = 20_000 });
        await page.ScreenshotAsync(new() { Path = "/tmp/push-sign-on-account.png", FullPage = true });

        // Signing on again without the phone: a wrong recovery code is called out, the right one signs on.
        var again = await fixture.NewPageAsync();
        await again.GotoAsync("/login?journey=" + Uri.EscapeDataString(Journey));
        await again.Locator("#card input[type=text]").First.FillAsync(username);
        await again.Locator("#card input[type=password]").First.FillAsync(Password);
        await again.Locator("#card button[type=submit]").ClickAsync();
        await again.GetByRole(AriaRole.Button, new() { Name = "Lost phone? Use a recovery code" }).ClickAsync(new() { Timeout = 20_000 });
        var codeField = again.Locator("#card input[type=text]").First;
        await codeField.FillAsync("not-a-recovery-code");
        await Assertions.Expect(again.GetByTestId("recovery-code-invalid")).ToHaveCountAsync(0);
        await again.Locator("#card button[type=submit]").ClickAsync();
        await Assertions.Expect(again.GetByTestId("recovery-code-invalid")).ToHaveTextAsync("That code is not valid. Check it and try again.");
        await again.ScreenshotAsync(new() { Path = "/tmp/push-sign-on-recovery-code-invalid.png", FullPage = true });
        await again.Locator("#card input[type=text]").First.FillAsync(codes[0]);
        await again.Locator("#card button[type=submit]").ClickAsync();
        await again.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account", new() { Timeout = 20_000 });
    }
}
