using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Identities;

namespace JourneyStudio.Web.Tests.EndToEnd;

/// <summary>
/// The shipped "CombinedMFA" journey over HTTP: one mfauth QR code registers push and OATH together with shared
/// recovery codes; when the push does not arrive, the exit leads to the OATH Token Verifier (TOTP or recovery
/// code), with one Retry Limit Decision for both.
/// </summary>
public abstract class CombinedMfaTests(EndToEndServer host)
{
    private const string Journey = "CombinedMFA";
    private const string ExitLabel = "No notification? Enter a one-time password";

    [Fact]
    public async Task NewUser_RegistersPushAndOathWithOneQrCode_ThenApprovesThePush()
    {
        var user = await host.CreateUserAsync("cm-new");
        using var app = host.NewAuthenticatorApp();
        using var signOn = await host.SignOn(Journey).StartAsync();
        await signOn.EnterCredentialsAsync(user, EndToEndServer.Password);

        var uri = signOn.ScanQrCode();
        Assert.StartsWith($"mfauth://totp/ForgeRock:{user}?", uri);
        var account = app.Scan(uri);
        // The push half (4.2) and the OATH half (4.3) in one query.
        Assert.All(["m", "s", "c", "r", "a", "secret", "period", "digits"], key => Assert.True(account.Query.ContainsKey(key), $"no '{key}' in {uri}"));
        Assert.Equal("30", account.Query["period"]);
        Assert.Equal("6", account.Query["digits"]);
        Assert.StartsWith("REGISTER:", account.MessageId);
        Assert.Equal(200, await app.ScanAndRegisterAsync(uri));

        await signOn.PollAsync();
        Assert.Equal(10, signOn.RecoveryCodes().Count);
        await signOn.SubmitAsync();
        AssertPushWait(signOn);
        Assert.Equal(200, (await app.AnswerAsync(await app.ReceiveOneAsync())).Status);
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await signOn.PollAsync();

        signOn.AssertSignedOn();
        Assert.Equal(user, await signOn.SessionUsernameAsync());
        var identity = (await host.IdentityAsync(user))!;
        Assert.Equal(MfaSkipState.NotSkippable, identity.PushSkip);
        Assert.Equal(MfaSkipState.NotSkippable, identity.OathSkip);
    }

    [Fact]
    public async Task TotpFallback_SignsOn_AndTheSameCodeIsRefusedInTheNextSignOn()
    {
        var (user, app, _) = await RegisterAsync("cm-totp");

        using var first = await StartAndExitToOathAsync(user);
        var code = app.Totp(host.Clock.GetUtcNow());
        await first.SubmitAsync(("NameCallback", code), ("ConfirmationCallback", 0));
        first.AssertSignedOn();
        Assert.Equal(user, await first.SessionUsernameAsync());

        using var second = await StartAndExitToOathAsync(user);
        await second.SubmitAsync(("NameCallback", code), ("ConfirmationCallback", 0));
        AssertOathPrompt(second); // refused: Retry leads back to the prompt
        Assert.Null(second.SessionCookie);

        host.Clock.Advance(TimeSpan.FromSeconds(30));
        var next = app.Totp(host.Clock.GetUtcNow());
        Assert.NotEqual(code, next);
        await second.SubmitAsync(("NameCallback", next), ("ConfirmationCallback", 0));
        second.AssertSignedOn();
    }

    [Fact]
    public async Task RecoveryCodeFromTheOathPrompt_SignsOnOnce()
    {
        var (user, _, codes) = await RegisterAsync("cm-code");

        using var first = await StartAndExitToOathAsync(user);
        await first.PressAsync("Use recovery code");
        Assert.Equal(["NameCallback"], first.CallbackTypes);
        Assert.Equal("Recovery Code", first.OutputText("NameCallback", "prompt"));
        await first.SubmitAsync(("NameCallback", codes[2]));
        first.AssertSignedOn();

        using var second = await StartAndExitToOathAsync(user);
        await second.PressAsync("Use recovery code");
        await second.SubmitAsync(("NameCallback", codes[2]));
        AssertOathPrompt(second); // used up: the retry goes back to the one-time-password prompt
    }

