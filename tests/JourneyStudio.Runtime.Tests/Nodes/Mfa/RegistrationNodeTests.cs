using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Mfa;
using JourneyStudio.Runtime.Tests.Mfa;
using JourneyStudio.Runtime.Tests.Support;

namespace JourneyStudio.Runtime.Tests.Nodes.Mfa;

public abstract class RegistrationNodeTests(DatabaseProvider provider)
{
    private const string ScanMessage = "Scan the QR code image below with the ForgeRock Authenticator app to register your device with your login.";

    private static Journey Register(string type, params (string, object?)[] config) => J.Journey("Register", "register",
        J.Node("register", type, new { successOutcome = "codes", failureOutcome = J.Failure, timeoutOutcome = J.Failure }, config),
        J.Node("codes", "RecoveryCodeDisplayNode", new { outcome = J.Success }));

    private static string Uri(JourneyRunResult step) => MfaHarness.Step(step).Callbacks[2].GetOutputString("value")!;

    /// <summary>The QR step every registration node sends: scan message, QR script for the URI, the URI for SDKs.</summary>
    private static void AssertQrStep(JourneyRunResult result, string lastType)
    {
        var callbacks = MfaHarness.Step(result).Callbacks;
        Assert.Equal(["TextOutputCallback", "TextOutputCallback", "HiddenValueCallback", lastType], callbacks.Select(c => c.Type));
        Assert.Equal((ScanMessage, "0"), (callbacks[0].GetOutputString("message"), callbacks[0].GetOutputString("messageType")));
        Assert.Equal("4", callbacks[1].GetOutputString("messageType"));
        Assert.StartsWith("window.QRCodeReader.createCode({", callbacks[1].GetOutputString("message"));
        Assert.Equal(Uri(result), SdkScraper.QrText(callbacks[1].GetOutputString("message")!));
        Assert.Equal("mfaDeviceRegistration", callbacks[2].GetOutputString("id"));
        Assert.Equal("mfaDeviceRegistration", callbacks[2].GetInputString());
    }

    // ---- Push Registration

    [Fact]
    public async Task Push_FirstPass_SendsTheQrStepWithARegistrationUriAndATwoSecondPoll()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");

        var result = await h.StartAsync(Register("PushRegistrationNode", ("issuer", "Example Bank")));

