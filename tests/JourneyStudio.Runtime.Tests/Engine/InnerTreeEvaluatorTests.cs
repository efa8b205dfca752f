using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Tests.Support;

namespace JourneyStudio.Runtime.Tests.Engine;

public sealed class InnerTreeEvaluatorTests
{
    private readonly EngineHarness _harness = new();

    private static Journey ChildLogin(string name = "ChildLogin") => J.Journey(name, "page",
        J.Page("page", new { outcome = "check" },
            [J.Node("name", "ValidatedUsernameNode"), J.Node("secret", "ValidatedPasswordNode")],
            ("pageHeader", new Dictionary<string, string> { ["en"] = "Child sign-in" }), ("stage", "Child")),
        J.Node("check", "DataStoreDecisionNode", new { @true = J.Success, @false = J.Failure }))
        with { Settings = new JourneySettings { InnerTreeOnly = true } };

    private static Journey Parent(string child = "ChildLogin", bool displayError = false, object? connections = null) => J.Journey("Parent", "inner",
        J.Node("inner", "InnerTreeEvaluatorNode", connections ?? new { @true = J.Success, @false = "after-false" },
            ("tree", child), ("displayErrorOutcome", displayError)),
        J.Node("after-false", "UsernameCollectorNode", new { outcome = J.Failure }));

    [Fact]
    public async Task Inner_ChildNeedsInput_PassesItsCallbacksAndHeaderThrough()
    {
        var result = await _harness.StartAsync(Parent(), ChildLogin());

        var step = Assert.IsType<JourneyStep>(result);
        Assert.Equal(["NameCallback", "PasswordCallback"], step.Callbacks.Select(c => c.Type));
        Assert.Equal("Child sign-in", step.Header);
        Assert.Equal("Child", step.Stage);
        Assert.Equal("inner", step.State.CurrentNodeId);
        Assert.Null(step.State.PageCallbackOwners);
        var frame = Assert.Single(step.State.InnerJourneys);
        Assert.Equal(("inner", "ChildLogin", 1, "page"), (frame.HostNodeId, frame.JourneyName, frame.Revision, frame.CurrentNodeId));
        Assert.Equal([0, 1], frame.PageCallbackOwners);
    }

    [Fact]
    public async Task Inner_ChildSucceeds_ParentTakesTrueWithTheChildsSharedState()
    {
        var step = await _harness.StartAsync(Parent(), ChildLogin());

        var result = await _harness.SubmitAsync(step, ("IDToken1", "demo"), ("IDToken2", "Ch4ng3it!"));

        var success = Assert.IsType<JourneySuccess>(result);
        Assert.Equal("demo", success.Username);
        Assert.Empty(success.State.InnerJourneys);
        Assert.Equal(new VisitedNode("Parent", "inner", "true"), success.State.VisitedPath[^1]);
    }

    [Fact]
    public async Task Inner_ChildFails_ParentTakesFalse()
    {
        var step = await _harness.StartAsync(Parent(), ChildLogin());

        var result = await _harness.SubmitAsync(step, ("IDToken1", "demo"), ("IDToken2", "wrong"));

        // "after-false" asks for a name: the parent continued on its own false branch.
        var next = Assert.IsType<JourneyStep>(result);
        Assert.Equal("after-false", next.State.CurrentNodeId);
        Assert.Empty(next.State.InnerJourneys);
        Assert.Contains(new VisitedNode("Parent", "inner", "false"), next.State.VisitedPath);
        Assert.Contains(new VisitedNode("ChildLogin", "check", "false"), next.State.VisitedPath);
    }

    [Fact]
    public async Task Inner_ChildSeesParentsTransientPassword()
    {
        var parent = J.Journey("Parent", "user",
            J.Node("user", "UsernameCollectorNode", new { outcome = "pass" }),
            J.Node("pass", "PasswordCollectorNode", new { outcome = "inner" }),
            J.Node("inner", "InnerTreeEvaluatorNode", new { @true = J.Success, @false = J.Failure }, ("tree", "Verify")));
        var child = J.Journey("Verify", "check", J.Node("check", "DataStoreDecisionNode", new { @true = J.Success, @false = J.Failure }));
        var step2 = await _harness.SubmitAsync(await _harness.StartAsync(parent, child), ("IDToken1", "demo"));

        var result = await _harness.SubmitAsync(step2, ("IDToken1", "Ch4ng3it!"));

        Assert.IsType<JourneySuccess>(result);
    }

    [Fact]
    public async Task Inner_MissingChild_FailsTheJourney()
    {
        var result = await _harness.StartAsync(Parent(child: "Ghost"));

        Assert.StartsWith("Configured tree does not exist: journey 'Ghost'", Assert.IsType<JourneyFailure>(result).Reason);
    }

    [Fact]
    public async Task Inner_MissingChildWithErrorOutcome_TakesErrorAndRecordsTheMessage()
    {
        var journey = Parent(child: "Ghost", displayError: true, connections: new { @true = J.Success, @false = J.Failure, error = J.Failure });

        var result = await _harness.StartAsync(journey);

        var failure = Assert.IsType<JourneyFailure>(result);
        Assert.Equal(new VisitedNode("Parent", "inner", "error"), failure.State.VisitedPath[^1]);
        Assert.StartsWith("Configured tree does not exist", (string?)failure.State.SharedState["errorMessage"]);
        Assert.Equal("InnerTreeEvaluatorNode", (string?)failure.State.SharedState["errorNode"]!["type"]);
    }

    [Fact]
    public async Task Inner_DisabledChild_CannotRun()
    {
        var child = ChildLogin() with { Settings = new JourneySettings { Enabled = false } };

        var result = await _harness.StartAsync(Parent(), child);

        Assert.Contains("'ChildLogin' used by 'inner' (InnerTreeEvaluatorNode inner) in journey 'Parent' is disabled", Assert.IsType<JourneyFailure>(result).Reason);
    }

    [Fact]
    public async Task Inner_ChildBreaksWithErrorOutcomeOn_TakesError()
    {
        var broken = J.Journey("Broken", "user", J.Node("user", "UsernameCollectorNode"));
        var journey = Parent(child: "Broken", displayError: true, connections: new { @true = J.Success, @false = J.Failure, error = "after-error" })
            with { };
        journey = journey with { Nodes = [.. journey.Nodes, J.Node("after-error", "PasswordCollectorNode", new { outcome = J.Failure })] };
        var step = await _harness.StartAsync(journey, broken);

        var result = await _harness.SubmitAsync(step, ("IDToken1", "demo"));

        var next = Assert.IsType<JourneyStep>(result);
        Assert.Equal("after-error", next.State.CurrentNodeId);
        Assert.Contains("not connected", (string?)next.State.SharedState["errorMessage"]);
    }

    [Fact]
    public async Task Inner_JourneyIncludingItself_StopsAtTheDepthLimit()
    {
        var journey = J.Journey("Mirror", "inner", J.Node("inner", "InnerTreeEvaluatorNode", new { @true = J.Success, @false = J.Failure }, ("tree", "Mirror")));

        var result = await _harness.StartAsync(journey);

        Assert.Contains("nested deeper than 10 levels", Assert.IsType<JourneyFailure>(result).Reason);
    }
}
