using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using JourneyStudio.Runtime.Identities;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Web.Tests.EndToEnd;

/// <summary>A studio whose brute-force limit is three failures, so PlatformLogin's lockout is quick to reach.</summary>
public sealed class PlatformServer : EndToEndServer
{
    public const int MaxFailures = 3;

    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["JourneyStudio:BruteForce:MaxFailures"] = MaxFailures.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// Identity Cloud's classic-platform default journeys, shipped unchanged in journeys/ and imported at first start, run end to
/// end over HTTP as an SDK runs them: what the client sees at each step, the session it ends with, and the stored identity as
/// the admin API shows it. Mail goes to the embedded Mailbox.
/// </summary>
public sealed partial class PlatformJourneyTests(PlatformServer host) : IClassFixture<PlatformServer>
{
    private const string KbaAnswer = "Cerulean-first-pet";

    private static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private async Task<JsonObject> AdminIdentityAsync(string username)
    {
        var (status, text) = await host.AdminAsync(HttpMethod.Get, "identities/" + Uri.EscapeDataString(username));
        Assert.True(status == HttpStatusCode.OK, $"{(int)status} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>The one mail the Mailbox holds for <paramref name="to"/>.</summary>
    private async Task<JsonObject> MailToAsync(string to)
    {
        var (status, text) = await host.AdminAsync(HttpMethod.Get, "mailbox");
        Assert.Equal(HttpStatusCode.OK, status);
        return Assert.Single(JsonNode.Parse(text)!.AsArray(), m => (string?)m!["to"] == to)!.AsObject();
    }

    [GeneratedRegex(@"/login\?suspendedId=([A-Za-z0-9_\-]+)")]
    private static partial Regex ResumeLink();

    private static string SuspendedIdIn(JsonObject mail)
    {
        var link = ResumeLink().Match((string)mail["text"]!);
        Assert.True(link.Success, (string?)mail["text"]);
        return link.Groups[1].Value;
    }

    private async Task<SignOn> LoginAsync(string username, string password)
    {
        var signOn = await host.SignOn("PlatformLogin").StartAsync();
        Assert.Equal("Sign In", (string?)signOn.Body["header"]);
        await signOn.EnterCredentialsAsync(username, password);
        return signOn;
    }

    private async Task<string> RegisterAsync(string username, string password = EndToEndServer.Password)
    {
        using var signOn = await host.SignOn("PlatformRegistration").StartAsync();
        await signOn.SubmitInputsAsync(RegistrationInputs(username, password));
        signOn.AssertSignedOn();
        return username;
    }

    private static (int, int, object)[] RegistrationInputs(string username, string password) =>
    [
        (0, 0, username), (1, 0, "Ada"), (2, 0, "Lovelace"), (3, 0, username + "@example.com"), (4, 0, true), (5, 0, false),
        (6, 0, password),
        (7, 0, "What's your favorite color?"), (7, 1, "Blue"),
        (8, 0, "What was the name of your first pet?"), (8, 1, KbaAnswer),
        (9, 0, true),
    ];

    [Fact]
    public async Task Registration_AsksForEveryAttribute_RefusesAWeakPassword_ThenCreatesTheIdentity_AndSignsOn()
    {
        var username = NewName("reg");
        using var signOn = await host.SignOn("PlatformRegistration").StartAsync();

        Assert.Equal("Sign Up", (string?)signOn.Body["header"]);
        Assert.Equal(
        [
            "ValidatedCreateUsernameCallback", "StringAttributeInputCallback", "StringAttributeInputCallback",
            "StringAttributeInputCallback", "BooleanAttributeInputCallback", "BooleanAttributeInputCallback",
            "ValidatedCreatePasswordCallback", "KbaCreateCallback", "KbaCreateCallback", "TermsAndConditionsCallback",
        ], signOn.CallbackTypes);
        Assert.Equal(["givenName", "sn", "mail", "preferences/marketing", "preferences/updates"],
            Enumerable.Range(0, 5).Select(i => signOn.OutputText(i < 3 ? "StringAttributeInputCallback" : "BooleanAttributeInputCallback", "name", i < 3 ? i : i - 3)));
        Assert.False(string.IsNullOrEmpty(signOn.OutputText("TermsAndConditionsCallback", "terms")));

        // A weak password: the same page again, with the failed policies and nothing created.
        var weak = RegistrationInputs(username, "short");
        await signOn.SubmitInputsAsync(weak);
        Assert.Contains("ValidatedCreatePasswordCallback", signOn.CallbackTypes);
        var failed = signOn.Output("ValidatedCreatePasswordCallback", "failedPolicies")!.AsArray().Select(f => (string)f!).ToList();
        Assert.Contains(failed, f => f.Contains("\"MIN_LENGTH\""));
        // Sent again with what was typed, but never a secret: no password, no KBA answer; the chosen question stays.
        Assert.Equal("Ada", (string?)signOn.Body["callbacks"]![1]!["input"]![0]!["value"]);
        Assert.Equal("What was the name of your first pet?", (string?)signOn.Body["callbacks"]![8]!["input"]![0]!["value"]);
        Assert.Equal("", (string?)signOn.Body["callbacks"]![8]!["input"]![1]!["value"]);
        Assert.Equal("", (string?)signOn.Body["callbacks"]![6]!["input"]![0]!["value"]);
        Assert.Null(await host.IdentityAsync(username));

        await signOn.SubmitInputsAsync(RegistrationInputs(username, EndToEndServer.Password));

        signOn.AssertSignedOn();
        Assert.Equal(username, await signOn.SessionUsernameAsync());
        var identity = await AdminIdentityAsync(username);
        Assert.Equal("Ada", (string?)identity["givenName"]);
        Assert.Equal("Lovelace", (string?)identity["sn"]);
        Assert.Equal(username + "@example.com", (string?)identity["mail"]);
        Assert.True((bool)identity["preferences"]!["marketing"]!);
        Assert.False((bool)identity["preferences"]!["updates"]!);
        Assert.Equal(1, (int)identity["loginCount"]!);
        Assert.False(string.IsNullOrEmpty((string?)identity["termsAccepted"]!["termsVersion"]));
        var kba = identity["kbaInfo"]!.AsArray();
        Assert.Equal(2, kba.Count);
        // The admin API never shows an answer; the store keeps only hashes, which verify.
        Assert.DoesNotContain(KbaAnswer, identity.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        var store = host.Server.Services.GetRequiredService<IdentityStore>();
        Assert.True(await store.VerifyKbaAnswersAsync(username, new Dictionary<int, string> { [1] = KbaAnswer.ToUpperInvariant() }));
        Assert.False(await store.VerifyKbaAnswersAsync(username, new Dictionary<int, string> { [1] = "Blue" }));
        // Nor does the database file: not the identity, not the stored sign-on state (the answers are transient, as the password).
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(host.Server.DataDirectory, "journeystudio.db*"))
            Assert.False(File.ReadAllText(file).Contains(KbaAnswer, StringComparison.OrdinalIgnoreCase), $"{file} holds a KBA answer in the clear.");
    }

    [Fact]
    public async Task Login_CountsEachSignOn_AndAtTheThirdTheProgressiveProfileAsksForThePreferences_PrefilledAndStored()
    {
        var username = await RegisterAsync(NewName("pp"));              // registration counts as the first sign-on

        using (var second = await LoginAsync(username, EndToEndServer.Password))
            second.AssertSignedOn();
        Assert.Equal(2, (int)(await AdminIdentityAsync(username))["loginCount"]!);

        using var third = await LoginAsync(username, EndToEndServer.Password);

        Assert.Equal("Please select your preferences", (string?)third.Body["header"]);
        Assert.Equal(["BooleanAttributeInputCallback", "BooleanAttributeInputCallback"], third.CallbackTypes);
        Assert.Equal("preferences/updates", third.OutputText("BooleanAttributeInputCallback", "name"));
        Assert.Equal("preferences/marketing", third.OutputText("BooleanAttributeInputCallback", "name", 1));
        // Prefilled with what the user chose at registration (updates no, marketing yes).
        Assert.False(third.Output("BooleanAttributeInputCallback", "value")!.GetValue<bool>());
        Assert.True(third.Output("BooleanAttributeInputCallback", "value", 1)!.GetValue<bool>());
        await third.SubmitInputsAsync((0, 0, true), (1, 0, true));
        third.AssertSignedOn();
        var identity = await AdminIdentityAsync(username);
        Assert.Equal(3, (int)identity["loginCount"]!);
        Assert.True((bool)identity["preferences"]!["updates"]!);
        Assert.True((bool)identity["preferences"]!["marketing"]!);

        using var fourth = await LoginAsync(username, EndToEndServer.Password);
        fourth.AssertSignedOn();
        Assert.Equal(4, (int)(await AdminIdentityAsync(username))["loginCount"]!);
    }

    [Fact]
    public async Task Login_WrongPassword_FailsAndMayBeRetried_UntilTheConfiguredFailuresLockTheUser()
    {
        var username = NewName("lock");
        await host.CreateUserNamedAsync(username);

        using (var wrong = await LoginAsync(username, "Wrong-password-1"))
            wrong.AssertLoginFailure();
        using (var retry = await LoginAsync(username, EndToEndServer.Password))
            retry.AssertSignedOn();
        Assert.Equal(1, (int)(await AdminIdentityAsync(username))["loginCount"]!);

        for (var i = 0; i < PlatformServer.MaxFailures; i++)
            using (var wrong = await LoginAsync(username, $"Wrong-password-{i}"))
                wrong.AssertLoginFailure();
        using var locked = await LoginAsync(username, EndToEndServer.Password);

        locked.AssertLoginFailure();
        var identity = await AdminIdentityAsync(username);
        Assert.True((bool)identity["locked"]!);
        Assert.Equal(1, (int)identity["loginCount"]!);
    }

    [Fact]
    public async Task ResetPassword_MailsTheLink_WhichResumesAtTheNewPassword_ThenOnlyTheNewPasswordWorks()
    {
        var username = NewName("reset");
        await host.CreateUserNamedAsync(username);
        var mail = username + "@example.com";
        using var reset = await host.SignOn("PlatformResetPassword").StartAsync();
        Assert.Equal("Reset Password", (string?)reset.Body["header"]);
        Assert.Equal("mail", reset.OutputText("StringAttributeInputCallback", "name"));

        await reset.SubmitAsync(("StringAttributeInputCallback", mail));

        Assert.Equal(["SuspendedTextOutputCallback"], reset.CallbackTypes);
        Assert.Equal("An email has been sent to the address you entered. Click the link in that email to proceed.",
            reset.OutputText("SuspendedTextOutputCallback", "message"));
        var letter = await MailToAsync(mail);
        Assert.Equal("Reset your password", (string?)letter["subject"]);
        await reset.ResumeAsync(SuspendedIdIn(letter));
        Assert.Equal(["ValidatedCreatePasswordCallback"], reset.CallbackTypes);
        await reset.SubmitAsync(("ValidatedCreatePasswordCallback", "weak"));
        Assert.NotEmpty(reset.Output("ValidatedCreatePasswordCallback", "failedPolicies")!.AsArray());
        await reset.SubmitAsync(("ValidatedCreatePasswordCallback", "New-Correct-horse-2"));
        reset.AssertSignedOn();

        using (var old = await LoginAsync(username, EndToEndServer.Password))
            old.AssertLoginFailure();
        using var renewed = await LoginAsync(username, "New-Correct-horse-2");
        renewed.AssertSignedOn();
    }

    [Fact]
    public async Task ForgottenUsername_MailsTheUsername_AndTheLinkLeadsToTheSignInPage()
    {
        var username = NewName("forgot");
        await host.CreateUserNamedAsync(username);
        var mail = username + "@example.com";
        using var forgot = await host.SignOn("PlatformForgottenUsername").StartAsync();
        Assert.Equal("Forgotten Username", (string?)forgot.Body["header"]);

        await forgot.SubmitAsync(("StringAttributeInputCallback", mail));

        Assert.Equal(["SuspendedTextOutputCallback"], forgot.CallbackTypes);
        var letter = await MailToAsync(mail);
        Assert.Contains(username, (string?)letter["text"]);
        Assert.Contains(username, (string?)letter["html"]);
        await forgot.ResumeAsync(SuspendedIdIn(letter));
        // The inner PlatformLogin: the user signs on with the username the mail gave.
        await forgot.EnterCredentialsAsync(username, EndToEndServer.Password);
        forgot.AssertSignedOn();
    }

    [Fact]
    public async Task UpdatePassword_ForTheSignedInUser_ChecksTheOldPassword_ThenSetsTheNewOne()
    {
        var username = NewName("upd");
        await host.CreateUserNamedAsync(username);
        using var browser = await LoginAsync(username, EndToEndServer.Password);
        browser.AssertSignedOn();

        using (var wrongOld = SignedIn(new SignOn(new Api.AmClient(host.Server), "PlatformUpdatePassword"), browser))
        {
            await wrongOld.StartAsync();
            Assert.Equal("Verify Existing Password", (string?)wrongOld.Body["header"]);
            Assert.Equal(["PasswordCallback"], wrongOld.CallbackTypes);
            await wrongOld.SubmitAsync(("PasswordCallback", "Not-my-password-1"));
            Assert.Equal(HttpStatusCode.Unauthorized, wrongOld.Current.Status);
        }

        using var changing = SignedIn(new SignOn(new Api.AmClient(host.Server), "PlatformUpdatePassword"), browser);
        await changing.StartAsync();
        await changing.SubmitAsync(("PasswordCallback", EndToEndServer.Password));
        Assert.Equal("Update Password", (string?)changing.Body["header"]);
        Assert.Equal(["ValidatedCreatePasswordCallback"], changing.CallbackTypes);
        await changing.SubmitAsync(("ValidatedCreatePasswordCallback", "Updated-horse-3"));
        changing.AssertSignedOn();
        // The login page follows the success URL: back to the account page the link came from.
        Assert.Equal("/account?realm=alpha", (string?)changing.Body["successUrl"]);

        using (var old = await LoginAsync(username, EndToEndServer.Password))
            old.AssertLoginFailure();
        using var renewed = await LoginAsync(username, "Updated-horse-3");
        renewed.AssertSignedOn();
    }

    [Fact]
    public async Task AccountPage_LinksToPlatformUpdatePassword_OnTheLoginPage()
    {
        using var http = host.Server.CreateClient();

        var account = await http.GetStringAsync("assets/account.js");
        Assert.Contains("const updatePasswordJourney = 'PlatformUpdatePassword';", account);
        Assert.Contains("new URLSearchParams({ realm, journey: updatePasswordJourney })", account);
        Assert.Contains("href: `/login?${query}`", account);
        Assert.Contains("'data-testid': 'update-password'", account);
        using var login = await http.GetAsync("login?realm=alpha&journey=PlatformUpdatePassword");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("/assets/login.js", await login.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UpdatePassword_WithoutASession_OnlyGetsTheSuspendedMessage()
    {
        using var anonymous = await host.SignOn("PlatformUpdatePassword").StartAsync();

        // No session: Get Session Data finds no user, the password is "not present", the Email Suspend finds nobody to mail.
        Assert.Equal(["SuspendedTextOutputCallback"], anonymous.CallbackTypes);
    }

    [Fact]
    public async Task ProgressiveProfile_RunOnItsOwn_WithNoUser_EndsWithoutASession()
    {
        using var alone = await host.SignOn("PlatformProgressiveProfile").StartAsync();

        Assert.Equal(HttpStatusCode.OK, alone.Current.Status);
        Assert.Null(alone.Body["tokenId"]);
        Assert.Null(alone.SessionCookie);
    }

    /// <summary>Gives <paramref name="signOn"/> the session cookie of <paramref name="browser"/> (the same browser, a second tab).</summary>
    private SignOn SignedIn(SignOn signOn, SignOn browser)
    {
        signOn.Cookies.Add(host.Server.BaseAddress, new Cookie("iPlanetDirectoryPro", browser.SessionCookie));
        return signOn;
    }
}