        AssertQrStep(result, "PollingWaitCallback");
        var poll = MfaHarness.Step(result).Callbacks[3];
        Assert.Equal(("2000", ""), (poll.GetOutputString("waitTime"), poll.GetOutputString("message")));
        Assert.StartsWith("pushauth://push/Example%20Bank:alice?", Uri(result));
        var push = Assert.IsType<ParsedRegistrationUri.Push>(RegistrationUris.Parse(Uri(result))).Parameters;
        Assert.Equal("https://login.example.com/json/realms/root/realms/alpha/push/sns/message?_action=register", push.RegistrationEndpoint);
        Assert.Equal("https://login.example.com/json/realms/root/realms/alpha/push/sns/message?_action=authenticate", push.AuthenticationEndpoint);
        Assert.Equal(("alice", "alice", "032b75"), (push.AccountName, push.UserId, push.BackgroundColour));
        Assert.Equal(32, push.SharedSecret.Length);
        var message = await h.Messages.GetLiveAsync(push.MessageId);
        Assert.NotNull(message);
        Assert.Equal((JourneyStudio.Runtime.Devices.PushMessageKind.Register, "alice", "alpha"), (message.Kind, message.Username, message.Realm));
        Assert.Equal(h.Clock.GetUtcNow().AddSeconds(60), message.ExpiresAt);
        Assert.Equal(push.SharedSecret, h.Protector.Unprotect(message.ProtectedSecret));
        // The secret lives only in the protected message record, not in the session.
        Assert.DoesNotContain(Convert.ToBase64String(push.SharedSecret), result.State.ToJson());
        Assert.DoesNotContain(Base64Url.Encode(push.SharedSecret), result.State.ToJson());
    }

    [Fact]
    public async Task Push_PublicBaseUrlSetting_WinsOverTheRequestAddress()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        h.SetPublicBaseUrl("https://id.example.org/studio/");

        var result = await h.StartAsync(Register("PushRegistrationNode"));

        var push = Assert.IsType<ParsedRegistrationUri.Push>(RegistrationUris.Parse(Uri(result))).Parameters;
        Assert.Equal("https://id.example.org/studio/json/realms/root/realms/alpha/push/sns/message?_action=register", push.RegistrationEndpoint);
    }

    [Fact]
    public async Task Push_NoPublicAddressKnown_FailsWithTheSettingToSet()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        h.Request = h.Request with { BaseUrl = null };

        var result = await h.StartAsync(Register("PushRegistrationNode"));

        Assert.Contains("JourneyStudio:PublicBaseUrl", Assert.IsType<JourneyFailure>(result).Reason);
    }

    [Theory]
    [InlineData("EMAIL_ADDRESS", "alice@example.com")]
    [InlineData("COMMON_NAME", "Alice Example")]
    [InlineData("GIVEN_NAME", "Alice")]
    [InlineData("LAST_NAME", "Example")]
    [InlineData("EMPLOYEE_NUMBER", "alice")]
    public async Task Push_AccountName_ComesFromTheSelectedIdentityAttribute(string accountName, string expected)
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");

        var result = await h.StartAsync(Register("PushRegistrationNode", ("accountName", accountName)));

        Assert.Equal(expected, Assert.IsType<ParsedRegistrationUri.Push>(RegistrationUris.Parse(Uri(result))).Parameters.AccountName);
    }

    [Fact]
    public async Task Push_DeviceNotAnsweredYet_ShowsTheSameCodeAgainAndCountsTheWait()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        var first = await h.StartAsync(Register("PushRegistrationNode"));

        var second = await h.SubmitAsync(first);

        AssertQrStep(second, "PollingWaitCallback");
        Assert.Equal(Uri(first), Uri(second));
        Assert.Equal(2000, (long)second.State.SharedState["pushRegistrationTimeout"]!);
    }

    [Fact]
    public async Task Push_NoAnswerWithinTheTimeout_GoesToTimeOutAndForgetsTheMessage()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        var journey = J.Journey("Register", "register",
            J.Node("register", "PushRegistrationNode", new { successOutcome = J.Success, failureOutcome = J.Failure, timeoutOutcome = J.Failure }, ("timeout", 4)));
        var first = await h.StartAsync(journey);
        var messageId = (string)first.State.SharedState["pushMessageId"]!;

        var second = await h.SubmitAsync(first);
        var result = await h.SubmitAsync(second);

        Assert.Equal("timeoutOutcome", MfaHarness.LastOutcome(result, "register"));
        Assert.Null(await h.Messages.GetLiveAsync(messageId));
        Assert.False(result.State.SharedState.ContainsKey("pushMessageId"));
        Assert.False(result.State.SharedState.ContainsKey("pushDeviceProfile"));
        Assert.False(result.State.SharedState.ContainsKey("pushRegistrationTimeout"));
        Assert.Null(await h.Devices.FindAsync("alice", DeviceKind.Push));
    }

    [Fact]
    public async Task Push_DeviceRegisters_SavesItMakesPushMandatoryAndShowsTenRecoveryCodes()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        var phone = new AuthenticatorSimulator(h);
        var qr = await h.StartAsync(Register("PushRegistrationNode", ("issuer", "Example Bank")));

        await phone.RegisterAsync(Uri(qr));
        var codesStep = await h.SubmitAsync(qr);

        Assert.Equal("successOutcome", MfaHarness.LastOutcome(codesStep, "register"));
        var device = (await h.Devices.FindAsync("alice", DeviceKind.Push))!;
        Assert.Equal(("Test Phone", "Example Bank", "inbox:fcm-token-1", "gcm", "android", "fcm-token-1", phone.MechanismUid),
            (device.DeviceName, device.Issuer, device.CommunicationId, device.CommunicationType, device.DeviceType, device.DeviceToken, device.MechanismUid));
        Assert.Equal(phone.PushSecret, h.Protector.Unprotect(device.ProtectedSecret));
        Assert.Equal(MfaSkipState.NotSkippable, (await h.IdentityAsync()).PushSkip);
        Assert.Equal(10, await h.RecoveryCodes.CountAsync("alice", DeviceKind.Push));

        var script = Assert.Single(MfaHarness.Step(codesStep).Callbacks).GetOutputString("message")!;
        Assert.True(SdkScraper.IsRecoveryCodeStep(script));
        Assert.Equal("Test Phone", SdkScraper.DeviceName(script));
        var codes = SdkScraper.RecoveryCodes(script);
        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, c => Assert.True(RecoveryCodes.IsWellFormed(c)));
        Assert.False(codesStep.State.SharedState.ContainsKey("pushMessageId"));
        Assert.IsType<JourneySuccess>(await h.SubmitAsync(codesStep));
    }

    [Fact]
    public async Task Push_WithoutRecoveryCodes_TheDisplayPassesStraightThrough()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        var phone = new AuthenticatorSimulator(h);
        var qr = await h.StartAsync(Register("PushRegistrationNode", ("generateRecoveryCodes", false)));

        await phone.RegisterAsync(Uri(qr));
        var result = await h.SubmitAsync(qr);

        Assert.IsType<JourneySuccess>(result);
        Assert.Equal(0, await h.RecoveryCodes.CountAsync("alice", DeviceKind.Push));
    }

    [Fact]
    public async Task Push_RegistrationRefused_GoesToFailure()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        var qr = await h.StartAsync(Register("PushRegistrationNode"));
        var messageId = (string)qr.State.SharedState["pushMessageId"]!;

        await h.Messages.AnswerAsync(messageId, PushMessageState.Denied, null, null);
        var result = await h.SubmitAsync(qr);

        Assert.Equal("failureOutcome", MfaHarness.LastOutcome(result, "register"));
        Assert.Null(await h.Devices.FindAsync("alice", DeviceKind.Push));
    }

    [Fact]
    public async Task Push_AlreadyRegistered_GoesStraightToSuccess()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        await new AuthenticatorSimulator(h).AddPushDeviceAsync();

        var result = await h.StartAsync(Register("PushRegistrationNode"));

        Assert.IsType<JourneySuccess>(result);
        Assert.Equal("successOutcome", MfaHarness.LastOutcome(result, "register"));
        Assert.Equal(0, await h.RecoveryCodes.CountAsync("alice", DeviceKind.Push));
    }

    [Fact]
    public async Task Push_DeviceThatMustRegisterAgain_IsRegisteredAfresh()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        var old = await new AuthenticatorSimulator(h, "old-token").AddPushDeviceAsync();
        await h.Devices.MarkMustRegisterAgainAsync(old.Id);
        var phone = new AuthenticatorSimulator(h, "new-token");

        var qr = await h.StartAsync(Register("PushRegistrationNode"));
        await phone.RegisterAsync(Uri(qr));
        await h.SubmitAsync(qr);

        var device = (await h.Devices.FindAsync("alice", DeviceKind.Push))!;
        Assert.Equal(("new-token", false), (device.DeviceToken, device.MustRegisterAgain));
    }

    // ---- OATH Registration

    [Fact]
    public async Task Oath_FirstPass_SendsTheQrStepWithANextButton()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");

        var result = await h.StartAsync(Register("OathRegistrationNode"));

        AssertQrStep(result, "ConfirmationCallback");
        var next = MfaHarness.Step(result).Callbacks[3];
        Assert.Equal(["Next"], next.GetOutput("options")!.Value.EnumerateArray().Select(o => o.GetString()));
        Assert.Equal((-1, 0, 0), (next.GetOutput("optionType")!.Value.GetInt32(), next.GetOutput("defaultOption")!.Value.GetInt32(), next.GetOutput("messageType")!.Value.GetInt32()));
        Assert.StartsWith("otpauth://totp/ForgeRock:alice?", Uri(result));
        var oath = Assert.IsType<ParsedRegistrationUri.Oath>(RegistrationUris.Parse(Uri(result))).Parameters;
        Assert.Equal((OathKind.Totp, 6, 30, OathHashAlgorithm.Sha1, 16), (oath.Kind, oath.Digits, oath.PeriodSeconds, oath.Algorithm, oath.Secret.Length));
        Assert.DoesNotContain(Base32.Encode(oath.Secret).TrimEnd('='), result.State.ToJson());
    }

    [Fact]
    public async Task Oath_ConfiguredHotpEightDigitsSha256_AppearInTheUri()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");

        var result = await h.StartAsync(Register("OathRegistrationNode",
            ("algorithm", "HOTP"), ("passwordLength", "EIGHT_DIGITS"), ("totpHashAlgorithm", "HMAC_SHA256"), ("minSharedSecretLength", 40)));

        var oath = Assert.IsType<ParsedRegistrationUri.Oath>(RegistrationUris.Parse(Uri(result))).Parameters;
        Assert.Equal((OathKind.Hotp, 8, OathHashAlgorithm.Sha256, 20, 0L), (oath.Kind, oath.Digits, oath.Algorithm, oath.Secret.Length, oath.Counter));
    }

    [Fact]
    public async Task Oath_Next_SavesTheDeviceMakesOathMandatoryAndShowsRecoveryCodes()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        var phone = new AuthenticatorSimulator(h);
        var qr = await h.StartAsync(Register("OathRegistrationNode"));
        phone.ScanOath(Uri(qr));

        var codesStep = await h.SubmitAsync(qr, ("IDToken4", 0));

        var device = (await h.Devices.FindAsync("alice", DeviceKind.Oath))!;
        Assert.Equal(("TOTP", "SHA1", 6, 30, "OATH Device"), (device.OathAlgorithm, device.HashAlgorithm, device.Digits, device.Period, device.DeviceName));
        Assert.Equal(phone.Oath!.Secret, h.Protector.Unprotect(device.ProtectedSecret));
        Assert.Equal(MfaSkipState.NotSkippable, (await h.IdentityAsync()).OathSkip);
        Assert.Equal(10, SdkScraper.RecoveryCodes(MfaHarness.Step(codesStep).Callbacks[0].GetOutputString("message")!).Count);
        Assert.Equal(10, await h.RecoveryCodes.CountAsync("alice", DeviceKind.Oath));
        Assert.False(codesStep.State.SharedState.ContainsKey("oathDeviceProfile"));
    }

    [Fact]
    public async Task Oath_PostponedStorage_LeavesTheDeviceInSharedState()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        var qr = await h.StartAsync(Register("OathRegistrationNode", ("postponeDeviceProfileStorage", true)));

        var result = await h.SubmitAsync(qr, ("IDToken4", 0));

        Assert.IsType<JourneySuccess>(result);
        Assert.Null(await h.Devices.FindAsync("alice", DeviceKind.Oath));
        Assert.True(result.State.SharedState.ContainsKey("oathDeviceProfile"));
    }

    [Fact]
    public async Task Oath_AlreadyRegistered_GoesStraightToSuccess()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        var qr = await h.StartAsync(Register("OathRegistrationNode"));
        await h.SubmitAsync(qr, ("IDToken4", 0));

        var again = await h.StartAsync(Register("OathRegistrationNode") with { Name = "Again" });

        Assert.IsType<JourneySuccess>(again);
    }

    // ---- Combined MFA Registration

    [Fact]
    public async Task Combined_OneQrCode_RegistersPushAndOathWithOneSetOfRecoveryCodes()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        var phone = new AuthenticatorSimulator(h);
        var qr = await h.StartAsync(Register("CombinedMultiFactorRegistrationNode", ("policiesJson", """{"biometricAvailable":{}}""")));
        AssertQrStep(qr, "PollingWaitCallback");
        Assert.StartsWith("mfauth://totp/ForgeRock:alice?", Uri(qr));
        var combined = Assert.IsType<ParsedRegistrationUri.Combined>(RegistrationUris.Parse(Uri(qr))).Parameters;
        Assert.Equal("""{"biometricAvailable":{}}""", combined.PoliciesJson);

        var polled = await h.SubmitAsync(qr);
        Assert.Equal(Uri(qr), Uri(polled));
        await phone.RegisterAsync(Uri(polled));
        var codesStep = await h.SubmitAsync(polled);

        Assert.NotNull(await h.Devices.FindAsync("alice", DeviceKind.Push));
        Assert.Equal(phone.Oath!.Secret, h.Protector.Unprotect((await h.Devices.FindAsync("alice", DeviceKind.Oath))!.ProtectedSecret));
        var identity = await h.IdentityAsync();
        Assert.Equal((MfaSkipState.NotSkippable, MfaSkipState.NotSkippable), (identity.PushSkip, identity.OathSkip));
        var codes = SdkScraper.RecoveryCodes(MfaHarness.Step(codesStep).Callbacks[0].GetOutputString("message")!);
        Assert.Equal(10, codes.Count);
        Assert.Equal((10, 10), (await h.RecoveryCodes.CountAsync("alice", DeviceKind.Push), await h.RecoveryCodes.CountAsync("alice", DeviceKind.Oath)));
        Assert.False(codesStep.State.SharedState.ContainsKey("oathDeviceProfile"));
        Assert.False(codesStep.State.SharedState.ContainsKey("pushDeviceProfile"));

        // One set: a code used for OATH is gone for push too.
        Assert.True(await h.RecoveryCodes.TryConsumeAsync("alice", DeviceKind.Oath, hash => RecoveryCodes.TryConsume([hash], codes[0]) is not null));
        Assert.Equal(9, await h.RecoveryCodes.CountAsync("alice", DeviceKind.Push));
    }

    [Fact]
    public async Task Combined_UserWithAnOathDevice_GoesStraightToSuccess()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        await h.SubmitAsync(await h.StartAsync(Register("OathRegistrationNode")), ("IDToken4", 0));

        var result = await h.StartAsync(Register("CombinedMultiFactorRegistrationNode") with { Name = "Combined" });

        Assert.IsType<JourneySuccess>(result);
        Assert.Null(await h.Devices.FindAsync("alice", DeviceKind.Push));
    }

    [Fact]
    public async Task Combined_NoAnswerWithinTheTimeout_GoesToTimeOut()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        var journey = J.Journey("Register", "register",
            J.Node("register", "CombinedMultiFactorRegistrationNode", new { successOutcome = J.Success, failureOutcome = J.Failure, timeoutOutcome = J.Failure }, ("timeout", 2)));

        var result = await h.SubmitAsync(await h.StartAsync(journey));

        Assert.Equal("timeoutOutcome", MfaHarness.LastOutcome(result, "register"));
        Assert.False(result.State.SharedState.ContainsKey("oathDeviceProfile"));
    }
}

public sealed class RegistrationNodeTestsOnSqlite() : RegistrationNodeTests(DatabaseProvider.Sqlite);

public sealed class RegistrationNodeTestsOnPostgres() : RegistrationNodeTests(DatabaseProvider.Postgres);
