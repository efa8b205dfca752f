using JourneyStudio.Runtime.Persistence;
namespace JourneyStudio.Web.Tests.EndToEnd;

/// <summary>
/// The shipped "PasswordlessPush" journey over HTTP: a username, then a mandatory push answered while a Polling
/// Wait loops with the Push Result Verifier. No device, a denial or an expired push all end in failure.
/// </summary>
public abstract class PasswordlessPushTests(EndToEndServer host)
{
    private const string Journey = "PasswordlessPush";

    [Fact]
    public async Task UsernameThenApprovedPush_SignsOn()
    {
        var (user, app) = await RegisterDeviceAsync("pl-ok");
        using var signOn = await StartToWaitAsync(user);
        var push = await app.ReceiveOneAsync();
        Assert.Equal("default", (string?)push.Claims["k"]);
        Assert.Equal(user, (string?)push.Claims["d"]);

        host.Clock.Advance(TimeSpan.FromSeconds(8));
        await signOn.PollAsync(); // no answer yet: WAITING, back to the Polling Wait
        AssertPollingWait(signOn);
        Assert.Equal(200, (await app.AnswerAsync(push)).Status);
        host.Clock.Advance(TimeSpan.FromSeconds(8));
        await signOn.PollAsync();

        signOn.AssertSignedOn();
        Assert.Equal(user, await signOn.SessionUsernameAsync());
    }

    [Fact]
    public async Task UserWithoutADevice_FailsAtOnce_AndSoDoesAStranger()
    {
        var user = await host.CreateUserAsync("pl-nodevice");

        using var signOn = await host.SignOn(Journey).StartAsync();
        Assert.Equal(["NameCallback"], signOn.CallbackTypes);
        await signOn.SubmitAsync(("NameCallback", user));
        signOn.AssertLoginFailure();

        using var stranger = await host.SignOn(Journey).StartAsync();
        await stranger.SubmitAsync(("NameCallback", "nobody-" + Guid.NewGuid().ToString("N")[..8]));
        stranger.AssertLoginFailure();
    }

    [Fact]
    public async Task Deny_EndsInLoginFailure()
    {
        var (user, app) = await RegisterDeviceAsync("pl-deny");
        using var signOn = await StartToWaitAsync(user);

        Assert.Equal(200, (await app.AnswerAsync(await app.ReceiveOneAsync(), approve: false)).Status);
        host.Clock.Advance(TimeSpan.FromSeconds(8));
        await signOn.PollAsync();

        signOn.AssertLoginFailure();
    }

    [Fact]
    public async Task UnansweredPush_Expires_AndTheSignOnFailsWithoutResending()
    {
        var (user, app) = await RegisterDeviceAsync("pl-expire");
        using var signOn = await StartToWaitAsync(user);
        var push = await app.ReceiveOneAsync();

        host.Clock.Advance(TimeSpan.FromSeconds(8));
        await signOn.PollAsync();
        AssertPollingWait(signOn);
        host.Clock.Advance(TimeSpan.FromSeconds(121));
        await signOn.PollAsync();

        signOn.AssertLoginFailure();
        Assert.Empty(await app.ReceiveAsync());
        Assert.Equal(400, (await app.AnswerAsync(push)).Status);
    }

    private async Task<SignOn> StartToWaitAsync(string user)
    {
        var signOn = await host.SignOn(Journey).StartAsync();
        Assert.Equal(["NameCallback"], signOn.CallbackTypes);
        await signOn.SubmitAsync(("NameCallback", user));
        AssertPollingWait(signOn);
        return signOn;
    }

    private static void AssertPollingWait(SignOn signOn)
    {
        Assert.Equal(["PollingWaitCallback"], signOn.CallbackTypes);
        Assert.Equal("8000", signOn.OutputText("PollingWaitCallback", "waitTime"));
    }

    /// <summary>Registers a push device for a new user through "Login with Push MFA" (devices belong to the user, not the journey).</summary>
    private async Task<(string User, AuthenticatorApp App)> RegisterDeviceAsync(string prefix)
    {
        var user = await host.CreateUserAsync(prefix);
        var app = host.NewAuthenticatorApp();
        using var signOn = await host.SignOn("Login with Push MFA").StartAsync();
        await signOn.EnterCredentialsAsync(user, EndToEndServer.Password);
        await signOn.PressAsync("Continue");
        Assert.Equal(200, await app.ScanAndRegisterAsync(signOn.ScanQrCode()));
        await signOn.PollAsync();
        await signOn.SubmitAsync();
        // That journey now pushes; this test leaves the push unanswered and takes it out of the inbox.
        Assert.Single(await app.ReceiveAsync());
        return (user, app);
    }
}

public sealed class PasswordlessPushTestsOnSqlite(EndToEndServer host) : PasswordlessPushTests(host), IClassFixture<EndToEndServer>;

public sealed class PasswordlessPushTestsOnPostgres(EndToEndServer.OnPostgres host) : PasswordlessPushTests(host), IClassFixture<EndToEndServer.OnPostgres>;
