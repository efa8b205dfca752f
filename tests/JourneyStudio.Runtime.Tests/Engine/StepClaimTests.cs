using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Tests.Support;

namespace JourneyStudio.Runtime.Tests.Engine;

/// <summary>
/// The engine claims a step before anything that may reach beyond the sign-on's own state, and only then: optimistic
/// nodes (collectors, waits) run unclaimed, any other node runs only once the claim is held, and a lost claim stops the run.
/// </summary>
public sealed class StepClaimTests
{
    [Fact]
    public async Task PollingWaitResubmit_RunsWithoutClaimingTheStep()
    {
        var harness = new EngineHarness();
        var journey = J.Journey("Wait", "wait", J.Node("wait", NodeTypeIds.PollingWait, new { DONE = J.Success }, ("secondsToWait", 60)));
        var (state, submitted) = EngineHarness.Answer(await harness.StartAsync(journey));
        var claim = new RecordingClaim(grants: true);

        var result = await harness.CreateEngine().ContinueAsync(state, new ResolvedJourney(journey, 1), submitted, claim);

        Assert.IsType<JourneyStep>(result);
        Assert.Equal(0, claim.Attempts);
    }

    [Fact]
    public async Task NodeWithoutTheOptimisticMarker_RunsOnlyAfterTheClaimIsHeld()
    {
        var claim = new RecordingClaim(grants: true);
        bool? claimedWhenRun = null;
        var harness = new EngineHarness();
        harness.ExtraProcessors.Add(new DelegateProcessor(NodeTypeIds.SetSuccessUrl, _ => { claimedWhenRun = claim.IsClaimed; return NodeResult.Goto("outcome"); }));
        var journey = J.Journey("Effect", "user",
            J.Node("user", NodeTypeIds.UsernameCollector, new { outcome = "effect" }),
            J.Node("effect", NodeTypeIds.SetSuccessUrl, new { outcome = J.Success }));
        var (state, submitted) = EngineHarness.Answer(await harness.StartAsync(journey), ("IDToken1", "ann"));

        var result = await harness.CreateEngine().ContinueAsync(state, new ResolvedJourney(journey, 1), submitted, claim);

        Assert.IsType<JourneySuccess>(result);
        Assert.True(claimedWhenRun);
        Assert.Equal(1, claim.Attempts);
    }

    [Fact]
    public async Task ClaimLostToAnotherSubmission_TheNodeDoesNotRun_AndTheRunStops()
    {
        var ran = false;
        var harness = new EngineHarness();
        harness.ExtraProcessors.Add(new DelegateProcessor(NodeTypeIds.SetSuccessUrl, _ => { ran = true; return NodeResult.Goto("outcome"); }));
        var journey = J.Journey("Effect", "user",
            J.Node("user", NodeTypeIds.UsernameCollector, new { outcome = "effect" }),
            J.Node("effect", NodeTypeIds.SetSuccessUrl, new { outcome = J.Success }));
        var (state, submitted) = EngineHarness.Answer(await harness.StartAsync(journey), ("IDToken1", "ann"));

        await Assert.ThrowsAsync<StepClaimLostException>(async () =>
            await harness.CreateEngine().ContinueAsync(state, new ResolvedJourney(journey, 1), submitted, new RecordingClaim(grants: false)));

        Assert.False(ran);
    }

    private sealed class RecordingClaim(bool grants) : IStepClaim
    {
        public int Attempts { get; private set; }

        public bool IsClaimed { get; private set; }

        public ValueTask<bool> ClaimAsync(CancellationToken cancellationToken)
        {
            if (IsClaimed) return ValueTask.FromResult(true);
            Attempts++;
            IsClaimed = grants;
            return ValueTask.FromResult(grants);
        }
    }
}
