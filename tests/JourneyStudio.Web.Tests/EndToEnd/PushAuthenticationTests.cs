using JourneyStudio.Runtime.Persistence;
using System.Text.Json.Nodes;
using JourneyStudio.Runtime.Identities;

namespace JourneyStudio.Web.Tests.EndToEnd;

/// <summary>
/// The shipped "PushAuthentication" journey over HTTP: password, Device Profile Collector, a tap-to-accept push
/// sharing the location; users without a device choose in MFA Registration Options (Register, Get the App, Skip,
/// Opt-out); expired pushes are sent again; the Push Wait exit leads to push recovery codes.
/// </summary>
public abstract class PushAuthenticationTests(EndToEndServer host)
{
    private const string Journey = "PushAuthentication";
    private static readonly string[] RegistrationOptions = ["Register Device", "Get the App", "Skip this step", "Opt-out"];

    [Fact]
    public async Task NewUser_RegistersFromTheOptions_ApprovesThePush_ThenSignsOnAgainWithTheDevice()
    {
        var user = await host.CreateUserAsync("pa-new");
        using var app = host.NewAuthenticatorApp();
        using var signOn = await StartToOptionsAsync(user);

        await signOn.PressAsync("Register Device");
        var uri = signOn.ScanQrCode();
        Assert.StartsWith($"pushauth://push/ForgeRock:{user}?", uri);
        Assert.Equal(200, await app.ScanAndRegisterAsync(uri));
        await signOn.PollAsync();
        Assert.Equal(10, signOn.RecoveryCodes().Count);
        await signOn.SubmitAsync();

        AssertTapToAcceptWait(signOn);
        var push = await app.ReceiveOneAsync();
        Assert.Equal("default", (string?)push.Claims["k"]);
        Assert.Null(push.Claims["n"]);
        // contextInfo: the location the Device Profile Collector gathered goes to the app.
        var context = JsonNode.Parse((string)push.Claims["x"]!)!;
        Assert.Equal(52.37, (double)context["location"]!["latitude"]!);
        Assert.Equal(200, (await app.AnswerAsync(push)).Status);
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await signOn.PollAsync();

        signOn.AssertSignedOn();
        Assert.Equal(user, await signOn.SessionUsernameAsync());
        Assert.Equal(MfaSkipState.NotSkippable, (await host.IdentityAsync(user))!.PushSkip);

        using var again = await StartToPushAsync(user);
        Assert.Equal(200, (await app.AnswerAsync(await app.ReceiveOneAsync())).Status);
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await again.PollAsync();
        again.AssertSignedOn();
    }

    [Fact]
    public async Task NoAnswerBeforeTheWaitEnds_WaitsAgain()
    {
        var (user, app) = await RegisterAsync("pa-wait");
        using var signOn = await StartToPushAsync(user);
        var push = await app.ReceiveOneAsync();

        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await signOn.PollAsync();
        AssertTapToAcceptWait(signOn);
        await signOn.PollAsync(); // too early: the same wait again
        AssertTapToAcceptWait(signOn);

        Assert.Equal(200, (await app.AnswerAsync(push)).Status);
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await signOn.PollAsync();
        signOn.AssertSignedOn();
    }

    [Fact]
    public async Task Deny_EndsInLoginFailure()
    {
        var (user, app) = await RegisterAsync("pa-deny");
        using var signOn = await StartToPushAsync(user);

        Assert.Equal(200, (await app.AnswerAsync(await app.ReceiveOneAsync(), approve: false)).Status);
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await signOn.PollAsync();

        signOn.AssertLoginFailure();
    }

