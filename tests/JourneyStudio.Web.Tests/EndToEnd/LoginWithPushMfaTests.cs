using JourneyStudio.Runtime.Persistence;
namespace JourneyStudio.Web.Tests.EndToEnd;

/// <summary>
/// The shipped "Login with Push MFA" journey over HTTP: Get Authenticator App, Push Registration (issuer Ping),
/// recovery codes, then a number-challenge push; the Push Wait exit leads to push recovery codes with a retry limit.
/// </summary>
public abstract class LoginWithPushMfaTests(EndToEndServer host)
{
    private const string Journey = "Login with Push MFA";
    private const string ExitLabel = "Lost phone? Use a recovery code";

    [Fact]
    public async Task NewUser_GetsTheApp_RegistersFromTheQrCode_ApprovesTheNumber_ThenSignsOnAgainWithTheDevice()
    {
        var user = await host.CreateUserAsync("lpm-new");
        using var app = host.NewAuthenticatorApp();
        using var signOn = await host.SignOn(Journey).StartAsync();
        await signOn.EnterCredentialsAsync(user, EndToEndServer.Password);

        // Get Authenticator App: the PingID store links and a Continue button.
        Assert.Equal(["TextOutputCallback", "ConfirmationCallback"], signOn.CallbackTypes);
        Assert.Equal("4", signOn.OutputText("TextOutputCallback", "messageType"));
        Assert.Contains("https://apps.apple.com/us/app/pingid/id891247102", signOn.OutputText("TextOutputCallback", "message"));
        Assert.Contains("prod.com.pingidentity.pingid", signOn.OutputText("TextOutputCallback", "message"));
        await signOn.PressAsync("Continue");

        // Push Registration: the app scans the pushauth URI and registers at its r URL.
        var uri = signOn.ScanQrCode();
        Assert.StartsWith($"pushauth://push/Ping:{user}?", uri);
        Assert.Equal("2000", signOn.OutputText("PollingWaitCallback", "waitTime"));
        Assert.Equal(200, await app.ScanAndRegisterAsync(uri));
        Assert.Equal("Ping", System.Text.Encoding.UTF8.GetString(AuthenticatorApp.FromBase64Url(app.Account!.Query["issuer"])));
        Assert.StartsWith(host.Server.BaseAddress + "json/realms/root/realms/alpha/push/sns/message?_action=register", app.Account.RegisterUrl);

        // Recovery Code Display: ten codes, once.
        await signOn.PollAsync();
        var codes = signOn.RecoveryCodes();
        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, code => Assert.Matches("^[0-9A-Za-z]{10}$", code));
        await signOn.SubmitAsync();

        // Back to Push Sender: a number-challenge push to the new device.
        var number = AssertNumberChallengeWait(signOn);
        var push = await app.ReceiveOneAsync();
        Assert.Equal("challenge", (string?)push.Claims["k"]);
        Assert.Equal("challenge", push.PushType);
        Assert.Contains(number, push.Numbers);
        Assert.Equal(3, push.Numbers.Distinct().Count());
        Assert.Equal(user, (string?)push.Claims["d"]);
        Assert.Equal($"Login attempt from {user} at Ping", push.UserMessage);
        Assert.Equal("120", (string?)push.Claims["t"]);
        Assert.NotNull(push.Claims["x"]); // contextInfo is on

        Assert.Equal(200, (await app.AnswerAsync(push, approve: true, number: number)).Status);
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await signOn.PollAsync();

        signOn.AssertSignedOn();
        Assert.Equal(user, await signOn.SessionUsernameAsync());

