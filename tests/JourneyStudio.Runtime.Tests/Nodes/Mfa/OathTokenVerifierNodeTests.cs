using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Mfa;
using JourneyStudio.Runtime.Tests.Mfa;
using JourneyStudio.Runtime.Tests.Support;

namespace JourneyStudio.Runtime.Tests.Nodes.Mfa;

public abstract class OathTokenVerifierNodeTests(DatabaseProvider provider)
{
    private static Journey Verify(params (string, object?)[] config) => J.Journey("Verify", "verify",
        J.Node("verify", "OathTokenVerifierNode",
            new { successOutcome = J.Success, failureOutcome = J.Failure, notRegisteredOutcome = J.Failure, recoveryCodeOutcome = J.Failure }, config));

    /// <summary>Registers an OATH account through OATH Registration and returns the phone that scanned it.</summary>
    private static async Task<AuthenticatorSimulator> RegisterOathAsync(MfaHarness h, params (string, object?)[] config)
    {
        var phone = new AuthenticatorSimulator(h);
        var journey = J.Journey("RegisterOath", "register",
            J.Node("register", "OathRegistrationNode", new { successOutcome = J.Success, failureOutcome = J.Failure }, [("generateRecoveryCodes", false), .. config]));
        var qr = await h.StartAsync(journey);
        phone.ScanOath(MfaHarness.Step(qr).Callbacks[2].GetOutputString("value")!);
        Assert.IsType<JourneySuccess>(await h.SubmitAsync(qr, ("IDToken4", 0)));
        return phone;
    }

    [Fact]
    public async Task NoOathDevice_GoesToNotRegisteredWithOathAsTheMethod()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");

        var result = await h.StartAsync(Verify());

