using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Mfa;
using JourneyStudio.Runtime.Tests.Mfa;
using JourneyStudio.Runtime.Tests.Support;

namespace JourneyStudio.Runtime.Tests.Nodes.Mfa;

/// <summary>
/// Whole push sign-ons through the engine: Push Sender → Push Wait → Push Result Verifier (WAITING back to the wait,
/// EXPIRED back to the sender), the exit to a recovery code with a retry limit, and registration for new users.
/// </summary>
public abstract class PushJourneyTests(DatabaseProvider provider)
{
    private static Journey PushLogin(string pushType = "DEFAULT", int messageTimeout = 120000) => J.Journey("PushLogin", "send",
        J.Node("send", "PushAuthenticationSenderNode",
            new { SENT = "wait", NOT_REGISTERED = "options", SKIPPED = J.Success },
            ("pushType", pushType), ("messageTimeout", messageTimeout)),
        J.Node("wait", "PushWaitNode", new { DONE = "verify", EXITED = "recovery" }, ("secondsToWait", 5)),
        J.Node("verify", "PushResultVerifierNode", new { TRUE = J.Success, FALSE = J.Failure, EXPIRED = "send", WAITING = "wait" }),
        J.Node("recovery", "RecoveryCodeCollectorDecisionNode", new { @true = J.Success, @false = "retry" }, ("recoveryCodeType", "PUSH")),
        J.Node("retry", "RetryLimitDecisionNode", new { Retry = "recovery", Reject = J.Failure }, ("retryLimit", 2)),
        J.Node("options", "MultiFactorRegistrationOptionsNode",
            new { registerOutcome = "register", getAppOutcome = "getApp", skipOutcome = J.Success, optOutOutcome = "optOut" }),
        J.Node("getApp", "GetAuthenticatorAppNode", new { outcome = "options" }),
        J.Node("optOut", "OptOutMultiFactorAuthenticationNode", new { outcome = J.Success }),
        J.Node("register", "PushRegistrationNode", new { successOutcome = "codes", failureOutcome = J.Failure, timeoutOutcome = "options" }),
        J.Node("codes", "RecoveryCodeDisplayNode", new { outcome = J.Success }));

    [Fact]
    public async Task NewUser_RegistersThenApprovesThePush()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        var phone = new AuthenticatorSimulator(h);

        var options = await h.StartAsync(PushLogin());
        Assert.Equal(["TextOutputCallback", "ConfirmationCallback"], MfaHarness.Types(options));
        var qr = await h.SubmitAsync(options, ("IDToken2", 0));
        Assert.Equal(["TextOutputCallback", "TextOutputCallback", "HiddenValueCallback", "PollingWaitCallback"], MfaHarness.Types(qr));
        await phone.RegisterAsync(MfaHarness.Step(qr).Callbacks[2].GetOutputString("value")!);

        var codesStep = await h.SubmitAsync(qr);
        var script = MfaHarness.Step(codesStep).Callbacks.Single().GetOutputString("message")!;
        Assert.Contains("Your Recovery Codes", script);
        Assert.Contains("<em>Test Phone</em>", script);
        var codes = SdkScraper.RecoveryCodes(script);
        Assert.Equal(10, codes.Count);
        Assert.All(codes, code => Assert.DoesNotContain(code, codesStep.State.ToJson()));
        var registered = await h.SubmitAsync(codesStep);
        Assert.IsType<JourneySuccess>(registered);

        // The next sign-on pushes to the new device.
        var waiting = await h.StartAsync(PushLogin() with { Name = "PushLogin2" });
        Assert.Equal(["PollingWaitCallback", "ConfirmationCallback"], MfaHarness.Types(waiting));
        Assert.Equal(PushAnswerResult.Recorded, await phone.AnswerLastAsync(approve: true));
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        var success = Assert.IsType<JourneySuccess>(await h.SubmitAsync(waiting));

