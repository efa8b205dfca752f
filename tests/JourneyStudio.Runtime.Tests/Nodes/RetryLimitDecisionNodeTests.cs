using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Tests.Support;

namespace JourneyStudio.Runtime.Tests.Nodes;

public sealed class RetryLimitDecisionNodeTests
{
    private readonly EngineHarness _harness = new();

    // The shape of frodo-cli's RetryLimit export: a page of name + password, Data Store Decision, Retry Limit.
    private static Journey RetryLimit(bool onUser) => J.Journey("RetryLimit", "page",
        J.Page("page", new { outcome = "check" }, [J.Node("user", "UsernameCollectorNode"), J.Node("pass", "PasswordCollectorNode")]),
        J.Node("check", "DataStoreDecisionNode", new { @true = J.Success, @false = "retry" }),
        J.Node("retry", "RetryLimitDecisionNode", new { Retry = "page", Reject = J.Failure },
            ("retryLimit", 2), ("incrementUserAttributeOnFailure", onUser)));

    private Task<JourneyRunResult> FailOnce(JourneyRunResult step) =>
        _harness.SubmitAsync(step, ("IDToken1", "demo"), ("IDToken2", "wrong"));

    [Fact]
    public async Task Retry_CountsInSharedStateAndRejectsAfterTheLimit()
    {
        var step = await _harness.StartAsync(RetryLimit(onUser: false));

        step = await FailOnce(step);
        Assert.Equal(1, (int)step.State.SharedState["retry.retryCount"]!);
        step = await FailOnce(step);
        Assert.Equal(2, (int)step.State.SharedState["retry.retryCount"]!);
        var result = await FailOnce(step);

        Assert.IsType<JourneyFailure>(result);
        Assert.Equal(new VisitedNode("RetryLimit", "retry", "Reject"), result.State.VisitedPath[^1]);
    }

    [Fact]
    public async Task Retry_OnUser_NewSessionDoesNotResetTheCount()
    {
        var first = await FailOnce(await _harness.StartAsync(RetryLimit(onUser: true)));
        Assert.IsType<JourneyStep>(first);
        Assert.Equal(1, await _harness.RetryCounters.GetAsync("alpha", "demo", "retry", default));

        // The user abandons that sign-on and starts again.
        var second = await _harness.CreateEngine().StartAsync("RetryLimit", "alpha");
        second = await FailOnce(second);
        Assert.IsType<JourneyStep>(second);
        var result = await FailOnce(second);

        Assert.Equal(new VisitedNode("RetryLimit", "retry", "Reject"), Assert.IsType<JourneyFailure>(result).State.VisitedPath[^1]);
    }

    [Fact]
    public async Task Retry_OnUser_RejectKeepsTheCount_SoTheNextSignOnIsRejectedAtItsFirstFailure()
    {
        var step = await FailOnce(await _harness.StartAsync(RetryLimit(onUser: true)));
        step = await FailOnce(step);
        Assert.IsType<JourneyFailure>(await FailOnce(step));

        // Restarting used to give a fresh set of tries (the count was cleared on Reject): unlimited guessing.
        var next = await FailOnce(await _harness.CreateEngine().StartAsync("RetryLimit", "alpha"));

        Assert.Equal(new VisitedNode("RetryLimit", "retry", "Reject"), Assert.IsType<JourneyFailure>(next).State.VisitedPath[^1]);
        Assert.Equal(4, await _harness.RetryCounters.GetAsync("alpha", "demo", "retry", default));
    }

    [Fact]
    public async Task Retry_OnUser_ASuccessThatDoesNotPassTheNode_ClearsTheCount()
    {
        var step = await FailOnce(await _harness.StartAsync(RetryLimit(onUser: true)));
        step = await FailOnce(step);
        Assert.IsType<JourneyFailure>(await FailOnce(step));

        var signedOn = await _harness.SubmitAsync(await _harness.CreateEngine().StartAsync("RetryLimit", "alpha"), ("IDToken1", "demo"), ("IDToken2", "Ch4ng3it!"));

        Assert.IsType<JourneySuccess>(signedOn);
        Assert.DoesNotContain(signedOn.State.VisitedPath, v => v.NodeId == "retry");
        Assert.Null(await _harness.RetryCounters.GetAsync("alpha", "demo", "retry", default));
    }

    [Fact]
    public async Task Retry_OnUser_SuccessClearsTheCount()
    {
        var step = await FailOnce(await _harness.StartAsync(RetryLimit(onUser: true)));

        var result = await _harness.SubmitAsync(step, ("IDToken1", "demo"), ("IDToken2", "Ch4ng3it!"));

        Assert.IsType<JourneySuccess>(result);
        Assert.Null(await _harness.RetryCounters.GetAsync("alpha", "demo", "retry", default));
    }

    [Fact]
    public async Task Retry_SharedOnly_NewSessionStartsFromZero()
    {
        await FailOnce(await _harness.StartAsync(RetryLimit(onUser: false)));

        var second = await _harness.CreateEngine().StartAsync("RetryLimit", "alpha");
        second = await FailOnce(second);
        second = await FailOnce(second);

        Assert.IsType<JourneyStep>(second);
        Assert.Null(await _harness.RetryCounters.GetAsync("alpha", "demo", "retry", default));
    }
}
