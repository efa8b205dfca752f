using System.Net;
using System.Text.Json.Nodes;
using JourneyStudio.Runtime.Sessions;
using JourneyStudio.Web.Tests.Api;

namespace JourneyStudio.Web.Tests.EndToEnd;

/// <summary>Items 2 and 3: account changes end sessions and sign-ons in progress; every session reader checks the identity.</summary>
public abstract partial class AccountStateTests
{
    [Theory]
    [InlineData("disable")]
    [InlineData("password")]
    [InlineData("delete")]
    [InlineData("lock")]
    public async Task AccountChange_EndsEverySessionOfTheUser_ForEveryReader(string change)
    {
        var user = await host.CreateUserAsync("as-" + change);
        var bystander = await host.CreateUserAsync("as-bystander");
        using var first = await SignedOnAsync(user);
        using var second = await SignedOnAsync(user);
        using var other = await SignedOnAsync(bystander);

        switch (change)
        {
            case "disable": await host.DisableAsync(user); break;
            case "password":
                Assert.Equal(HttpStatusCode.OK, (await host.AdminAsync(HttpMethod.Put, "identities/" + user,
                    new JsonObject { ["password"] = "A-new-password-2" })).Status);
                break;
            case "delete": await host.DeleteAsync(user); break;
            case "lock": await host.Lockout.LockAsync(user); break;
        }

        await AssertSessionRefusedAsync(first, first.SessionCookie!, user);
        await AssertSessionRefusedAsync(second, second.SessionCookie!, user);
        Assert.Equal(bystander, await other.SessionUsernameAsync());
    }

    [Fact]
    public async Task SessionOfADeletedUser_IsNotASessionOfTheUserCreatedAgainUnderTheSameName()
    {
        var user = await host.CreateUserAsync("as-again");
        using var old = await SignedOnAsync(user);
        var oldToken = old.SessionCookie!;

        await host.DeleteAsync(user);
        await host.CreateUserNamedAsync(user);

        await AssertSessionRefusedAsync(old, oldToken, user);
        using var fresh = await SignedOnAsync(user);
        Assert.NotEqual(oldToken, fresh.SessionCookie);
    }

    [Fact]
    public async Task EnablingAgain_DoesNotRevive_TheSessionsDisablingEnded()
    {
        var user = await host.CreateUserAsync("as-revive");
        using var signOn = await SignedOnAsync(user);

        await host.DisableAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await host.AdminAsync(HttpMethod.Put, "identities/" + user, new JsonObject { ["active"] = true })).Status);

        await AssertSessionRefusedAsync(signOn, signOn.SessionCookie!, user);
    }

    [Fact]
    public async Task HostedAccountPage_IsServed_ButWhatItReadsRefusesTheEndedSession()
    {
        var user = await host.CreateUserAsync("as-page");
        using var signOn = await SignedOnAsync(user);
        var page = await new AmClient(host.Server).GetAsync("account?realm=alpha");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("account.js", page.Text);

        await host.DisableAsync(user);

        // account.js sends the browser to /login unless getSessionInfo answers 200 with a username.
        var info = await signOn.GetSessionInfoAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, info.Status);
        Assert.Null(info.Body["username"]);
    }

    [Theory]
    [InlineData("delete", SignOnRefusal.AccountDeleted)]
    [InlineData("disable", SignOnRefusal.AccountDisabled)]
    [InlineData("lock", SignOnRefusal.AccountLocked)]
    [InlineData("password", SignOnRefusal.PasswordChanged)]
    public async Task HalfFinishedPasswordlessPush_OfAChangedUser_FailsAtItsNextStep(string change, SignOnRefusal reason)
    {
        var (user, app, _) = await RegisterPushDeviceAsync("as-half-" + change[..3]);
        using var signOn = await host.SignOn("PasswordlessPush").StartAsync();
        await signOn.SubmitAsync(("NameCallback", user));
        Assert.Equal(["PollingWaitCallback"], signOn.CallbackTypes);
        var push = await app.ReceiveOneAsync();

        switch (change)
        {
            case "delete": await host.DeleteAsync(user); break;
            case "disable": await host.DisableAsync(user); break;
            case "lock": await host.Lockout.LockAsync(user); break;
            case "password":
                Assert.Equal(HttpStatusCode.OK, (await host.AdminAsync(HttpMethod.Put, "identities/" + user,
                    new JsonObject { ["password"] = "A-new-password-2" })).Status);
                break;
        }
        var answer = await app.AnswerAsync(push);
        // A deleted user's push messages are gone with the user: the device's approval has nothing to approve.
        if (change == "delete") Assert.InRange(answer.Status, 400, 499);
        var before = host.Refusals.Entries.Count;
        host.Clock.Advance(TimeSpan.FromSeconds(8));
        await signOn.PollAsync();

        AssertRefused(signOn, reason, before);
    }
}
