using JourneyStudio.Runtime.Persistence;
using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Mfa;
using JourneyStudio.Runtime.Push;
using JourneyStudio.Runtime.Tests.Support;

namespace JourneyStudio.Runtime.Tests.Nodes.Mfa;

public abstract class PushSenderNodeTests(DatabaseProvider provider)
{
    private static Journey Send(params (string, object?)[] config) => J.Journey("Send", "send",
        J.Node("send", "PushAuthenticationSenderNode",
            new Dictionary<string, string> { ["SENT"] = J.Success, ["NOT_REGISTERED"] = J.Failure, ["SKIPPED"] = J.Failure, ["FAILURE"] = J.Failure },
            config));

    [Fact]
    public async Task Send_RegisteredUser_SignsEveryClaimWithTheDeviceSecretAndStoresTheMessage()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        var phone = new AuthenticatorSimulator(h);
        await phone.AddPushDeviceAsync(issuer: "Example Bank");
        var sentAt = h.Clock.GetUtcNow();

        var result = await h.StartAsync(Send());

        Assert.IsType<JourneySuccess>(result);
        Assert.Equal("SENT", MfaHarness.LastOutcome(result, "send"));
        var delivery = Assert.Single(h.Transport.Deliveries);
        Assert.Equal(("inbox:fcm-token-1", "gcm", PushType.Default), (delivery.CommunicationId, delivery.CommunicationType, delivery.PushType));
        Assert.Equal("Login attempt from alice at Example Bank", delivery.UserMessage);
        Assert.StartsWith("AUTHENTICATE:", delivery.MessageId);

