using System.Net;
using System.Net.Http.Headers;
using System.Text;
using JourneyStudio.BrowserTests.Infrastructure;
using JourneyStudio.Testing;
using Microsoft.Playwright;

namespace JourneyStudio.BrowserTests.HostedSignOn;

/// <summary>
/// Identity Cloud's classic-platform default journeys (frodo exports, unchanged) imported the way an admin imports them,
/// through <c>POST /admin/api/journeys/import</c>, plus what the tests around them share: a user's browser at 1280×720,
/// screenshots of each hosted step, and the admin's Mailbox page.
/// </summary>
internal static class PlatformJourneys
{
    public const string Login = "PlatformLogin";
    public const string Registration = "PlatformRegistration";
    public const string ResetPassword = "PlatformResetPassword";

    /// <summary>
    /// PlatformRegistration that verifies the address before it creates the account (AM's Email Suspend registration example,
    /// Object Lookup off): Page, Email Suspend, Create Object, Increment Login Count.
    /// </summary>
    public const string RegistrationWithEmail = "Test Registration With Email";

    /// <summary>Email Suspend's message in the exports.</summary>
    public const string CheckYourEmail = "An email has been sent to the address you entered. Click the link in that email to proceed.";

    public const string UsedLinkMessage = "This link is not valid: it has expired or was already used. Start again.";

    private static readonly SemaphoreSlim ImportLock = new(1, 1);

    /// <summary>
    /// Imports the default journeys (PlatformLogin needs its inner PlatformProgressiveProfile) and the Email Suspend test
    /// journey. Importing again is harmless: the studio keeps one journey per name and adds a revision.
    /// </summary>
    public static async Task ImportAsync(StudioServer server)
    {
        await ImportLock.WaitAsync();
        try
        {
            string[] files =
            [
                Path.Combine("IdentityNodes", "frodo-cli_PlatformProgressiveProfile.journey.json"),
                Path.Combine("IdentityNodes", "frodo-cli_PlatformLogin.journey.json"),
                Path.Combine("IdentityNodes", "frodo-cli_PlatformRegistration.journey.json"),
                Path.Combine("IdentityNodes", "frodo-cli_PlatformResetPassword.journey.json"),
                Path.Combine("HostedSignOn", "TestData", "RegistrationWithEmail.journey.json"),
            ];
            using var admin = Admin(server);
            foreach (var file in files)
            {
                var export = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, file));
                using var response = await admin.PostAsync("admin/api/journeys/import", new StringContent(export, Encoding.UTF8, "application/json"));
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{file}: {await response.Content.ReadAsStringAsync()}");
            }
        }
        finally
        {
            ImportLock.Release();
        }
    }

    public static HttpClient Admin(StudioServer server)
    {
        var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{StudioServer.AdminUsername}:{StudioServer.AdminPassword}")));
        return client;
    }

    /// <summary>A user's browser the size of a common laptop screen (screenshots are taken at this size).</summary>
    public static async Task<IPage> NewUserPageAsync(BrowserFixture fixture)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 720 },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Where screenshots go: $JOURNEYSTUDIO_SHOTS, else a folder under the temp directory.</summary>
    public static string ShotsFolder =>
        Environment.GetEnvironmentVariable("JOURNEYSTUDIO_SHOTS") is { Length: > 0 } folder ? folder : Path.Combine(Path.GetTempPath(), "journeystudio-shots");

    public static async Task ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ShotsFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ShotsFolder, name + ".png"), FullPage = true });
    }

    /// <summary>Opens the newest mail to <paramref name="to"/> on the admin's Mailbox page and returns its resume link.</summary>
    public static async Task<string> ResumeLinkFromMailboxAsync(IPage admin, string to, string subject)
    {
        await admin.GotoAsync("/mailbox");
        var row = admin.GetByTestId("mailbox-row").Filter(new() { HasText = to }).First;
        await Assertions.Expect(row).ToBeVisibleAsync();
        await row.ClickAsync();
        var message = admin.GetByTestId("mailbox-message");
        await Assertions.Expect(message.GetByTestId("mailbox-message-to")).ToHaveTextAsync(to);
        await Assertions.Expect(message.GetByTestId("mailbox-message-subject")).ToHaveTextAsync(subject);
        var link = message.GetByTestId("mailbox-link").Filter(new() { HasText = "suspendedId=" });
        await Assertions.Expect(link).ToHaveCountAsync(1);
        return (await link.GetAttributeAsync("href"))!;
    }
}