        // A second sign-on goes straight to the push on the registered device.
        using var again = await host.SignOn(Journey).StartAsync();
        await again.EnterCredentialsAsync(user, EndToEndServer.Password);
        var secondNumber = AssertNumberChallengeWait(again);
        var secondPush = await app.ReceiveOneAsync();
        Assert.NotEqual(push.MessageId, secondPush.MessageId);
        Assert.Equal(200, (await app.AnswerAsync(secondPush, approve: true, number: secondNumber)).Status);
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await again.PollAsync();
        again.AssertSignedOn();
        Assert.NotEqual(signOn.SessionCookie, again.SessionCookie);
        Assert.Equal(user, await again.SessionUsernameAsync());
    }

    [Fact]
    public async Task WrongNumber_IsAcceptedByTheDeviceEndpoint_ButTheSignOnFails()
    {
        var (user, app, _) = await RegisterAsync("lpm-wrong");
        using var signOn = await host.SignOn(Journey).StartAsync();
        await signOn.EnterCredentialsAsync(user, EndToEndServer.Password);
        var shown = AssertNumberChallengeWait(signOn);
        var push = await app.ReceiveOneAsync();
        var wrong = push.Numbers.First(n => n != shown);

        Assert.Equal(200, (await app.AnswerAsync(push, approve: true, number: wrong)).Status);
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await signOn.PollAsync();

        signOn.AssertLoginFailure();
    }

    [Fact]
    public async Task TenWrongNumbers_LockTheUser_SoTheNextSignOnFailsAtThePassword_UntilTheLockoutEnds()
    {
        var (user, app, _) = await RegisterAsync("lpm-lock");
        for (var i = 0; i < 10; i++)
        {
            using var guess = await host.SignOn(Journey).StartAsync();
            await guess.EnterCredentialsAsync(user, EndToEndServer.Password);
            var shown = AssertNumberChallengeWait(guess);
            var push = await app.ReceiveOneAsync();
            Assert.Equal(200, (await app.AnswerAsync(push, approve: true, number: push.Numbers.First(n => n != shown))).Status);
            host.Clock.Advance(TimeSpan.FromSeconds(5));
            await guess.PollAsync();
            guess.AssertLoginFailure();
        }

        using (var locked = await host.SignOn(Journey).StartAsync())
        {
            await locked.EnterCredentialsAsync(user, EndToEndServer.Password);
            locked.AssertLoginFailure();
        }

        host.Clock.Advance(TimeSpan.FromMinutes(1));
        using var signOn = await host.SignOn(Journey).StartAsync();
        await signOn.EnterCredentialsAsync(user, EndToEndServer.Password);
        var number = AssertNumberChallengeWait(signOn);
        Assert.Equal(200, (await app.AnswerAsync(await app.ReceiveOneAsync(), number: number)).Status);
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await signOn.PollAsync();
        signOn.AssertSignedOn();
    }

    [Fact]
    public async Task ApprovalWithoutPickingANumber_Fails()
    {
        var (user, app, _) = await RegisterAsync("lpm-nonum");
        using var signOn = await host.SignOn(Journey).StartAsync();
        await signOn.EnterCredentialsAsync(user, EndToEndServer.Password);
        AssertNumberChallengeWait(signOn);

        Assert.Equal(200, (await app.AnswerAsync(await app.ReceiveOneAsync(), approve: true, number: null)).Status);
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await signOn.PollAsync();

        signOn.AssertLoginFailure();
    }

    [Fact]
    public async Task Deny_EndsInLoginFailure()
    {
        var (user, app, _) = await RegisterAsync("lpm-deny");
        using var signOn = await host.SignOn(Journey).StartAsync();
        await signOn.EnterCredentialsAsync(user, EndToEndServer.Password);
        AssertNumberChallengeWait(signOn);

        Assert.Equal(200, (await app.AnswerAsync(await app.ReceiveOneAsync(), approve: false)).Status);
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await signOn.PollAsync();

        signOn.AssertLoginFailure();
    }

    [Fact]
    public async Task WrongPassword_FailsBeforeAnyPush()
    {
        var (user, app, _) = await RegisterAsync("lpm-pass");
        using var signOn = await host.SignOn(Journey).StartAsync();

        await signOn.EnterCredentialsAsync(user, "not-the-password");

        signOn.AssertLoginFailure();
        Assert.Empty(await app.ReceiveAsync());
    }

    [Fact]
    public async Task ExitToRecoveryCode_SignsOn_AndTheSameCodeIsRefusedNextTime()
    {
        var (user, _, codes) = await RegisterAsync("lpm-code");

        using var first = await StartAndExitToRecoveryAsync(user);
        await first.SubmitAsync(("NameCallback", codes[4]));
        first.AssertSignedOn();
        Assert.Equal(user, await first.SessionUsernameAsync());

        using var second = await StartAndExitToRecoveryAsync(user);
        await second.SubmitAsync(("NameCallback", codes[4]));
        Assert.Equal(["NameCallback"], second.CallbackTypes); // refused: asked again (Retry)
        Assert.Null(second.SessionCookie);
        await second.SubmitAsync(("NameCallback", codes[5]));
        second.AssertSignedOn();
    }

    [Fact]
    public async Task WrongRecoveryCodes_AreRetriedThreeTimes_ThenTheSignOnFails()
    {
        var (user, _, codes) = await RegisterAsync("lpm-retry");
        using var signOn = await StartAndExitToRecoveryAsync(user);

        // retryLimit 3: three passes through Retry back to the prompt, then Reject.
        foreach (var wrong in new[] { "WRONGCODE1", "not a code", "WRONGCODE3" })
        {
            await signOn.SubmitAsync(("NameCallback", wrong));
            Assert.Equal(["NameCallback"], signOn.CallbackTypes);
            Assert.Equal("Recovery Code", signOn.OutputText("NameCallback", "prompt"));
        }
        await signOn.SubmitAsync(("NameCallback", "WRONGCODE4"));
        signOn.AssertLoginFailure();

        // The rejection reset the counter, and the right code was never used up.
        using var next = await StartAndExitToRecoveryAsync(user);
        await next.SubmitAsync(("NameCallback", codes[0]));
        next.AssertSignedOn();
    }

    [Fact]
    public async Task RegistrationTimeout_LeadsBackToGetTheApp_AndAFreshQrCodeRegisters()
    {
        var user = await host.CreateUserAsync("lpm-timeout");
        using var app = host.NewAuthenticatorApp();
        using var signOn = await host.SignOn(Journey).StartAsync();
        await signOn.EnterCredentialsAsync(user, EndToEndServer.Password);
        await signOn.PressAsync("Continue");
        var stale = signOn.ScanQrCode();

        // Push Registration timeout 60 s at one poll per 2 s → Time Out → Get Authenticator App.
        for (var poll = 0; poll < 30; poll++) await signOn.PollAsync();
        Assert.Equal(["TextOutputCallback", "ConfirmationCallback"], signOn.CallbackTypes);
        Assert.Equal(["Continue"], signOn.Options());
        Assert.Equal(400, await app.ScanAndRegisterAsync(stale));

        await signOn.PressAsync("Continue");
        var fresh = signOn.ScanQrCode();
        Assert.NotEqual(ScannedAccount.Parse(stale).MessageId, ScannedAccount.Parse(fresh).MessageId);
        Assert.Equal(200, await app.ScanAndRegisterAsync(fresh));
        await signOn.PollAsync();
        Assert.Equal(10, signOn.RecoveryCodes().Count);
        await signOn.SubmitAsync();
        var number = AssertNumberChallengeWait(signOn);
        Assert.Equal(200, (await app.AnswerAsync(await app.ReceiveOneAsync(), number: number)).Status);
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await signOn.PollAsync();
        signOn.AssertSignedOn();
    }

    private async Task<SignOn> StartAndExitToRecoveryAsync(string user)
    {
        var signOn = await host.SignOn(Journey).StartAsync();
        await signOn.EnterCredentialsAsync(user, EndToEndServer.Password);
        AssertNumberChallengeWait(signOn);
        await signOn.PressAsync(ExitLabel);
        Assert.Equal(["NameCallback"], signOn.CallbackTypes);
        Assert.Equal("Recovery Code", signOn.OutputText("NameCallback", "prompt"));
        return signOn;
    }

    /// <summary>Push Wait with the number challenge: polling wait, the number to tap, and the exit button not pressed.</summary>
    private static int AssertNumberChallengeWait(SignOn signOn)
    {
        Assert.Equal(["PollingWaitCallback", "HiddenValueCallback", "ConfirmationCallback"], signOn.CallbackTypes);
        Assert.Equal("5000", signOn.OutputText("PollingWaitCallback", "waitTime"));
        var number = int.Parse(signOn.HiddenValue("pushChallengeNumber")!);
        Assert.InRange(number, 10, 99);
        Assert.Contains($"[{number}]", signOn.OutputText("PollingWaitCallback", "message"));
        Assert.Equal([ExitLabel], signOn.Options());
        Assert.Equal("100", signOn.Callback("ConfirmationCallback")["input"]![0]!["value"]!.ToString());
        return number;
    }

    /// <summary>A new user who registered through the journey (approving the first push); returns the app and the codes shown.</summary>
    private async Task<(string User, AuthenticatorApp App, IReadOnlyList<string> Codes)> RegisterAsync(string prefix)
    {
        var user = await host.CreateUserAsync(prefix);
        var app = host.NewAuthenticatorApp();
        using var signOn = await host.SignOn(Journey).StartAsync();
        await signOn.EnterCredentialsAsync(user, EndToEndServer.Password);
        await signOn.PressAsync("Continue");
        Assert.Equal(200, await app.ScanAndRegisterAsync(signOn.ScanQrCode()));
        await signOn.PollAsync();
        var codes = signOn.RecoveryCodes();
        await signOn.SubmitAsync();
        var number = AssertNumberChallengeWait(signOn);
        Assert.Equal(200, (await app.AnswerAsync(await app.ReceiveOneAsync(), number: number)).Status);
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await signOn.PollAsync();
        signOn.AssertSignedOn();
        return (user, app, codes);
    }
}

public sealed class LoginWithPushMfaTestsOnSqlite(EndToEndServer host) : LoginWithPushMfaTests(host), IClassFixture<EndToEndServer>;

public sealed class LoginWithPushMfaTestsOnPostgres(EndToEndServer.OnPostgres host) : LoginWithPushMfaTests(host), IClassFixture<EndToEndServer.OnPostgres>;