        var claims = phone.ReadLastNotification();
        Assert.Equal(phone.MechanismUid, (string)claims["u"]!);
        Assert.Equal("amlbcookie=01", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String((string)claims["l"]!)));
        Assert.Equal(32, Convert.FromBase64String((string)claims["c"]!).Length);
        Assert.Equal("Login attempt from alice at Example Bank", (string)claims["m"]!);
        Assert.Equal("default", (string)claims["k"]!);
        Assert.Equal(sentAt.ToUnixTimeMilliseconds().ToString(), (string)claims["i"]!);
        Assert.Equal("120", (string)claims["t"]!);
        Assert.Equal("alice", (string)claims["d"]!);
        Assert.False(claims.ContainsKey("n"));
        Assert.False(claims.ContainsKey("x"));
        Assert.False(claims.ContainsKey("p"));

        var shared = result.State.SharedState;
        Assert.Equal(delivery.MessageId, (string)shared["pushMessageId"]!);
        Assert.Equal(120000, (long)shared["t"]!);
        Assert.Equal(phone.MechanismUid, (string)shared["pushMechanismUid"]!);
        Assert.False(shared.ContainsKey("pushNumberChallengeKey"));
        var stored = await h.Messages.GetLiveAsync(delivery.MessageId);
        Assert.NotNull(stored);
        Assert.Equal((PushMessageState.Pending, "alice", (string)claims["c"]!), (stored.State, stored.Username, stored.Challenge));
        Assert.Equal(sentAt.AddSeconds(120), stored.ExpiresAt);
    }

    [Fact]
    public async Task Send_ChallengeType_SendsThreeSortedNumbersAndKeepsTheAnswer()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        var phone = new AuthenticatorSimulator(h);
        await phone.AddPushDeviceAsync();

        var result = await h.StartAsync(Send(("pushType", "CHALLENGE"), ("messageTimeout", 30000)));

        var claims = phone.ReadLastNotification();
        Assert.Equal("challenge", (string)claims["k"]!);
        Assert.Equal("30", (string)claims["t"]!);
        var numbers = NumberChallenge.ParseChoicesClaim((string)claims["n"]!);
        Assert.Equal(3, numbers.Distinct().Count());
        Assert.Equal(numbers.Order(), numbers);
        Assert.All(numbers, n => Assert.InRange(n, 10, 99));
        Assert.Contains(int.Parse((string)result.State.SharedState["pushNumberChallengeKey"]!), numbers);
        Assert.Equal(PushType.Challenge, h.Transport.Deliveries[0].PushType);
    }

    [Fact]
    public async Task Send_ContextInfoAndCustomPayload_AddLocationAddressAgentAndSelectedState()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        var phone = new AuthenticatorSimulator(h);
        await phone.AddPushDeviceAsync();
        h.AddSeed(state =>
        {
            state["forgeRock.device.profile"] = new JsonObject { ["identifier"] = "abc", ["location"] = new JsonObject { ["latitude"] = 51.5, ["longitude"] = -0.12 } };
            state["favouriteColour"] = "blue";
        });
        h.Request = h.Request with
        {
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["X-Real-IP"] = "198.51.100.7", ["User-Agent"] = "Agent/2" },
        };
        var journey = Send(("contextInfo", true), ("customPayload", new[] { "favouriteColour", "absentKey" }));
        journey = journey with { EntryNodeId = "seed", Nodes = [J.Node("seed", MfaHarness.SeedType, new { outcome = "send" }), .. journey.Nodes] };

        await h.StartAsync(journey);

        var claims = phone.ReadLastNotification();
        Assert.Equal("""{"location":{"latitude":51.5,"longitude":-0.12},"remoteIp":"198.51.100.7","userAgent":"Agent/2"}""", (string)claims["x"]!);
        Assert.Equal("""{"favouriteColour":"blue"}""", (string)claims["p"]!);
    }

    [Fact]
    public async Task Send_CustomPayloadOver3KB_EndsWithAClearError()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        await new AuthenticatorSimulator(h).AddPushDeviceAsync();
        h.AddSeed(state => state["big"] = new string('x', 3100));
        var journey = Send(("customPayload", new[] { "big" }));
        journey = journey with { EntryNodeId = "seed", Nodes = [J.Node("seed", MfaHarness.SeedType, new { outcome = "send" }), .. journey.Nodes] };

        var result = await h.StartAsync(journey);

        Assert.Contains("CUSTOM_PAYLOAD_TOO_LARGE", Assert.IsType<JourneyFailure>(result).Reason);
        Assert.Empty(h.Transport.Deliveries);
    }

    [Fact]
    public async Task Send_NoDevice_GoesToNotRegisteredWithPushAsTheMethod()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");

        var result = await h.StartAsync(Send());

        Assert.Equal("NOT_REGISTERED", MfaHarness.LastOutcome(result, "send"));
        Assert.Equal("push", (string)result.State.SharedState["mfaMethod"]!);
        Assert.Empty(h.Transport.Deliveries);
    }

    [Fact]
    public async Task Send_DeviceButSkipFlagNeverSet_GoesToNotRegistered()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        await new AuthenticatorSimulator(h).AddPushDeviceAsync();
        await h.Identities.SetSkipAsync("alice", MfaMethod.Push, MfaSkipState.NotSet);

        var result = await h.StartAsync(Send());

        Assert.Equal("NOT_REGISTERED", MfaHarness.LastOutcome(result, "send"));
    }

    [Fact]
    public async Task Send_UserOptedOut_SkipsUnlessMandatory()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        await new AuthenticatorSimulator(h).AddPushDeviceAsync();
        await h.Identities.SetSkipAsync("alice", MfaMethod.Push, MfaSkipState.Skippable);

        Assert.Equal("SKIPPED", MfaHarness.LastOutcome(await h.StartAsync(Send()), "send"));
        Assert.Equal("SENT", MfaHarness.LastOutcome(await h.StartAsync(Send(("mandatory", true))), "send"));
    }

    [Fact]
    public async Task Send_DeviceMarkedForReRegistration_GoesToNotRegistered()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        var device = await new AuthenticatorSimulator(h).AddPushDeviceAsync();
        await h.Devices.MarkMustRegisterAgainAsync(device.Id);

        var result = await h.StartAsync(Send());

        Assert.Equal("NOT_REGISTERED", MfaHarness.LastOutcome(result, "send"));
        Assert.Empty(h.Transport.Deliveries);
    }

    [Fact]
    public async Task Send_SecretNoLongerReadable_MarksTheDeviceAndGoesToNotRegistered()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        var device = await h.Devices.AddAsync(new MfaDevice
        {
            Username = "alice", Kind = DeviceKind.Push, Uuid = Guid.NewGuid().ToString(), ProtectedSecret = "CfDJ8-from-a-lost-key-ring",
            CommunicationId = "inbox:x", CommunicationType = "gcm", MechanismUid = "m-1",
        });
        await h.Identities.SetSkipAsync("alice", MfaMethod.Push, MfaSkipState.NotSkippable);

        var result = await h.StartAsync(Send());

        Assert.Equal("NOT_REGISTERED", MfaHarness.LastOutcome(result, "send"));
        Assert.True((await h.Devices.FindByUuidAsync(device.Uuid))!.MustRegisterAgain);
        Assert.Empty(h.Transport.Deliveries);
    }

    [Fact]
    public async Task Send_TransportSaysDeviceGone_MarksTheDeviceAndGoesToNotRegistered()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        var device = await new AuthenticatorSimulator(h).AddPushDeviceAsync();
        h.Transport.NextResult = new PushSendResult.DeviceMustRegisterAgain("EndpointDisabled");

        var result = await h.StartAsync(Send());

        Assert.Equal("NOT_REGISTERED", MfaHarness.LastOutcome(result, "send"));
        Assert.Equal("push", (string)result.State.SharedState["mfaMethod"]!);
        Assert.True((await h.Devices.FindByUuidAsync(device.Uuid))!.MustRegisterAgain);
        Assert.Null(await h.Messages.GetLiveAsync(h.Transport.Deliveries[0].MessageId));
        Assert.False(result.State.SharedState.ContainsKey("pushMessageId"));
    }

    [Fact]
    public async Task Send_TransmissionFailureWithCaptureFailure_GoesToFailureWithTheReason()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        await new AuthenticatorSimulator(h).AddPushDeviceAsync();
        h.Transport.NextResult = new PushSendResult.TransmissionFailure("throttled", "Throttling");

        var result = await h.StartAsync(Send(("captureFailure", true)));

        Assert.Equal("FAILURE", MfaHarness.LastOutcome(result, "send"));
        Assert.Equal("TRANSMISSION_FAILURE", (string)result.State.SharedState["PushAuthFailureReason"]!);
        Assert.False(result.State.SharedState.ContainsKey("pushMessageId"));
    }

    [Fact]
    public async Task Send_TransmissionFailureWithoutCaptureFailure_EndsTheJourneyWithTheTransportReason()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        await new AuthenticatorSimulator(h).AddPushDeviceAsync();
        h.Transport.NextResult = new PushSendResult.TransmissionFailure("network unreachable");

        var result = await h.StartAsync(Send());

        var failure = Assert.IsType<JourneyFailure>(result);
        Assert.Contains("network unreachable", failure.Reason);
        Assert.Contains("TRANSMISSION_FAILURE", failure.Reason);
    }

    [Fact]
    public async Task Send_NoUsername_FailsWithMissingUsername()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");

        var captured = await h.StartAsync(Send(("captureFailure", true)), username: null);
        var thrown = await h.StartAsync(Send() with { Name = "Send2" }, username: null);

        Assert.Equal("MISSING_USERNAME", (string)captured.State.SharedState["PushAuthFailureReason"]!);
        Assert.Contains("MISSING_USERNAME", Assert.IsType<JourneyFailure>(thrown).Reason);
    }

    [Fact]
    public async Task Send_SecondSenderBeforeVerification_FailsWithSenderAlreadyUsed()
    {
        await using var h = await MfaHarness.StartAsync(provider, "alice");
        await new AuthenticatorSimulator(h).AddPushDeviceAsync();
        var journey = J.Journey("Twice", "first",
            J.Node("first", "PushAuthenticationSenderNode", new { SENT = "second", NOT_REGISTERED = J.Failure, SKIPPED = J.Failure }),
            J.Node("second", "PushAuthenticationSenderNode", new { SENT = J.Success, NOT_REGISTERED = J.Failure, SKIPPED = J.Failure }));

        var result = await h.StartAsync(journey);

        Assert.Contains("SENDER_ALREADY_USED", Assert.IsType<JourneyFailure>(result).Reason);
        Assert.Single(h.Transport.Deliveries);
    }
}

public sealed class PushSenderNodeTestsOnSqlite() : PushSenderNodeTests(DatabaseProvider.Sqlite);

public sealed class PushSenderNodeTestsOnPostgres() : PushSenderNodeTests(DatabaseProvider.Postgres);
