using JourneyStudio.Runtime.Persistence;
using System.Net;
using System.Text.Json.Nodes;
using JourneyStudio.Runtime.Audit;
using JourneyStudio.Testing;
using JourneyStudio.Web.Tests.Api;

namespace JourneyStudio.Web.Tests.BruteForce;

/// <summary>
/// Guessing over real HTTP with the default limits: ten consecutive failures lock an identity for a minute, a locked
/// identity is answered exactly like a wrong password (whether or not it exists), and the lockout ends its sessions.
/// </summary>
public abstract class LockoutTests(LockoutServer host)
{
    [Fact]
    public async Task Login_TenWrongPasswords_LockTheUser_AndTheRightPasswordGetsTheSameFailure_UntilTheMinuteIsOver()
    {
        var user = await host.CreateUserAsync("lock");
        AmResponse wrong = null!;
        for (var i = 0; i < 10; i++)
        {
            wrong = await host.LoginAsync(user, $"Wrong-password-{i}");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        }

        var locked = await host.LoginAsync(user, GuessingServer.Password);

        Assert.Equal(HttpStatusCode.Unauthorized, locked.Status);
        Assert.Equal(wrong.Text, locked.Text);
        host.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.LoginAsync(user, GuessingServer.Password)).Status);
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        var signedOn = await host.LoginAsync(user, GuessingServer.Password);
        Assert.Equal(HttpStatusCode.OK, signedOn.Status);
        Assert.NotNull(signedOn.Body["tokenId"]);
    }

    [Fact]
    public async Task Login_NineWrongPasswordsThenTheRightOne_SignsOn_AndStartsTheCountAgain()
    {
        var user = await host.CreateUserAsync("nine");
        for (var i = 0; i < 9; i++) await host.LoginAsync(user, "Wrong-password-1");

        Assert.Equal(HttpStatusCode.OK, (await host.LoginAsync(user, GuessingServer.Password)).Status);
        for (var i = 0; i < 9; i++) await host.LoginAsync(user, "Wrong-password-1");
        Assert.Equal(HttpStatusCode.OK, (await host.LoginAsync(user, GuessingServer.Password)).Status);
    }

    [Fact]
    public async Task Login_AnUnknownUsername_IsCountedAndAnsweredExactlyLikeAKnownOne()
    {
        var known = await host.CreateUserAsync("known");
        var unknown = "nobody-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 10; i++)
        {
            await host.LoginAsync(known, "Wrong-password-1");
            await host.LoginAsync(unknown, "Wrong-password-1");
        }

        var knownLocked = await host.LoginAsync(known, GuessingServer.Password);
        var unknownLocked = await host.LoginAsync(unknown, GuessingServer.Password);
        var plainWrong = await host.LoginAsync(await host.CreateUserAsync("plain"), "Wrong-password-1");

        Assert.Equal(HttpStatusCode.Unauthorized, knownLocked.Status);
        Assert.Equal(plainWrong.Text, knownLocked.Text);
        Assert.Equal(plainWrong.Text, unknownLocked.Text);
        Assert.Contains(host.Audit.Events, e => e.Action == AuditActions.IdentityLockout && e.Target == unknown);
    }

    [Fact]
    public async Task Login_ChangingTheCaseOfTheUsername_DoesNotEscapeTheCount()
    {
        var user = await host.CreateUserAsync("case");
        for (var i = 0; i < 5; i++)
        {
            await host.LoginAsync(user.ToUpperInvariant(), "Wrong-password-1");
            await host.LoginAsync(char.ToUpperInvariant(user[0]) + user[1..], "Wrong-password-1");
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.LoginAsync(user, GuessingServer.Password)).Status);
    }

    [Fact]
    public async Task ALockout_EndsTheUsersSessions_AndIsInTheAuditLog()
    {
        var user = await host.CreateUserAsync("sess");
        var signedOn = await host.LoginAsync(user, GuessingServer.Password);
        var tokenId = (string)signedOn.Body["tokenId"]!;
        using var client = new AmClient(host.Server);
        var headers = new Dictionary<string, string> { ["iPlanetDirectoryPro"] = tokenId };
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"{AmClient.AlphaPath}/sessions?_action=getSessionInfo", "{}", headers)).Status);

        for (var i = 0; i < 10; i++) await host.LoginAsync(user, "Wrong-password-1");

        var info = await client.PostAsync($"{AmClient.AlphaPath}/sessions?_action=getSessionInfo", "{}", headers);
        Assert.NotEqual(HttpStatusCode.OK, info.Status);
        var entry = Assert.Single(host.Audit.Events, e => e.Action == AuditActions.IdentityLockout && e.Target == user);
        Assert.Equal("system", entry.Actor);
        Assert.Equal("127.0.0.1", entry.RemoteAddress);
        Assert.DoesNotContain("Wrong-password", entry.Detail);
    }

    [Fact]
    public async Task AdminForm_TenWrongPasswords_LockTheAdmin_AndTheRightPasswordIsAnsweredLikeAWrongOne()
    {
        var admin = await host.CreateAdminAsync("form");
        string wrong = "";
        for (var i = 0; i < 10; i++) wrong = await host.SubmitAdminFormAsync(admin, "Wrong-password-1");

        Assert.Contains("error=1", wrong);
        Assert.Equal(wrong, await host.SubmitAdminFormAsync(admin, GuessingServer.Password));
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("/", await host.SubmitAdminFormAsync(admin, GuessingServer.Password));
    }

    [Fact]
    public async Task AdminBasic_TenWrongPasswords_LockTheAdmin_AndTheRightPasswordGetsTheSame401()
    {
        var admin = await host.CreateAdminAsync("basic");
        HttpResponseMessage wrong = null!;
        for (var i = 0; i < 10; i++)
        {
            using var guess = host.Basic(admin, "Wrong-password-1");
            wrong = await guess.GetAsync("admin/api/journeys");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var right = host.Basic(admin, GuessingServer.Password);
        var locked = await right.GetAsync("admin/api/journeys");

        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal(await wrong.Content.ReadAsStringAsync(), await locked.Content.ReadAsStringAsync());
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await right.GetAsync("admin/api/journeys")).StatusCode);
    }

    [Fact]
    public async Task Admins_AreCountedApartFromEndUsers()
    {
        var admin = await host.CreateAdminAsync("apart");

        // Guessing an end user of the same name through a journey does not lock the admin account.
        for (var i = 0; i < 10; i++) await host.LoginAsync(admin, "Wrong-password-1");

        using var right = host.Basic(admin, GuessingServer.Password);
        Assert.Equal(HttpStatusCode.OK, (await right.GetAsync("admin/api/journeys")).StatusCode);
    }

    [Fact]
    public async Task AdminApi_ShowsTheLockout_AndPutLockedFalseUnlocks_AsAnAuditedAction()
    {
        var user = await host.CreateUserAsync("api");
        Assert.False((bool)(await host.IdentityJsonAsync(user))["locked"]!);
        for (var i = 0; i < 10; i++) await host.LoginAsync(user, "Wrong-password-1");

        var shown = await host.IdentityJsonAsync(user);
        Assert.True((bool)shown["locked"]!);
        Assert.Equal(host.Clock.GetUtcNow().AddMinutes(1), DateTimeOffset.Parse((string)shown["lockedUntil"]!), TimeSpan.FromSeconds(5));
        using var admin = host.Admin();
        var list = JsonNode.Parse(await admin.GetStringAsync("admin/api/identities"))!.AsArray();
        Assert.True((bool)list.Single(i => (string?)i!["username"] == user)!["locked"]!);

        using var unlock = await admin.PutAsync($"admin/api/identities/{user}", Api.JsonBody("{\"locked\": false}"));

        Assert.Equal(HttpStatusCode.OK, unlock.StatusCode);
        var unlocked = JsonNode.Parse(await unlock.Content.ReadAsStringAsync())!;
        Assert.False((bool)unlocked["locked"]!);
        Assert.Null(unlocked["lockedUntil"]);
        Assert.Equal(HttpStatusCode.OK, (await host.LoginAsync(user, GuessingServer.Password)).Status);
        var entry = Assert.Single(host.Audit.Events, e => e.Action == AuditActions.IdentityUnlock && e.Target == user);
        Assert.Equal((StudioServer.AdminUsername, "api"), (entry.Actor, entry.Channel));
    }

    [Fact]
    public async Task AdminApi_PutLockedTrue_Is400_AndChangesNothing()
    {
        var user = await host.CreateUserAsync("nolock");
        using var admin = host.Admin();

        using var response = await admin.PutAsync($"admin/api/identities/{user}", Api.JsonBody("{\"locked\": true, \"mail\": \"x@example.com\"}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("$.locked", (string?)body["errors"]![0]!["path"]);
        var identity = await host.IdentityJsonAsync(user);
        Assert.False((bool)identity["locked"]!);
        Assert.Equal("", (string?)identity["mail"]);
        Assert.Equal(HttpStatusCode.OK, (await host.LoginAsync(user, GuessingServer.Password)).Status);
    }

    [Fact]
    public async Task AdminApi_UnlockOfAnUnknownIdentity_Is404()
    {
        using var admin = host.Admin();

        using var response = await admin.PutAsync("admin/api/identities/nobody-at-all", Api.JsonBody("{\"locked\": false}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

internal static class Api
{
    public static StringContent JsonBody(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}

public sealed class LockoutTestsOnSqlite(LockoutServer host) : LockoutTests(host), IClassFixture<LockoutServer>;

public sealed class LockoutTestsOnPostgres(LockoutServer.OnPostgres host) : LockoutTests(host), IClassFixture<LockoutServer.OnPostgres>;