        Assert.Contains("AuthenticatorPush", success.AuthTypes);
        var device = (await h.Devices.FindAsync("alice", DeviceKind.Push))!;
        Assert.Equal(h.Clock.GetUtcNow(), device.LastAccessDate);
        Assert.Equal(MfaSkipState.NotSkippable, (await h.IdentityAsync()).PushSkip);
        Assert.False(success.State.SharedState.ContainsKey("pushMessageId"));
        Assert.False(success.State.SharedState.ContainsKey("t"));
        Assert.False(success.State.SharedState.ContainsKey("pushMessageExpiration"));
        Assert.Null(await h.Messages.GetLiveAsync(h.Transport.Deliveries[^1].MessageId));
    }

    [Fact]
    public async Task Denied_GoesToFailureAndDeletesTheMessage()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        var phone = new AuthenticatorSimulator(h);
        await phone.AddPushDeviceAsync();
        var waiting = await h.StartAsync(PushLogin());

        await phone.AnswerLastAsync(approve: false);
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        var result = await h.SubmitAsync(waiting);

        Assert.IsType<JourneyFailure>(result);
        Assert.Equal("FALSE", MfaHarness.LastOutcome(result, "verify"));
        Assert.Null(await h.Messages.GetLiveAsync(h.Transport.Deliveries[0].MessageId));
        Assert.Null((await h.Devices.FindAsync("alice", DeviceKind.Push))!.LastAccessDate);
    }

    [Fact]
    public async Task NumberChallenge_RightNumber_Succeeds()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        var phone = new AuthenticatorSimulator(h);
        await phone.AddPushDeviceAsync();
        var waiting = await h.StartAsync(PushLogin("CHALLENGE"));
        var shown = int.Parse(MfaHarness.Step(waiting).Callbacks[1].GetOutputString("value")!);
        Assert.Contains(shown, NumberChallenge.ParseChoicesClaim((string)phone.ReadLastNotification()["n"]!));

        await phone.AnswerLastAsync(approve: true, number: shown);
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        var result = await h.SubmitAsync(waiting);

        Assert.Contains("AuthenticatorPush", Assert.IsType<JourneySuccess>(result).AuthTypes);
    }

    [Fact]
    public async Task NumberChallenge_WrongNumber_Fails()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        var phone = new AuthenticatorSimulator(h);
        await phone.AddPushDeviceAsync();
        var waiting = await h.StartAsync(PushLogin("CHALLENGE"));
        var shown = int.Parse(MfaHarness.Step(waiting).Callbacks[1].GetOutputString("value")!);
        var wrong = NumberChallenge.ParseChoicesClaim((string)phone.ReadLastNotification()["n"]!).First(n => n != shown);

        await phone.AnswerLastAsync(approve: true, number: wrong);
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        var result = await h.SubmitAsync(waiting);

        Assert.IsType<JourneyFailure>(result);
        Assert.Equal("FALSE", MfaHarness.LastOutcome(result, "verify"));
    }

    [Fact]
    public async Task NoAnswerYet_WaitsAgain_ThenExpiresAndResendsAFreshMessage()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        var phone = new AuthenticatorSimulator(h);
        await phone.AddPushDeviceAsync();
        var waiting = await h.StartAsync(PushLogin(messageTimeout: 12000));

        h.Clock.Advance(TimeSpan.FromSeconds(5));
        var stillWaiting = await h.SubmitAsync(waiting);
        Assert.Equal("WAITING", MfaHarness.LastOutcome(stillWaiting, "verify"));
        Assert.Equal(h.Clock.GetUtcNow().ToUnixTimeMilliseconds() + 12000, (long)stillWaiting.State.SharedState["pushMessageExpiration"]!);
        Assert.Single(h.Transport.Deliveries);

        h.Clock.Advance(TimeSpan.FromSeconds(10)); // past the message's 12 s
        var resent = await h.SubmitAsync(stillWaiting);

        // EXPIRED cleared pushMessageId, so the sender sends again instead of failing with SENDER_ALREADY_USED.
        Assert.Equal("EXPIRED", resent.State.VisitedPath.Last(v => v.NodeId == "verify").Outcome);
        Assert.Equal(["PollingWaitCallback", "ConfirmationCallback"], MfaHarness.Types(resent));
        Assert.Equal(2, h.Transport.Deliveries.Count);
        Assert.Equal(h.Transport.Deliveries[1].MessageId, (string)resent.State.SharedState["pushMessageId"]!);
        Assert.Equal(PushAnswerResult.Recorded, await phone.AnswerLastAsync(approve: true));
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.IsType<JourneySuccess>(await h.SubmitAsync(resent));
    }

    [Fact]
    public async Task AnswerAfterExpiry_IsRefusedByTheStore()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        var phone = new AuthenticatorSimulator(h);
        await phone.AddPushDeviceAsync();
        await h.StartAsync(PushLogin(messageTimeout: 12000));

        h.Clock.Advance(TimeSpan.FromSeconds(13));

        Assert.Equal(PushAnswerResult.Expired, await phone.AnswerLastAsync(approve: true));
    }

    [Fact]
    public async Task ExitToRecoveryCode_AcceptsAnUnusedCodeOnce()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        var phone = new AuthenticatorSimulator(h);
        var codes = await RegisterThroughJourneyAsync(h, phone);

        var waiting = await h.StartAsync(PushLogin() with { Name = "Again" });
        var prompt = await h.SubmitAsync(waiting, ("IDToken2", 0));
        Assert.Equal(["NameCallback"], MfaHarness.Types(prompt));
        Assert.Equal("Recovery Code", MfaHarness.Step(prompt).Callbacks[0].GetOutputString("prompt"));
        var success = Assert.IsType<JourneySuccess>(await h.SubmitAsync(prompt, ("IDToken1", codes[3])));
        Assert.Contains("AuthenticatorPushRegistration", success.AuthTypes);
        Assert.Equal(9, await h.RecoveryCodes.CountAsync("alice", DeviceKind.Push));

        // The same code a second time is refused.
        var second = await h.SubmitAsync(await h.StartAsync(PushLogin() with { Name = "Third" }), ("IDToken2", 0));
        var refused = await h.SubmitAsync(second, ("IDToken1", codes[3]));
        Assert.Equal("false", MfaHarness.LastOutcome(refused, "recovery"));
        Assert.Equal(["NameCallback"], MfaHarness.Types(refused));
    }

    [Fact]
    public async Task ThreeWrongRecoveryCodes_EndInFailure()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        var phone = new AuthenticatorSimulator(h);
        await phone.AddPushDeviceAsync();
        await h.RecoveryCodes.ReplaceAsync("alice", [DeviceKind.Push], RecoveryCodes.HashAll(["AAAAAAAAAA"]));
        var prompt = await h.SubmitAsync(await h.StartAsync(PushLogin()), ("IDToken2", 0));

        var second = await h.SubmitAsync(prompt, ("IDToken1", "WRONGCODE1"));
        var third = await h.SubmitAsync(second, ("IDToken1", "not a code"));
        Assert.Equal(["NameCallback"], MfaHarness.Types(third));
        var result = await h.SubmitAsync(third, ("IDToken1", "WRONGCODE3"));

        Assert.IsType<JourneyFailure>(result);
        Assert.Equal("Reject", MfaHarness.LastOutcome(result, "retry"));
        Assert.Equal(1, await h.RecoveryCodes.CountAsync("alice", DeviceKind.Push));
    }

    [Fact]
    public async Task SkipThisStep_SucceedsWithoutChangingTheUser_OptOut_SkipsPushNextTime()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");

        var skipped = await h.SubmitAsync(await h.StartAsync(PushLogin()), ("IDToken2", 2));
        Assert.IsType<JourneySuccess>(skipped);
        Assert.Equal(MfaSkipState.NotSet, (await h.IdentityAsync()).PushSkip);

        var optedOut = await h.SubmitAsync(await h.StartAsync(PushLogin() with { Name = "Two" }), ("IDToken2", 3));
        Assert.IsType<JourneySuccess>(optedOut);
        Assert.Equal("optOut", optedOut.State.VisitedPath[^1].NodeId);
        Assert.Equal(MfaSkipState.Skippable, (await h.IdentityAsync()).PushSkip);

        var next = await h.StartAsync(PushLogin() with { Name = "Three" });
        Assert.IsType<JourneySuccess>(next);
        Assert.Equal("SKIPPED", MfaHarness.LastOutcome(next, "send"));
        Assert.Empty(h.Transport.Deliveries);
    }

    [Fact]
    public async Task GetTheApp_ShowsTheStoreLinksThenReturnsToTheOptions()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");

        var app = await h.SubmitAsync(await h.StartAsync(PushLogin()), ("IDToken2", 1));
        Assert.Equal(["TextOutputCallback", "ConfirmationCallback"], MfaHarness.Types(app));
        Assert.Contains("play.google.com", MfaHarness.Step(app).Callbacks[0].GetOutputString("message"));
        var back = await h.SubmitAsync(app, ("IDToken2", 0));

        Assert.Equal("options", back.State.CurrentNodeId);
        Assert.Equal(["TextOutputCallback", "ConfirmationCallback"], MfaHarness.Types(back));
    }

    /// <summary>Registers <paramref name="phone"/> through the journey and returns the recovery codes it showed.</summary>
    private static async Task<IReadOnlyList<string>> RegisterThroughJourneyAsync(MfaHarness h, AuthenticatorSimulator phone)
    {
        var qr = await h.SubmitAsync(await h.StartAsync(PushLogin() with { Name = "Register" }), ("IDToken2", 0));
        await phone.RegisterAsync(MfaHarness.Step(qr).Callbacks[2].GetOutputString("value")!);
        var codesStep = await h.SubmitAsync(qr);
        var codes = SdkScraper.RecoveryCodes(MfaHarness.Step(codesStep).Callbacks[0].GetOutputString("message")!);
        Assert.IsType<JourneySuccess>(await h.SubmitAsync(codesStep));
        return codes;
    }

    [Fact]
    public async Task NumberChallenge_WrongNumbers_CountTowardsTheLockout_ThenEvenTheRightNumberIsFalse()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        var phone = new AuthenticatorSimulator(h);
        await phone.AddPushDeviceAsync();
        h.BruteForce.MaxFailures = 3;

        for (var i = 0; i < 4; i++)
        {
            var waiting = await h.StartAsync(PushLogin("CHALLENGE") with { Name = $"Push{i}" });
            var shown = int.Parse(MfaHarness.Step(waiting).Callbacks[1].GetOutputString("value")!);
            var choices = NumberChallenge.ParseChoicesClaim((string)phone.ReadLastNotification()["n"]!);
            // Three wrong numbers lock the user; the fourth push is answered with the right one.
            await phone.AnswerLastAsync(approve: true, number: i < 3 ? choices.First(n => n != shown) : shown);
            h.Clock.Advance(TimeSpan.FromSeconds(5));
            var result = await h.SubmitAsync(waiting);
            Assert.Equal("FALSE", MfaHarness.LastOutcome(result, "verify"));
        }

        Assert.NotNull((await h.Failures.GetAsync(JourneyStudio.Runtime.BruteForce.CredentialAudience.EndUser, "alice"))!.LockedUntil);
    }
}

public sealed class PushJourneyTestsOnSqlite() : PushJourneyTests(DatabaseProvider.Sqlite);

public sealed class PushJourneyTestsOnPostgres() : PushJourneyTests(DatabaseProvider.Postgres);
