using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Mfa;
using JourneyStudio.Runtime.Tests.Support;

namespace JourneyStudio.Runtime.Tests.Nodes.Mfa;

/// <summary>MFA Registration Options, Get Authenticator App, Opt-out, Recovery Code Display and Recovery Code Collector Decision.</summary>
public abstract class MfaChoiceNodeTests(DatabaseProvider provider)
{
    private static Journey Seeded(params JourneyNode[] nodes) =>
        J.Journey("Choice", "seed", [J.Node("seed", MfaHarness.SeedType, new { outcome = nodes[0].Id }), .. nodes]);

    private static JourneyNode Options(params (string, object?)[] config) => J.Node("options", "MultiFactorRegistrationOptionsNode",
        new { registerOutcome = J.Success, getAppOutcome = J.Success, skipOutcome = J.Success, optOutOutcome = J.Success }, config);

    private async Task<MfaHarness> WithMethodAsync(string? method = "push")
    {
        var h = await MfaHarness.StartAsync(provider, "alice");
        h.AddSeed(state =>
        {
            if (method is not null) state["mfaMethod"] = method;
        });
        return h;
    }

    private static IReadOnlyList<string?> OptionLabels(JourneyRunResult result) =>
        MfaHarness.Step(result).Callbacks[1].GetOutput("options")!.Value.EnumerateArray().Select(o => o.GetString()).ToList();

    [Fact]
    public async Task Options_Default_OffersAllFourChoicesBelowTheMessage()
    {
        await using var h = await WithMethodAsync();

        var result = await h.StartAsync(Seeded(Options()));

        Assert.Equal(["TextOutputCallback", "ConfirmationCallback"], MfaHarness.Types(result));
        Assert.StartsWith("On this page you can choose to register, skip or opt-out", MfaHarness.Step(result).Callbacks[0].GetOutputString("message"));
        Assert.Equal(["Register Device", "Get the App", "Skip this step", "Opt-out"], OptionLabels(result));
    }

    [Theory]
    [InlineData(true, false, new[] { "Register Device", "Get the App", "Skip this step", "Opt-out" }, new[] { "registerOutcome", "getAppOutcome", "skipOutcome", "optOutOutcome" })]
    [InlineData(false, false, new[] { "Register Device", "Skip this step", "Opt-out" }, new[] { "registerOutcome", "skipOutcome", "optOutOutcome" })]
    [InlineData(true, true, new[] { "Register Device", "Get the App" }, new[] { "registerOutcome", "getAppOutcome" })]
    [InlineData(false, true, new[] { "Register Device" }, new[] { "registerOutcome" })]
    public async Task Options_EachIndex_SelectsTheOutcomeInTheSameOrder(bool getApp, bool mandatory, string[] labels, string[] outcomes)
    {
        await using var h = await WithMethodAsync();
        for (var index = 0; index < outcomes.Length; index++)
        {
            var step = await h.StartAsync(Seeded(Options(("getApp", getApp), ("mandatory", mandatory))) with { Name = "Choice" + index });
            Assert.Equal(labels, OptionLabels(step));

            var result = await h.SubmitAsync(step, ("IDToken2", index));

            Assert.Equal(outcomes[index], MfaHarness.LastOutcome(result, "options"));
        }
    }

    [Fact]
    public async Task Options_OutOfRangeIndex_AsksAgain()
    {
        await using var h = await WithMethodAsync();
        var step = await h.StartAsync(Seeded(Options(("mandatory", true))));

        var result = await h.SubmitAsync(step, ("IDToken2", 3));

        Assert.Equal(["TextOutputCallback", "ConfirmationCallback"], MfaHarness.Types(result));
    }

    [Fact]
    public async Task Options_WithoutMfaMethod_EndsWithAClearError()
    {
        await using var h = await WithMethodAsync(null);

        var result = await h.StartAsync(Seeded(Options()));

        Assert.Contains("mfaMethod", Assert.IsType<JourneyFailure>(result).Reason);
    }

    [Fact]
    public async Task GetApp_SendsTheStoreLinkScriptAndContinue()
    {
        await using var h = await WithMethodAsync();
        var node = J.Node("app", "GetAuthenticatorAppNode", new { outcome = J.Success },
            ("appleLink", "https://apps.apple.com/app/id1"), ("continueLabel", new Dictionary<string, string> { ["en"] = "Done" }));

        var step = await h.StartAsync(Seeded(node));

        var callbacks = MfaHarness.Step(step).Callbacks;
        Assert.Equal(["TextOutputCallback", "ConfirmationCallback"], callbacks.Select(c => c.Type));
        Assert.Equal("4", callbacks[0].GetOutputString("messageType"));
        var script = callbacks[0].GetOutputString("message")!;
        Assert.StartsWith("document.getElementById(\"callback_0\").innerHTML=", script);
        Assert.Contains("href='https://apps.apple.com/app/id1'", script);
        Assert.Contains("href='https://play.google.com/store/apps/details?id=com.forgerock.authenticator'", script);
        Assert.Equal(["Done"], callbacks[1].GetOutput("options")!.Value.EnumerateArray().Select(o => o.GetString()));
        Assert.IsType<JourneySuccess>(await h.SubmitAsync(step, ("IDToken2", 0)));
    }