    [Fact]
    public async Task UnansweredPush_Expires_ThenANewPushIsSent_AndTheOldOneCannotBeApproved()
    {
        var (user, app) = await RegisterAsync("pa-expire");
        using var signOn = await StartToPushAsync(user);
        var first = await app.ReceiveOneAsync();

        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await signOn.PollAsync(); // verifier: WAITING, the 120 s expiry starts
        AssertTapToAcceptWait(signOn);
        host.Clock.Advance(TimeSpan.FromSeconds(121));
        await signOn.PollAsync(); // verifier: EXPIRED → Push Sender sends again

        AssertTapToAcceptWait(signOn);
        var second = await app.ReceiveOneAsync();
        Assert.NotEqual(first.MessageId, second.MessageId);
        var late = await app.AnswerAsync(first);
        Assert.Equal(400, late.Status);
        Assert.Contains("expired", late.Message, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(200, (await app.AnswerAsync(second)).Status);
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await signOn.PollAsync();
        signOn.AssertSignedOn();
    }

    [Fact]
    public async Task TwoBrowsersAtOnce_ApprovingOnePush_SignsOnOnlyThatBrowser()
    {
        var (user, app) = await RegisterAsync("pa-two");
        using var first = await StartToPushAsync(user);
        using var second = await StartToPushAsync(user);
        var pushes = await app.ReceiveAsync();
        Assert.Equal(2, pushes.Count);

        Assert.Equal(200, (await app.AnswerAsync(pushes[0])).Status);
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await first.PollAsync();
        await second.PollAsync();

        first.AssertSignedOn();
        AssertTapToAcceptWait(second); // its own push is still unanswered
        Assert.Null(second.SessionCookie);
        Assert.Equal(200, (await app.AnswerAsync(pushes[1], approve: false)).Status);
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await second.PollAsync();
        second.AssertLoginFailure();
    }

    [Fact]
    public async Task SkipThisStep_SignsOnWithoutADevice_AndAsksAgainNextTime()
    {
        var user = await host.CreateUserAsync("pa-skip");
        using var signOn = await StartToOptionsAsync(user);

        await signOn.PressAsync("Skip this step");

        signOn.AssertSignedOn();
        Assert.Equal(user, await signOn.SessionUsernameAsync());
        Assert.Equal(MfaSkipState.NotSet, (await host.IdentityAsync(user))!.PushSkip);
        using var next = await StartToOptionsAsync(user);
    }

    [Fact]
    public async Task OptOut_SignsOn_AndLaterSignOnsSkipThePush()
    {
        var user = await host.CreateUserAsync("pa-optout");
        using var signOn = await StartToOptionsAsync(user);

        await signOn.PressAsync("Opt-out");

        signOn.AssertSignedOn();
        Assert.Equal(MfaSkipState.Skippable, (await host.IdentityAsync(user))!.PushSkip);
        using var next = await host.SignOn(Journey).StartAsync();
        await next.EnterCredentialsAsync(user, EndToEndServer.Password);
        await next.SendDeviceProfileAsync();
        next.AssertSignedOn(); // Push Sender: SKIPPED, no options, no push
        Assert.Equal(user, await next.SessionUsernameAsync());
    }

    [Fact]
    public async Task GetTheApp_ShowsTheForgeRockStoreLinks_ThenReturnsToTheOptions()
    {
        var user = await host.CreateUserAsync("pa-getapp");
        using var signOn = await StartToOptionsAsync(user);

        await signOn.PressAsync("Get the App");

        Assert.Equal(["TextOutputCallback", "ConfirmationCallback"], signOn.CallbackTypes);
        Assert.Contains("itunes.apple.com/app/forgerock-authenticator/id1038442926", signOn.OutputText("TextOutputCallback", "message"));
        await signOn.PressAsync("Continue");
        Assert.Equal(RegistrationOptions, signOn.Options());
    }

    [Fact]
    public async Task QrCodeNeverScanned_TimesOutBackToTheOptions_AndALateRegistrationIsRefused()
    {
        var user = await host.CreateUserAsync("pa-timeout");
        using var app = host.NewAuthenticatorApp();
        using var signOn = await StartToOptionsAsync(user);
        await signOn.PressAsync("Register Device");
        var uri = signOn.ScanQrCode();

        // timeout 60 s at one poll per 2 s; each poll shows the same QR code.
        for (var poll = 1; poll < 30; poll++)
        {
            await signOn.PollAsync();
            Assert.Equal(uri, signOn.ScanQrCode());
        }
        await signOn.PollAsync();

        Assert.Equal(RegistrationOptions, signOn.Options());
        Assert.Equal(400, await app.ScanAndRegisterAsync(uri));
    }

    [Fact]
    public async Task ExitToRecoveryCode_SignsOnWithACodeShownAtRegistration()
    {
        var user = await host.CreateUserAsync("pa-code");
        using var app = host.NewAuthenticatorApp();
        using var register = await StartToOptionsAsync(user);
        await register.PressAsync("Register Device");
        Assert.Equal(200, await app.ScanAndRegisterAsync(register.ScanQrCode()));
        await register.PollAsync();
        var codes = register.RecoveryCodes();

        // The user abandons this sign-on at the push and comes back with a recovery code.
        using var signOn = await StartToPushAsync(user);
        await signOn.PressAsync("Lost phone? Use a recovery code");
        await signOn.SubmitAsync(("NameCallback", codes[9]));

        signOn.AssertSignedOn();
        Assert.Equal(user, await signOn.SessionUsernameAsync());
    }

    private async Task<SignOn> StartToOptionsAsync(string user)
    {
        var signOn = await host.SignOn(Journey).StartAsync();
        await signOn.EnterCredentialsAsync(user, EndToEndServer.Password);
        Assert.Equal(["DeviceProfileCallback"], signOn.CallbackTypes);
        Assert.Equal(true, signOn.Output("DeviceProfileCallback", "metadata")?.GetValue<bool>());
        Assert.Equal(true, signOn.Output("DeviceProfileCallback", "location")?.GetValue<bool>());
        await signOn.SendDeviceProfileAsync();
        Assert.Equal(["TextOutputCallback", "ConfirmationCallback"], signOn.CallbackTypes);
        Assert.Equal(RegistrationOptions, signOn.Options());
        return signOn;
    }

    private async Task<SignOn> StartToPushAsync(string user)
    {
        var signOn = await host.SignOn(Journey).StartAsync();
        await signOn.EnterCredentialsAsync(user, EndToEndServer.Password);
        await signOn.SendDeviceProfileAsync();
        AssertTapToAcceptWait(signOn);
        return signOn;
    }

    private static void AssertTapToAcceptWait(SignOn signOn)
    {
        Assert.Equal(["PollingWaitCallback", "ConfirmationCallback"], signOn.CallbackTypes);
        Assert.Equal("5000", signOn.OutputText("PollingWaitCallback", "waitTime"));
        Assert.Equal("Waiting for response...", signOn.OutputText("PollingWaitCallback", "message"));
        Assert.Equal(["Lost phone? Use a recovery code"], signOn.Options());
    }

    private async Task<(string User, AuthenticatorApp App)> RegisterAsync(string prefix)
    {
        var user = await host.CreateUserAsync(prefix);
        var app = host.NewAuthenticatorApp();
        using var signOn = await StartToOptionsAsync(user);
        await signOn.PressAsync("Register Device");
        Assert.Equal(200, await app.ScanAndRegisterAsync(signOn.ScanQrCode()));
        await signOn.PollAsync();
        await signOn.SubmitAsync();
        Assert.Equal(200, (await app.AnswerAsync(await app.ReceiveOneAsync())).Status);
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await signOn.PollAsync();
        signOn.AssertSignedOn();
        return (user, app);
    }
}

public sealed class PushAuthenticationTestsOnSqlite(EndToEndServer host) : PushAuthenticationTests(host), IClassFixture<EndToEndServer>;

public sealed class PushAuthenticationTestsOnPostgres(EndToEndServer.OnPostgres host) : PushAuthenticationTests(host), IClassFixture<EndToEndServer.OnPostgres>;
