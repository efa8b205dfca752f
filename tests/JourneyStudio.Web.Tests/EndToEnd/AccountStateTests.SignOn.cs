using System.Net;
using JourneyStudio.Runtime.Sessions;
using JourneyStudio.Testing;

namespace JourneyStudio.Web.Tests.EndToEnd;

/// <summary>Item 1: the account is checked where the session is made, whatever nodes the journey ran.</summary>
public abstract partial class AccountStateTests
{
    [Fact]
    public async Task WrongPassword_IsTheLoginFailureEveryRefusalLooksLike()
    {
        var user = await host.CreateUserAsync("as-wrong");
        using var signOn = await host.SignOn(SignOnJourneys.Plain).StartAsync();
        await signOn.SubmitAsync(("NameCallback", user));
        await signOn.SubmitAsync(("PasswordCallback", "Not-the-password-1"));

        signOn.AssertLoginFailure();
        Assert.Equal(LoginFailureBody, signOn.Current.Text);
    }

    [Fact]
    public async Task JourneyWithoutAPasswordNode_SignsOnAnActiveIdentity()
    {
        var user = await host.CreateUserAsync("as-active");

        using var signOn = await UsernameOnlyAsync(user.ToUpperInvariant());

        signOn.AssertSignedOn();
        Assert.Equal(user, await signOn.SessionUsernameAsync());
    }

    [Fact]
    public async Task JourneyWithoutAPasswordNode_DisabledIdentity_GetsNoSession()
    {
        var user = await host.CreateUserAsync("as-disabled");
        await host.DisableAsync(user);
        var before = host.Refusals.Entries.Count;

        using var signOn = await UsernameOnlyAsync(user);

        AssertRefused(signOn, SignOnRefusal.AccountDisabled, before);
        Assert.Equal((AccountStateServer.UsernameOnly, SignOnRefusal.AccountDisabled), host.Refusals.Entries[^1]);
    }

    [Fact]
    public async Task JourneyWithoutAPasswordNode_LockedIdentity_GetsNoSession()
    {
        var user = await host.CreateUserAsync("as-locked");
        await host.Lockout.LockAsync(user);
        var before = host.Refusals.Entries.Count;

        using var signOn = await UsernameOnlyAsync(user);

        AssertRefused(signOn, SignOnRefusal.AccountLocked, before);
    }

    [Fact]
    public async Task JourneyWithoutAPasswordNode_UsernameThatIsNoIdentity_GetsNoSession()
    {
        var before = host.Refusals.Entries.Count;

        using var signOn = await UsernameOnlyAsync("nobody-" + Guid.NewGuid().ToString("N")[..8]);

        AssertRefused(signOn, SignOnRefusal.NoSuchIdentity, before);
    }

    [Fact]
    public async Task PasswordlessPush_DisabledUserApprovingOnTheirOwnDevice_GetsNoSession()
    {
        var (user, app, _) = await RegisterPushDeviceAsync("as-plpush");
        await host.DisableAsync(user);
        var before = host.Refusals.Entries.Count;

        using var signOn = await host.SignOn("PasswordlessPush").StartAsync();
        await signOn.SubmitAsync(("NameCallback", user));
        Assert.Equal(["PollingWaitCallback"], signOn.CallbackTypes);
        Assert.Equal(200, (await app.AnswerAsync(await app.ReceiveOneAsync())).Status);
        host.Clock.Advance(TimeSpan.FromSeconds(8));
        await signOn.PollAsync();

        AssertRefused(signOn, SignOnRefusal.AccountDisabled, before);
    }

    /// <summary>Today's behaviour, kept: a noSession journey hands out no session, so it is not checked.</summary>
    [Fact]
    public async Task NoSessionJourney_DisabledIdentity_StillSucceedsWithoutAToken()
    {
        var user = await host.CreateUserAsync("as-nosession");
        await host.DisableAsync(user);

        using var signOn = await UsernameOnlyAsync(user, AccountStateServer.UsernameOnlyNoSession);

        Assert.Equal(HttpStatusCode.OK, signOn.Current.Status);
        Assert.Equal("""{"successUrl":"/account?realm=alpha","realm":"/alpha"}""", signOn.Current.Text);
        Assert.Null(signOn.SessionCookie);
    }

    /// <summary>Today's behaviour, kept: a journey that never names a user succeeds without a session.</summary>
    [Fact]
    public async Task JourneyThatSetsNoUsername_SucceedsWithoutAToken()
    {
        using var signOn = await host.SignOn(AccountStateServer.Anonymous).StartAsync();

        Assert.Equal(HttpStatusCode.OK, signOn.Current.Status);
        Assert.Equal("""{"successUrl":"/account?realm=alpha","realm":"/alpha"}""", signOn.Current.Text);
        Assert.Null(signOn.SessionCookie);
    }
}