    [Theory]
    [InlineData("push")]
    [InlineData("oath")]
    public async Task OptOut_MarksTheMethodSkippable(string method)
    {
        await using var h = await WithMethodAsync(method);

        var result = await h.StartAsync(Seeded(J.Node("optOut", "OptOutMultiFactorAuthenticationNode", new { outcome = J.Success })));

        Assert.IsType<JourneySuccess>(result);
        var identity = await h.IdentityAsync();
        Assert.Equal(MfaSkipState.Skippable, method == "push" ? identity.PushSkip : identity.OathSkip);
        Assert.Equal(MfaSkipState.NotSet, method == "push" ? identity.OathSkip : identity.PushSkip);
    }

    [Theory]
    [InlineData(null, "no mfaMethod")]
    [InlineData("sms", "unknown mfaMethod 'sms'")]
    public async Task OptOut_WithoutAKnownMethod_EndsWithAClearError(string? method, string reason)
    {
        await using var h = await WithMethodAsync(method);

        var result = await h.StartAsync(Seeded(J.Node("optOut", "OptOutMultiFactorAuthenticationNode", new { outcome = J.Success })));

        Assert.Contains(reason, Assert.IsType<JourneyFailure>(result).Reason);
    }

    [Fact]
    public async Task RecoveryCodeDisplay_WithoutCodes_PassesStraightThrough()
    {
        await using var h = await WithMethodAsync();

        var result = await h.StartAsync(Seeded(J.Node("codes", "RecoveryCodeDisplayNode", new { outcome = J.Success })));

        Assert.IsType<JourneySuccess>(result);
    }

    [Theory]
    [InlineData("OATH", DeviceKind.Oath, "AuthenticatorOATH")]
    [InlineData("PUSH", DeviceKind.Push, "AuthenticatorPushRegistration")]
    public async Task RecoveryCollector_MatchingCodeOfTheConfiguredType_IsConsumed(string type, DeviceKind kind, string authType)
    {
        await using var h = await WithMethodAsync();
        var codes = RecoveryCodes.Generate();
        await h.RecoveryCodes.ReplaceAsync("alice", [kind], RecoveryCodes.HashAll(codes));
        var node = J.Node("recovery", "RecoveryCodeCollectorDecisionNode", new { @true = J.Success, @false = J.Failure }, ("recoveryCodeType", type));

        var prompt = await h.StartAsync(Seeded(node));
        Assert.Equal(["NameCallback"], MfaHarness.Types(prompt));
        var result = await h.SubmitAsync(prompt, ("IDToken1", " " + codes[5] + " "));

        Assert.Contains(authType, Assert.IsType<JourneySuccess>(result).AuthTypes);
        Assert.Equal(9, await h.RecoveryCodes.CountAsync("alice", kind));
    }

    [Fact]
    public async Task RecoveryCollector_CodeOfAnotherTypeOrWebAuthn_IsRefused()
    {
        await using var h = await WithMethodAsync();
        var codes = RecoveryCodes.Generate();
        await h.RecoveryCodes.ReplaceAsync("alice", [DeviceKind.Push], RecoveryCodes.HashAll(codes));

        foreach (var type in new[] { "OATH", "WEB_AUTHN" })
        {
            var node = J.Node("recovery", "RecoveryCodeCollectorDecisionNode", new { @true = J.Success, @false = J.Failure }, ("recoveryCodeType", type));
            var result = await h.SubmitAsync(await h.StartAsync(Seeded(node) with { Name = "Recover" + type }), ("IDToken1", codes[0]));
            Assert.Equal("false", MfaHarness.LastOutcome(result, "recovery"));
        }
        Assert.Equal(10, await h.RecoveryCodes.CountAsync("alice", DeviceKind.Push));
    }

    [Fact]
    public async Task RecoveryCollector_WrongCodes_CountTowardsTheLockout_AndWhileLockedARightCodeIsRefusedUnused()
    {
        await using var h = await WithMethodAsync();
        var codes = RecoveryCodes.Generate();
        await h.RecoveryCodes.ReplaceAsync("alice", [DeviceKind.Oath], RecoveryCodes.HashAll(codes));
        var node = J.Node("recovery", "RecoveryCodeCollectorDecisionNode", new { @true = J.Success, @false = J.Failure }, ("recoveryCodeType", "OATH"));

        for (var i = 0; i < 10; i++)
            await h.SubmitAsync(await h.StartAsync(Seeded(node) with { Name = $"Guess{i}" }), ("IDToken1", $"WRONGCODE{i}"));
        var locked = await h.SubmitAsync(await h.StartAsync(Seeded(node) with { Name = "WhileLocked" }), ("IDToken1", codes[0]));

        Assert.Equal("false", MfaHarness.LastOutcome(locked, "recovery"));
        Assert.Equal(10, await h.RecoveryCodes.CountAsync("alice", DeviceKind.Oath));
    }
}

public sealed class MfaChoiceNodeTestsOnSqlite() : MfaChoiceNodeTests(DatabaseProvider.Sqlite);

public sealed class MfaChoiceNodeTestsOnPostgres() : MfaChoiceNodeTests(DatabaseProvider.Postgres);