        Assert.Equal("notRegisteredOutcome", MfaHarness.LastOutcome(result, "verify"));
        Assert.Equal("oath", (string)result.State.SharedState["mfaMethod"]!);
    }

    [Fact]
    public async Task Registered_AsksForTheCodeWithSubmit_AndUseRecoveryCodeWhenAllowed()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        await RegisterOathAsync(h);

        var plain = MfaHarness.Step(await h.StartAsync(Verify()));
        var withRecovery = MfaHarness.Step(await h.StartAsync(Verify(("isRecoveryCodeAllowed", true)) with { Name = "Verify2" }));

        Assert.Equal(["NameCallback", "ConfirmationCallback"], plain.Callbacks.Select(c => c.Type));
        Assert.Equal("Enter verification code", plain.Callbacks[0].GetOutputString("prompt"));
        Assert.Equal(["Submit"], plain.Callbacks[1].GetOutput("options")!.Value.EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(0, plain.Callbacks[1].GetOutput("defaultOption")!.Value.GetInt32());
        Assert.Equal(["Submit", "Use recovery code"], withRecovery.Callbacks[1].GetOutput("options")!.Value.EnumerateArray().Select(o => o.GetString()));
    }

    [Fact]
    public async Task CurrentTotp_Succeeds_AndTheSameCodeIsRefusedTheSecondTime()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        var phone = await RegisterOathAsync(h);
        var code = phone.CurrentOathCode();

        var first = await h.SubmitAsync(await h.StartAsync(Verify()), ("IDToken1", code));
        var replay = await h.SubmitAsync(await h.StartAsync(Verify() with { Name = "Replay" }), ("IDToken1", code));

        Assert.Contains("AuthenticatorOATH", Assert.IsType<JourneySuccess>(first).AuthTypes);
        Assert.Equal(h.Clock.GetUtcNow(), (await h.Devices.FindAsync("alice", DeviceKind.Oath))!.LastAccessDate);
        Assert.Equal("failureOutcome", MfaHarness.LastOutcome(replay, "verify"));
    }

    [Fact]
    public async Task Totp_AcceptedWithinTotpTimeSteps_RefusedOutsideThem()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        var phone = await RegisterOathAsync(h);
        var twoStepsOld = phone.CurrentOathCode();
        h.Clock.Advance(TimeSpan.FromSeconds(60));
        var accepted = await h.SubmitAsync(await h.StartAsync(Verify(("totpTimeSteps", 2))), ("IDToken1", twoStepsOld));

        var stale = phone.CurrentOathCode();
        h.Clock.Advance(TimeSpan.FromSeconds(90));
        var refused = await h.SubmitAsync(await h.StartAsync(Verify(("totpTimeSteps", 2)) with { Name = "Late" }), ("IDToken1", stale));

        Assert.IsType<JourneySuccess>(accepted);
        Assert.Equal("failureOutcome", MfaHarness.LastOutcome(refused, "verify"));
    }

    [Theory]
    [InlineData("000000")]
    [InlineData("12345")]
    [InlineData("abcdef")]
    [InlineData("")]
    public async Task WrongOrMalformedCode_GoesToFailure(string code)
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        var phone = await RegisterOathAsync(h);
        if (phone.CurrentOathCode() == code) return; // one in a million: the wrong code happens to be right

        var result = await h.SubmitAsync(await h.StartAsync(Verify()), ("IDToken1", code));

        Assert.Equal("failureOutcome", MfaHarness.LastOutcome(result, "verify"));
    }

    [Fact]
    public async Task UseRecoveryCodePressed_GoesToRecoveryCode()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        await RegisterOathAsync(h);

        var result = await h.SubmitAsync(await h.StartAsync(Verify(("isRecoveryCodeAllowed", true))), ("IDToken2", 1));

        Assert.Equal("recoveryCodeOutcome", MfaHarness.LastOutcome(result, "verify"));
    }

    [Fact]
    public async Task Hotp_AcceptsCodesAheadWithinTheWindowOnce()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        var phone = await RegisterOathAsync(h, ("algorithm", "HOTP"));
        var secret = phone.Oath!.Secret;
        string Code(long counter) => OathCodes.GenerateHotp(secret, counter);

        var ahead = await h.SubmitAsync(await h.StartAsync(Verify(("hotpWindowSize", 3))), ("IDToken1", Code(3)));
        var tooFar = await h.SubmitAsync(await h.StartAsync(Verify(("hotpWindowSize", 3)) with { Name = "Far" }), ("IDToken1", Code(8)));
        var behind = await h.SubmitAsync(await h.StartAsync(Verify(("hotpWindowSize", 3)) with { Name = "Behind" }), ("IDToken1", Code(2)));

        Assert.IsType<JourneySuccess>(ahead);
        Assert.Equal(4, (await h.Devices.FindAsync("alice", DeviceKind.Oath))!.Counter);
        Assert.Equal("failureOutcome", MfaHarness.LastOutcome(tooFar, "verify"));
        Assert.Equal("failureOutcome", MfaHarness.LastOutcome(behind, "verify"));
    }

    [Fact]
    public async Task CombinedRegistration_ThenTotpWhenThePushIsLeft()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        var phone = new AuthenticatorSimulator(h);
        var journey = J.Journey("Mfa", "send",
            J.Node("send", "PushAuthenticationSenderNode", new { SENT = "wait", NOT_REGISTERED = "register", SKIPPED = J.Success }),
            J.Node("register", "CombinedMultiFactorRegistrationNode", new { successOutcome = "codes", failureOutcome = J.Failure, timeoutOutcome = J.Failure }),
            J.Node("codes", "RecoveryCodeDisplayNode", new { outcome = J.Success }),
            J.Node("wait", "PushWaitNode", new { DONE = "verify", EXITED = "otp" }, ("exitMessage", new Dictionary<string, string> { ["en"] = "Use a one-time code" })),
            J.Node("verify", "PushResultVerifierNode", new { TRUE = J.Success, FALSE = J.Failure, EXPIRED = J.Failure, WAITING = "wait" }),
            J.Node("otp", "OathTokenVerifierNode",
                new { successOutcome = J.Success, failureOutcome = J.Failure, notRegisteredOutcome = J.Failure, recoveryCodeOutcome = "recovery" },
                ("isRecoveryCodeAllowed", true)),
            J.Node("recovery", "RecoveryCodeCollectorDecisionNode", new { @true = J.Success, @false = J.Failure }));

        var qr = await h.StartAsync(journey);
        await phone.RegisterAsync(MfaHarness.Step(qr).Callbacks[2].GetOutputString("value")!);
        var codes = SdkScraper.RecoveryCodes(MfaHarness.Step(await h.SubmitAsync(qr)).Callbacks[0].GetOutputString("message")!);

        // Push sent to the new device; the user leaves the wait and types the TOTP from the same app instead.
        var waiting = await h.StartAsync(journey with { Name = "Mfa2" });
        Assert.Equal("Use a one-time code", MfaHarness.Step(waiting).Callbacks[1].GetOutput("options")!.Value[0].GetString());
        var otp = await h.SubmitAsync(waiting, ("IDToken2", 0));
        var success = Assert.IsType<JourneySuccess>(await h.SubmitAsync(otp, ("IDToken1", phone.CurrentOathCode())));
        Assert.Contains("AuthenticatorOATH", success.AuthTypes);

        // The OATH recovery path accepts the codes the combined registration showed.
        var otp2 = await h.SubmitAsync(await h.StartAsync(journey with { Name = "Mfa3" }), ("IDToken2", 0));
        var prompt = await h.SubmitAsync(otp2, ("IDToken2", 1));
        Assert.IsType<JourneySuccess>(await h.SubmitAsync(prompt, ("IDToken1", codes[9])));
    }

    [Fact]
    public async Task WrongCodes_CountTowardsTheLockout_AndWhileLockedTheRightCodeFailsUnused()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        var phone = await RegisterOathAsync(h);

        for (var i = 0; i < 10; i++)
        {
            var wrong = await h.SubmitAsync(await h.StartAsync(Verify() with { Name = $"Guess{i}" }), ("IDToken1", i % 2 == 0 ? "000000" : "12345"));
            Assert.Equal("failureOutcome", MfaHarness.LastOutcome(wrong, "verify"));
        }
        var right = phone.CurrentOathCode();
        var locked = await h.SubmitAsync(await h.StartAsync(Verify() with { Name = "WhileLocked" }), ("IDToken1", right));

        Assert.Equal("failureOutcome", MfaHarness.LastOutcome(locked, "verify"));
        // Refused unchecked: the code was not used up, so it still works once the lockout is over.
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var after = await h.SubmitAsync(await h.StartAsync(Verify(("totpTimeSteps", 2)) with { Name = "After" }), ("IDToken1", right));
        Assert.IsType<JourneySuccess>(after);
    }
}

public sealed class OathTokenVerifierNodeTestsOnSqlite() : OathTokenVerifierNodeTests(DatabaseProvider.Sqlite);

public sealed class OathTokenVerifierNodeTestsOnPostgres() : OathTokenVerifierNodeTests(DatabaseProvider.Postgres);