    [Fact]
    public async Task OneRetryLimit_CountsWrongCodesAndWrongRecoveryCodes_ThenFails()
    {
        var (user, app, _) = await RegisterAsync("cm-retry");
        using var signOn = await StartAndExitToOathAsync(user);

        await signOn.SubmitAsync(("NameCallback", "000000"), ("ConfirmationCallback", 0));
        AssertOathPrompt(signOn);
        await signOn.PressAsync("Use recovery code");
        await signOn.SubmitAsync(("NameCallback", "WRONGCODE1"));
        AssertOathPrompt(signOn);
        await signOn.SubmitAsync(("NameCallback", "12345"), ("ConfirmationCallback", 0)); // too short
        AssertOathPrompt(signOn);

        // The fourth wrong answer is past the three retries: the right code no longer matters in this sign-on.
        await signOn.SubmitAsync(("NameCallback", "999999"), ("ConfirmationCallback", 0));
        signOn.AssertLoginFailure();

        using var next = await StartAndExitToOathAsync(user);
        await next.SubmitAsync(("NameCallback", app.Totp(host.Clock.GetUtcNow())), ("ConfirmationCallback", 0));
        next.AssertSignedOn();
    }

    [Fact]
    public async Task OathGuesses_AcrossSignOns_AreRejectedAtTheRetryLimit_AndTenOfThemLockTheUser()
    {
        var (user, app, _) = await RegisterAsync("cm-guess");
        using (var first = await StartAndExitToOathAsync(user))
        {
            for (var i = 0; i < 3; i++)
            {
                await first.SubmitAsync(("NameCallback", "000000"), ("ConfirmationCallback", 0));
                AssertOathPrompt(first);
            }
            await first.SubmitAsync(("NameCallback", "111111"), ("ConfirmationCallback", 0));
            first.AssertLoginFailure();
        }

        // A new sign-on used to bring three fresh tries (the count was cleared on Reject): guessing without end.
        // The count stays on the user, so the next wrong code is rejected at once.
        using (var second = await StartAndExitToOathAsync(user))
        {
            await second.SubmitAsync(("NameCallback", "222222"), ("ConfirmationCallback", 0));
            second.AssertLoginFailure();
        }
        // Five wrong codes so far; five more make ten consecutive failures, which lock the user.
        for (var i = 0; i < 5; i++)
        {
            using var next = await StartAndExitToOathAsync(user);
            await next.SubmitAsync(("NameCallback", "333333"), ("ConfirmationCallback", 0));
            next.AssertLoginFailure();
        }
        using (var locked = await host.SignOn(Journey).StartAsync())
        {
            await locked.EnterCredentialsAsync(user, EndToEndServer.Password);
            locked.AssertLoginFailure();
        }

        host.Clock.Advance(TimeSpan.FromMinutes(1));
        using var after = await StartAndExitToOathAsync(user);
        await after.SubmitAsync(("NameCallback", app.Totp(host.Clock.GetUtcNow())), ("ConfirmationCallback", 0));
        after.AssertSignedOn();
    }

    private async Task<SignOn> StartAndExitToOathAsync(string user)
    {
        var signOn = await host.SignOn(Journey).StartAsync();
        await signOn.EnterCredentialsAsync(user, EndToEndServer.Password);
        AssertPushWait(signOn);
        await signOn.PressAsync(ExitLabel);
        AssertOathPrompt(signOn);
        return signOn;
    }

    private static void AssertPushWait(SignOn signOn)
    {
        Assert.Equal(["PollingWaitCallback", "ConfirmationCallback"], signOn.CallbackTypes);
        Assert.Equal([ExitLabel], signOn.Options());
    }

    private static void AssertOathPrompt(SignOn signOn)
    {
        Assert.Equal(["NameCallback", "ConfirmationCallback"], signOn.CallbackTypes);
        Assert.Equal("Enter verification code", signOn.OutputText("NameCallback", "prompt"));
        Assert.Equal(["Submit", "Use recovery code"], signOn.Options());
    }

    private async Task<(string User, AuthenticatorApp App, IReadOnlyList<string> Codes)> RegisterAsync(string prefix)
    {
        var user = await host.CreateUserAsync(prefix);
        var app = host.NewAuthenticatorApp();
        using var signOn = await host.SignOn(Journey).StartAsync();
        await signOn.EnterCredentialsAsync(user, EndToEndServer.Password);
        Assert.Equal(200, await app.ScanAndRegisterAsync(signOn.ScanQrCode()));
        await signOn.PollAsync();
        var codes = signOn.RecoveryCodes();
        await signOn.SubmitAsync();
        Assert.Equal(200, (await app.AnswerAsync(await app.ReceiveOneAsync())).Status);
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await signOn.PollAsync();
        signOn.AssertSignedOn();
        return (user, app, codes);
    }
}

public sealed class CombinedMfaTestsOnSqlite(EndToEndServer host) : CombinedMfaTests(host), IClassFixture<EndToEndServer>;

public sealed class CombinedMfaTestsOnPostgres(EndToEndServer.OnPostgres host) : CombinedMfaTests(host), IClassFixture<EndToEndServer.OnPostgres>;
