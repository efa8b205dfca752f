using JourneyStudio.Runtime.Persistence;
using System.Net;
using JourneyStudio.Runtime.Sessions;
using JourneyStudio.Web.Tests.Api;

namespace JourneyStudio.Web.Tests.EndToEnd;

/// <summary>
/// Account state over real HTTP: which identities a journey may sign on, what an account change does to sessions and
/// sign-ons in progress, and what deleting an identity leaves behind. Split by area into partial classes.
/// </summary>
public abstract partial class AccountStateTests(AccountStateServer host)
{
    /// <summary>AM's login failure, exactly as a wrong password gets it.</summary>
    private const string LoginFailureBody = """{"code":401,"reason":"Unauthorized","message":"Login failure","detail":{"failureUrl":""}}""";

    private const string Sessions = AmClient.AlphaPath + "/sessions";

    private async Task<SignOn> UsernameOnlyAsync(string username, string journey = AccountStateServer.UsernameOnly)
    {
        var signOn = await host.SignOn(journey).StartAsync();
        Assert.Equal(["NameCallback"], signOn.CallbackTypes);
        return await signOn.SubmitAsync(("NameCallback", username));
    }

    /// <summary>Signs on with username and password (the plain journey) and checks that the session works.</summary>
    private async Task<SignOn> SignedOnAsync(string username)
    {
        var signOn = await host.SignOn(Testing.SignOnJourneys.Plain).StartAsync();
        await signOn.SubmitAsync(("NameCallback", username));
        await signOn.SubmitAsync(("PasswordCallback", EndToEndServer.Password));
        signOn.AssertSignedOn();
        Assert.Equal(username, await signOn.SessionUsernameAsync());
        return signOn;
    }

    /// <summary>The login failure, and the runtime logged <paramref name="reason"/> for it.</summary>
    private void AssertRefused(SignOn signOn, SignOnRefusal reason, int refusalsBefore)
    {
        signOn.AssertLoginFailure();
        Assert.Equal(LoginFailureBody, signOn.Current.Text);
        var logged = host.Refusals.Entries.Skip(refusalsBefore).ToList();
        Assert.Equal(reason, Assert.Single(logged).Reason);
    }

    /// <summary>Every reader of a session refuses <paramref name="token"/>: getSessionInfo (cookie, header, body) and the profile.</summary>
    private async Task AssertSessionRefusedAsync(SignOn signOn, string token, string username)
    {
        using var client = new AmClient(host.Server);
        var header = new Dictionary<string, string> { ["iPlanetDirectoryPro"] = token };
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync(Sessions + "?_action=getSessionInfo", "{}", header)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync(Sessions + "?_action=getSessionInfo", $$"""{"tokenId":"{{token}}"}""")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"{AmClient.AlphaPath}/users/{username}", header)).Status);
        // With the browser's own cookie, as the account page asks.
        Assert.NotNull(signOn.SessionCookie);
        Assert.Equal(HttpStatusCode.Unauthorized, (await signOn.GetSessionInfoAsync()).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await signOn.GetProfileAsync(username)).Status);
    }

    /// <summary>Registers a push device through "Login with Push MFA"; returns the app and the push it sent after registering (unanswered).</summary>
    private async Task<(string User, AuthenticatorApp App, PushNotification Pending)> RegisterPushDeviceAsync(string prefix)
    {
        var user = await host.CreateUserAsync(prefix);
        var app = host.NewAuthenticatorApp();
        using var signOn = await host.SignOn("Login with Push MFA").StartAsync();
        await signOn.EnterCredentialsAsync(user, EndToEndServer.Password);
        await signOn.PressAsync("Continue");
        Assert.Equal(200, await app.ScanAndRegisterAsync(signOn.ScanQrCode()));
        await signOn.PollAsync();
        await signOn.SubmitAsync();
        return (user, app, await app.ReceiveOneAsync());
    }
}

public sealed class AccountStateTestsOnSqlite(AccountStateServer host) : AccountStateTests(host), IClassFixture<AccountStateServer>;

public sealed class AccountStateTestsOnPostgres(AccountStateServer.OnPostgres host) : AccountStateTests(host), IClassFixture<AccountStateServer.OnPostgres>;
