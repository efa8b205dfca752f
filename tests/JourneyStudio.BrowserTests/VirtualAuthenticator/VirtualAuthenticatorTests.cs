using System.Text.Json.Nodes;
using JourneyStudio.BrowserTests.Infrastructure;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Mfa;
using JourneyStudio.Runtime.Push;
using JourneyStudio.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StoredKind = JourneyStudio.Runtime.Devices.PushMessageKind;

namespace JourneyStudio.BrowserTests.VirtualAuthenticator;

/// <summary>
/// The virtual authenticator page as a user drives it: it registers from a <c>#register=</c> link, receives
/// pushes through the embedded transport and answers them, all over the public device protocol.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class VirtualAuthenticatorTests(BrowserFixture fixture)
{
    private IServiceProvider Services => fixture.Server.Services;

    private string Endpoint(string action) => new Uri(fixture.Server.BaseAddress, $"json/realms/root/realms/alpha/push/sns/message?_action={action}").ToString();

    private async Task<(string MessageId, PushRegistrationParameters Parameters)> NewPushParametersAsync(byte[] secret, string account)
    {
        var (messageId, challenge) = await PushTestMessages.CreateAsync(Services, StoredKind.Register, secret, username: account);
        return (messageId, new PushRegistrationParameters
        {
            Issuer = "JourneyStudio",
            AccountName = account,
            LoadBalancerCookie = "amlbcookie=01",
            MessageId = messageId,
            SharedSecret = secret,
            Challenge = Convert.FromBase64String(challenge),
            RegistrationEndpoint = Endpoint("register"),
            AuthenticationEndpoint = Endpoint("authenticate"),
            UserId = account,
        });
    }

    private async Task<(string MessageId, string Uri)> NewPushRegistrationAsync(byte[] secret, string account)
    {
        var (messageId, parameters) = await NewPushParametersAsync(secret, account);
        return (messageId, RegistrationUris.BuildPush(parameters));
    }

    private async Task<PushMessageRecord> WaitForAnswerAsync(string messageId)
    {
        var store = Services.GetRequiredService<PushMessageStore>();
        for (var i = 0; i < 50; i++)
        {
            var message = await store.FindAsync(messageId);
            if (message is { State: not PushMessageState.Pending }) return message;
            await Task.Delay(100);
        }
        throw new TimeoutException($"The push message {messageId} was not answered.");
    }

    /// <summary>What the Push Sender node sends (am-protocol 4.6), delivered through the studio's transport.</summary>
    private async Task<string> SendPushAsync(byte[] signingSecret, string communicationId, string mechanismUid, string text,
        PushType type = PushType.Default, string? numbers = null)
    {
        var (messageId, challenge) = await PushTestMessages.CreateAsync(Services, StoredKind.Authenticate, signingSecret);
        var claims = new JsonObject
        {
            ["u"] = mechanismUid,
            ["c"] = challenge,
            ["m"] = text,
            ["k"] = type.ToString().ToLowerInvariant(),
            ["i"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(),
            ["t"] = "120",
            ["d"] = "alice",
            ["x"] = """{"location":{"latitude":52.37,"longitude":4.89},"remoteIp":"203.0.113.7","userAgent":"Firefox on Linux"}""",
        };
        if (numbers is not null) claims["n"] = numbers;
        var jwt = Hs256Jwt.Create(claims, signingSecret);
        var sent = await Services.GetRequiredService<IPushTransport>()
            .SendAsync(new PushDelivery(communicationId, "gcm", messageId, jwt, text, type), CancellationToken.None);
        Assert.IsType<PushSendResult.Sent>(sent);
        return messageId;
    }

    [Fact]
    public async Task RegisterFromLink_ThenApprovePush_ThenPickNumber()
    {
        var secret = PushChallenge.NewSecret();
        var (registerId, uri) = await NewPushRegistrationAsync(secret, "alice");
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/authenticator#register=" + Uri.EscapeDataString(uri));

        var account = page.GetByTestId("account");
        await Assertions.Expect(account).ToContainTextAsync("alice");
        await Assertions.Expect(account).ToContainTextAsync("JourneyStudio");
        await Assertions.Expect(page.GetByTestId("status")).ToContainTextAsync("Added JourneyStudio: alice");
        Assert.DoesNotContain("register=", page.Url); // the secret left the address bar
        var registered = await WaitForAnswerAsync(registerId);
        Assert.Equal(PushMessageState.Accepted, registered.State);
        var registration = JsonNode.Parse(registered.RegistrationJson!)!;
        Assert.Equal("Virtual Authenticator", (string?)registration["deviceName"]);
        Assert.Equal("android", (string?)registration["deviceType"]);
        Assert.Equal("gcm", (string?)registration["communicationType"]);
        var communicationId = (string)registration["communicationId"]!;
        var mechanismUid = (string)registration["mechanismUid"]!;
        Assert.Equal("embedded:" + (string?)registration["deviceId"], communicationId);

        // A plain push: the notification shows the message and context; Approve answers it.
        var approveId = await SendPushAsync(secret, communicationId, mechanismUid, "Sign in to JourneyStudio as alice?");
        var notification = page.Locator($"[data-testid=notification][data-message-id='{approveId}']");
        await Assertions.Expect(notification.GetByTestId("notification-message")).ToHaveTextAsync("Sign in to JourneyStudio as alice?");
        await Assertions.Expect(notification.GetByTestId("notification-context")).ToContainTextAsync("203.0.113.7");
        await Assertions.Expect(notification.GetByTestId("notification-context")).ToContainTextAsync("Firefox on Linux");
        await Assertions.Expect(notification.GetByTestId("notification-context")).ToContainTextAsync("52.37, 4.89");
        await page.ScreenshotAsync(new() { Path = "/tmp/virtual-authenticator-push.png", FullPage = true });
        await notification.GetByTestId("approve").ClickAsync();
        await Assertions.Expect(notification.GetByTestId("notification-result")).ToHaveTextAsync("Approved");
        var approved = await WaitForAnswerAsync(approveId);
        Assert.Equal(PushMessageState.Accepted, approved.State);
        Assert.Null(approved.ChallengeResponse);

        // A number challenge: the three numbers are buttons; the picked one is sent.
        var numberId = await SendPushAsync(secret, communicationId, mechanismUid, "Pick the number", PushType.Challenge, "12,47,88");
        var numberCard = page.Locator($"[data-testid=notification][data-message-id='{numberId}']");
        await Assertions.Expect(numberCard.Locator("button.number")).ToHaveTextAsync(["12", "47", "88"]);
        await page.ScreenshotAsync(new() { Path = "/tmp/virtual-authenticator-number.png", FullPage = true });
        await numberCard.GetByTestId("number-47").ClickAsync();
        await Assertions.Expect(numberCard.GetByTestId("notification-result")).ToHaveTextAsync("Sent 47");
        var picked = await WaitForAnswerAsync(numberId);
        Assert.Equal(PushMessageState.Accepted, picked.State);
        Assert.Equal(47, picked.ChallengeResponse);

        // Deny.
        var denyId = await SendPushAsync(secret, communicationId, mechanismUid, "Someone else signing in?");
        var denyCard = page.Locator($"[data-testid=notification][data-message-id='{denyId}']");
        await denyCard.GetByTestId("deny").ClickAsync();
        await Assertions.Expect(denyCard.GetByTestId("notification-result")).ToHaveTextAsync("Denied");
        Assert.Equal(PushMessageState.Denied, (await WaitForAnswerAsync(denyId)).State);

        // A push signed with another secret is shown as rejected and never answered.
        var forgedId = await SendPushAsync(PushChallenge.NewSecret(), communicationId, mechanismUid, "Forged");
        await Assertions.Expect(page.GetByTestId("rejected-message")).ToContainTextAsync("signature");
        await Assertions.Expect(page.Locator($"[data-testid=notification][data-message-id='{forgedId}']")).ToHaveCountAsync(0);
        Assert.Equal(PushMessageState.Pending, (await Services.GetRequiredService<PushMessageStore>().FindAsync(forgedId))!.State);
        await page.ScreenshotAsync(new() { Path = "/tmp/virtual-authenticator-rejected.png", FullPage = true });
    }

    [Fact]
    public async Task CombinedUri_Pasted_RegistersPushAndShowsTotp()
    {
        var secret = PushChallenge.NewSecret();
        var (registerId, push) = await NewPushParametersAsync(secret, "carol");
        var combined = RegistrationUris.BuildCombined(new CombinedRegistrationParameters(
            push,
            new OathRegistrationParameters { Issuer = "JourneyStudio", AccountName = "carol", Secret = OathCodes.NewSecret(), UserId = "carol" }));
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/authenticator");

        await page.GetByTestId("uri-input").FillAsync(combined);
        await page.GetByTestId("add-account").ClickAsync();

        var account = page.GetByTestId("account");
        await Assertions.Expect(account.Locator(".badge")).ToHaveTextAsync(["Push", "TOTP"]);
        await Assertions.Expect(account.GetByTestId("oath-code")).ToHaveAttributeAsync("data-code", new System.Text.RegularExpressions.Regex("^[0-9]{6}$"));
        Assert.Equal(PushMessageState.Accepted, (await WaitForAnswerAsync(registerId)).State);
    }

    [Fact]
    public async Task StudioNavigation_LinksToTheVirtualAuthenticator()
    {
        var page = await fixture.NewAdminPageAsync();

        var link = page.GetByRole(AriaRole.Link, new() { Name = "Virtual authenticator" });

        await Assertions.Expect(link).ToHaveAttributeAsync("href", "/authenticator");
        var authenticator = await page.Context.RunAndWaitForPageAsync(() => link.ClickAsync());
        await Assertions.Expect(authenticator.GetByRole(AriaRole.Heading, new() { Name = "Virtual authenticator" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task RegistrationRefusedByServer_ShowsTheReason_AndAddsNoAccount()
    {
        var secret = PushChallenge.NewSecret();
        var (registerId, uri) = await NewPushRegistrationAsync(secret, "bob");
        await Services.GetRequiredService<PushMessageStore>().DeleteAsync(registerId);
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/authenticator#register=" + Uri.EscapeDataString(uri));

        await Assertions.Expect(page.GetByTestId("error")).ToContainTextAsync("no pending push message");
        await Assertions.Expect(page.GetByTestId("account")).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData("hello", "Paste a pushauth://, otpauth:// or mfauth:// URI")]
    [InlineData("https://example.com/", "Unsupported scheme \"https://\"")]
    [InlineData("foo://push/a:b?x=1", "Unsupported scheme \"foo://\"")]
    [InlineData("pushauth://push/JourneyStudio:alice?m=REGISTER:x&c=AAAA&r=aHR0cDovL3g&a=aHR0cDovL3g", "no \"s\" parameter (shared secret)")]
    [InlineData("otpauth://totp/JourneyStudio:alice?secret=GEZDGNBV&digits=7", "\"digits\" must be 6 or 8")]
    [InlineData("otpauth://totp/JourneyStudio:alice?secret=1189", "not valid base32")]
    public async Task BadUri_ShowsASpecificError(string uri, string expected)
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/authenticator");

        await page.GetByTestId("uri-input").FillAsync(uri);
        await page.GetByTestId("add-account").ClickAsync();

        await Assertions.Expect(page.GetByTestId("error")).ToContainTextAsync(expected);
        await Assertions.Expect(page.GetByTestId("account")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task OathAccounts_ShowTheCodesTheServerExpects()
    {
        // RFC 4226 appendix D secret; HOTP counter 5 gives 254676 and counter 6 gives 287922.
        var secret = "12345678901234567890"u8.ToArray();
        var hotp = RegistrationUris.BuildOath(new OathRegistrationParameters
        {
            Issuer = "JourneyStudio", AccountName = "hotp-user", Kind = OathKind.Hotp, Secret = secret, Counter = 5,
        });
        var totp = RegistrationUris.BuildOath(new OathRegistrationParameters
        {
            Issuer = "JourneyStudio", AccountName = "totp-user", Kind = OathKind.Totp, Secret = secret, Digits = 8,
            Algorithm = OathHashAlgorithm.Sha256,
        });
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/authenticator");

        foreach (var uri in new[] { hotp, totp })
        {
            await page.GetByTestId("uri-input").FillAsync(uri);
            await page.GetByTestId("add-account").ClickAsync();
            await Assertions.Expect(page.GetByTestId("status")).ToContainTextAsync("Added");
        }

        var hotpAccount = page.Locator("[data-testid=account][data-account='JourneyStudio:hotp-user']");
        await Assertions.Expect(hotpAccount.GetByTestId("oath-code")).ToHaveAttributeAsync("data-code", "254676");
        await hotpAccount.GetByRole(AriaRole.Button, new() { Name = "Next code" }).ClickAsync();
        await Assertions.Expect(hotpAccount.GetByTestId("oath-code")).ToHaveAttributeAsync("data-code", "287922");

        var totpCode = page.Locator("[data-testid=account][data-account='JourneyStudio:totp-user']").GetByTestId("oath-code");
        await Assertions.Expect(totpCode).ToHaveAttributeAsync("data-code", new System.Text.RegularExpressions.Regex("^[0-9]{8}$"));
        var shown = await totpCode.GetAttributeAsync("data-code");
        var settings = new OathCodeSettings { Digits = 8, Algorithm = OathHashAlgorithm.Sha256 };
        var now = DateTimeOffset.UtcNow;
        var expected = new[] { -30, 0, 30 }.Select(s => OathCodes.GenerateTotp(secret, now.AddSeconds(s), settings));
        Assert.Contains(shown, expected);
        await page.ScreenshotAsync(new() { Path = "/tmp/virtual-authenticator-oath.png", FullPage = true });
    }
}
