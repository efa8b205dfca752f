using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Tests.Support;

namespace JourneyStudio.Runtime.Tests.Nodes;

public sealed class PollingWaitNodeTests
{
    private readonly EngineHarness _harness = new();

    private static Journey Wait(params (string, object?)[] config) => J.Journey("Wait", "wait",
        J.Node("wait", "PollingWaitNode", new { DONE = J.Success, EXITED = J.Failure, SPAM = J.Failure }, [("secondsToWait", 5), .. config]));

    [Fact]
    public async Task Wait_FirstPass_SendsWaitTimeInMillisecondsAsStringAndRecordsEndTime()
    {
        var result = await _harness.StartAsync(Wait());

        var callback = Assert.Single(Assert.IsType<JourneyStep>(result).Callbacks);
        Assert.Equal(Callback.PollingWaitType, callback.Type);
        Assert.Equal("5000", callback.GetOutputString("waitTime"));
        Assert.Equal("Waiting for response...", callback.GetOutputString("message"));
        Assert.Equal(_harness.Time.GetUtcNow().ToUnixTimeMilliseconds() + 5000, (long)result.State.SharedState["wait.end_time"]!);
    }

    [Fact]
    public async Task Wait_MessageWithTimePlaceholder_ShowsTheSeconds()
    {
        var result = await _harness.StartAsync(Wait(("waitingMessage", new Dictionary<string, string> { ["en"] = "Hold on for {{time}} seconds" })));

        Assert.Equal("Hold on for 5 seconds", Assert.IsType<JourneyStep>(result).Callbacks[0].GetOutputString("message"));
    }

    [Fact]
    public async Task Wait_ResubmittedEarly_WaitsAgain()
    {
        var step = await _harness.StartAsync(Wait());
        _harness.Time.Advance(TimeSpan.FromSeconds(4));

        var result = await _harness.SubmitAsync(step);

        Assert.Equal(["PollingWaitCallback"], EngineHarness.Types(result));
    }

    [Fact]
    public async Task Wait_ResubmittedAfterTheWait_GoesToDoneAndCleansUp()
    {
        var step = await _harness.StartAsync(Wait());
        _harness.Time.Advance(TimeSpan.FromSeconds(5));

        var result = await _harness.SubmitAsync(step);

        Assert.IsType<JourneySuccess>(result);
        Assert.Equal(new VisitedNode("Wait", "wait", "DONE"), result.State.VisitedPath[^1]);
        Assert.False(result.State.SharedState.ContainsKey("wait.end_time"));
        Assert.False(result.State.SharedState.ContainsKey("wait.spam_count"));
    }

    [Fact]
    public async Task Wait_Exitable_SendsExitButtonNotPressed()
    {
        var result = await _harness.StartAsync(Wait(("exitable", true), ("exitMessage", new Dictionary<string, string> { ["en"] = "Stop waiting" })));

        var step = Assert.IsType<JourneyStep>(result);
        Assert.Equal(
            """{"authId":"a","callbacks":[{"type":"PollingWaitCallback","output":[{"name":"waitTime","value":"5000"},{"name":"message","value":"Waiting for response..."}],"_id":0},{"type":"ConfirmationCallback","output":[{"name":"prompt","value":""},{"name":"messageType","value":0},{"name":"options","value":["Stop waiting"]},{"name":"optionType","value":-1},{"name":"defaultOption","value":0}],"input":[{"name":"IDToken2","value":100}],"_id":1}]}""",
            StepSerializer.Serialize("a", step.Callbacks));
    }

    [Fact]
    public async Task Wait_ExitPressed_GoesToExitedAndCleansUp()
    {
        var step = await _harness.StartAsync(Wait(("exitable", true)));

        var result = await _harness.SubmitAsync(step, ("IDToken2", 0));

        Assert.Equal(new VisitedNode("Wait", "wait", "EXITED"), result.State.VisitedPath[^1]);
        Assert.False(result.State.SharedState.ContainsKey("wait.end_time"));
    }

    [Fact]
    public async Task Wait_NotExitable_IgnoresNothingAndHasNoButton()
    {
        var result = await _harness.StartAsync(Wait());

        Assert.DoesNotContain(Callback.ConfirmationType, EngineHarness.Types(result));
    }

    [Fact]
    public async Task Wait_SpamDetection_EarlyResubmitsBeyondToleranceGoToSpam()
    {
        var result = await _harness.StartAsync(Wait(("spamDetectionEnabled", true), ("spamDetectionTolerance", 2)));

        result = await _harness.SubmitAsync(result);
        result = await _harness.SubmitAsync(result);
        Assert.IsType<JourneyStep>(result);
        result = await _harness.SubmitAsync(result);

        Assert.Equal(new VisitedNode("Wait", "wait", "SPAM"), result.State.VisitedPath[^1]);
    }

    [Fact]
    public async Task Wait_SpamDetectionOff_EarlyResubmitsKeepWaiting()
    {
        var result = await _harness.StartAsync(Wait(("spamDetectionTolerance", 1)));

        for (var i = 0; i < 4; i++) result = await _harness.SubmitAsync(result);

        Assert.IsType<JourneyStep>(result);
    }
}
