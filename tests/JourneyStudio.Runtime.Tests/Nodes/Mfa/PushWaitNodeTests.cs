using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Tests.Support;

namespace JourneyStudio.Runtime.Tests.Nodes.Mfa;

public abstract class PushWaitNodeTests(DatabaseProvider provider)
{
    private static Journey Wait(string? number = null, params (string, object?)[] config) => J.Journey("Wait", "seed",
        J.Node("seed", MfaHarness.SeedType, new { outcome = "wait" }),
        J.Node("wait", "PushWaitNode", new { DONE = J.Success, EXITED = J.Failure }, config));

    private async Task<MfaHarness> HarnessAsync(string? number)
    {
        var h = await MfaHarness.StartAsync(provider, "alice");
        h.AddSeed(state =>
        {
            if (number is not null) state["pushNumberChallengeKey"] = number;
        });
        return h;
    }

    [Fact]
    public async Task Wait_DefaultPush_SendsPollingWaitAndAnExitButtonPresetToNotPressed()
    {
        await using var h = await HarnessAsync(null);

        var result = await h.StartAsync(Wait());

        var step = MfaHarness.Step(result);
        Assert.Equal(["PollingWaitCallback", "ConfirmationCallback"], MfaHarness.Types(result));
        Assert.Equal("5000", step.Callbacks[0].GetOutputString("waitTime"));
        Assert.Equal("Waiting for response...", step.Callbacks[0].GetOutputString("message"));
        var exit = step.Callbacks[1];
        Assert.Equal(["Cancel"], exit.GetOutput("options")!.Value.EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(0, exit.GetOutput("messageType")!.Value.GetInt32());
        Assert.Equal(0, exit.GetOutput("defaultOption")!.Value.GetInt32());
        Assert.Equal(100, exit.GetInputInt32());
        Assert.Equal(h.Clock.GetUtcNow().ToUnixTimeMilliseconds() + 5000, (long)result.State.SharedState["wait.end_time"]!);
    }

    [Fact]
    public async Task Wait_NumberChallenge_ShowsTheNumberInTheMessageAndAHiddenValue()
    {
        await using var h = await HarnessAsync("47");

        var result = await h.StartAsync(Wait(config: ("secondsToWait", 3)));

        var step = MfaHarness.Step(result);
        Assert.Equal(["PollingWaitCallback", "HiddenValueCallback", "ConfirmationCallback"], MfaHarness.Types(result));
        Assert.Equal("3000", step.Callbacks[0].GetOutputString("waitTime"));
        Assert.Equal("Tap the number [47] on the Push Notification to continue.", step.Callbacks[0].GetOutputString("message"));
        Assert.Equal(("pushChallengeNumber", "47"), (step.Callbacks[1].GetOutputString("id"), step.Callbacks[1].GetOutputString("value")));
    }

    [Fact]
    public async Task Wait_ConfiguredMessages_ReplaceTimeAndChallengePlaceholders()
    {
        await using var h = await HarnessAsync(null);
        var config = new (string, object?)[]
        {
            ("waitingMessage", new Dictionary<string, string> { ["en"] = "Check your phone ({{time}} s)" }),
            ("exitMessage", new Dictionary<string, string> { ["en"] = "Use a recovery code" }),
        };

        var step = MfaHarness.Step(await h.StartAsync(Wait(config: config)));

        Assert.Equal("Check your phone (5 s)", step.Callbacks[0].GetOutputString("message"));
        Assert.Equal("Use a recovery code", step.Callbacks[1].GetOutput("options")!.Value[0].GetString());
    }

    [Fact]
    public async Task Wait_ExitPressed_GoesToExitedAndCleansUp()
    {
        await using var h = await HarnessAsync("47");
        var step = await h.StartAsync(Wait());

        var result = await h.SubmitAsync(step, ("IDToken3", 0));

        Assert.Equal("EXITED", MfaHarness.LastOutcome(result, "wait"));
        Assert.False(result.State.SharedState.ContainsKey("wait.end_time"));
        Assert.False(result.State.SharedState.ContainsKey("wait.spam_count"));
    }

    [Fact]
    public async Task Wait_ResubmittedEarly_SendsTheSameCallbacks_ThenDoneWhenTheTimeIsUp()
    {
        await using var h = await HarnessAsync(null);
        var step = await h.StartAsync(Wait());
        h.Clock.Advance(TimeSpan.FromSeconds(4));

        var early = await h.SubmitAsync(step);
        Assert.Equal(["PollingWaitCallback", "ConfirmationCallback"], MfaHarness.Types(early));
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        var done = await h.SubmitAsync(early);

        Assert.IsType<JourneySuccess>(done);
        Assert.Equal("DONE", MfaHarness.LastOutcome(done, "wait"));
        Assert.False(done.State.SharedState.ContainsKey("wait.end_time"));
    }
}

public sealed class PushWaitNodeTestsOnSqlite() : PushWaitNodeTests(DatabaseProvider.Sqlite);

public sealed class PushWaitNodeTestsOnPostgres() : PushWaitNodeTests(DatabaseProvider.Postgres);
