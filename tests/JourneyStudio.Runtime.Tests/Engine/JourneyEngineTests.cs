using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;

namespace JourneyStudio.Runtime.Tests.Engine;

public sealed class JourneyEngineTests
{
    private readonly EngineHarness _harness = new();

    private static Journey Login(string name = "Login") => J.Journey(name, "user",
        J.Node("user", "UsernameCollectorNode", new { outcome = "pass" }),
        J.Node("pass", "PasswordCollectorNode", new { outcome = "check" }),
        J.Node("check", "DataStoreDecisionNode", new { @true = J.Success, @false = J.Failure }));

    [Fact]
    public async Task UsernamePassword_RightPassword_SucceedsWithUsername()
    {
        var step1 = await _harness.StartAsync(Login());
        Assert.Equal(["NameCallback"], EngineHarness.Types(step1));
        var step2 = await _harness.SubmitAsync(step1, ("IDToken1", "demo"));
        Assert.Equal(["PasswordCallback"], EngineHarness.Types(step2));

        var result = await _harness.SubmitAsync(step2, ("IDToken1", "Ch4ng3it!"));

        var success = Assert.IsType<JourneySuccess>(result);
        Assert.Equal("demo", success.Username);
        Assert.Equal(JourneySessionStatus.Succeeded, success.State.Status);
        Assert.Equal([("alpha", "demo")], _harness.Identities.Calls);
    }

    [Fact]
    public async Task UsernamePassword_WrongPassword_FailsAtFailureNode()
    {
        var step2 = await _harness.SubmitAsync(await _harness.StartAsync(Login()), ("IDToken1", "demo"));

        var result = await _harness.SubmitAsync(step2, ("IDToken1", "wrong"));

        var failure = Assert.IsType<JourneyFailure>(result);
        Assert.Contains("reached the Failure node", failure.Reason);
        Assert.Equal(JourneySessionStatus.Failed, failure.State.Status);
    }

    [Fact]
    public async Task Run_VisitedPath_ListsEachNodeWithTheOutcomeTaken()
    {
        var step2 = await _harness.SubmitAsync(await _harness.StartAsync(Login()), ("IDToken1", "demo"));

        var result = await _harness.SubmitAsync(step2, ("IDToken1", "Ch4ng3it!"));

        Assert.Equal(
            [new VisitedNode("Login", "user", "outcome"), new VisitedNode("Login", "pass", "outcome"), new VisitedNode("Login", "check", "true")],
            result.State.VisitedPath);
    }

    [Fact]
    public async Task Run_PasswordCollected_NeverAppearsInSerializedState()
    {
        var journey = J.Journey("Login", "user",
            J.Node("user", "UsernameCollectorNode", new { outcome = "pass" }),
            J.Node("pass", "PasswordCollectorNode", new { outcome = "wait" }),
            J.Node("wait", "PollingWaitNode", new { DONE = "check" }, ("secondsToWait", 5)),
            J.Node("check", "DataStoreDecisionNode", new { @true = J.Success, @false = J.Failure }));
        var step2 = await _harness.SubmitAsync(await _harness.StartAsync(journey), ("IDToken1", "demo"));

        var waiting = await _harness.SubmitAsync(step2, ("IDToken1", "S3cret-Pa55"));

        Assert.Equal(["PollingWaitCallback"], EngineHarness.Types(waiting));
        var stored = waiting.State.ToJson();
        Assert.DoesNotContain("S3cret-Pa55", stored);
        Assert.Contains("\"username\":\"demo\"", stored);
    }

    [Fact]
    public async Task Start_SetsRealmPathAndTimestamps()
    {
        var step = await _harness.StartAsync(Login());

        Assert.Equal("/alpha", (string?)step.State.SharedState["realm"]);
        Assert.Equal(_harness.Time.GetUtcNow(), step.State.StartedAt);
        Assert.Equal("user", step.State.CurrentNodeId);
        Assert.Equal(1, step.State.Revision);
    }

    [Fact]
    public async Task Start_UnknownJourney_FailsWithReason()
    {
        var result = await _harness.CreateEngine().StartAsync("Nope", "alpha");

        Assert.Equal("Journey 'Nope' does not exist.", Assert.IsType<JourneyFailure>(result).Reason);
    }

    [Fact]
    public async Task Start_DisabledJourney_Fails()
    {
        var journey = Login() with { Settings = new JourneySettings { Enabled = false } };

        var result = await _harness.StartAsync(journey);

        Assert.Equal("Journey 'Login' is disabled.", Assert.IsType<JourneyFailure>(result).Reason);
    }

    [Fact]
    public async Task Start_InnerTreeOnlyJourney_Fails()
    {
        var journey = Login() with { Settings = new JourneySettings { InnerTreeOnly = true } };

        var result = await _harness.StartAsync(journey);

        Assert.Contains("only run inside an Inner Tree Evaluator", Assert.IsType<JourneyFailure>(result).Reason);
    }

    [Fact]
    public async Task Continue_AfterJourneyWasEdited_StaysOnTheRevisionItStartedOn()
    {
        var step1 = await _harness.StartAsync(Login());
        // A new revision where the password step is gone and any name fails.
        _harness.Journeys.Save(J.Journey("Login", "user", J.Node("user", "UsernameCollectorNode", new { outcome = J.Failure })));

        var step2 = await _harness.SubmitAsync(step1, ("IDToken1", "demo"));

        Assert.Equal(["PasswordCallback"], EngineHarness.Types(step2));
    }

    [Fact]
    public async Task Continue_UnconnectedOutcome_FailsAndLogsJourneyNodeAndOutcome()
    {
        var journey = J.Journey("Login", "user",
            J.Node("user", "UsernameCollectorNode", new { outcome = "pass" }),
            J.Node("pass", "PasswordCollectorNode", new { outcome = "check" }),
            J.Node("check", "DataStoreDecisionNode", new { @true = J.Success }));
        var step2 = await _harness.SubmitAsync(await _harness.StartAsync(journey), ("IDToken1", "demo"));

        var result = await _harness.SubmitAsync(step2, ("IDToken1", "wrong"));

        var failure = Assert.IsType<JourneyFailure>(result);
        Assert.Equal("Node 'check' (DataStoreDecisionNode check) in journey 'Login' took outcome 'false', which is not connected to any node.", failure.Reason);
        var entry = Assert.Single(_harness.Log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("not connected"));
        Assert.Equal("Login", entry.Values["Journey"]);
        Assert.Equal("check", entry.Values["NodeId"]);
        Assert.Equal("false", entry.Values["Outcome"]);
    }

    [Fact]
    public async Task Start_NodeTypeWithoutProcessor_FailsWithReason()
    {
        var journey = J.Journey("Odd", "x", J.Node("x", "SocialProviderHandlerNode", new { outcome = J.Success }));

        var result = await _harness.StartAsync(journey);

        Assert.Contains("Node type 'SocialProviderHandlerNode'", Assert.IsType<JourneyFailure>(result).Reason);
        Assert.Contains("no processor is registered", ((JourneyFailure)result).Reason);
    }

    [Fact]
    public async Task Start_ProcessorThrows_FailsAndLogsTheException()
    {
        _harness.Identities.Failure = new InvalidOperationException("disk on fire");
        // With a username and a password in place, Data Store Decision asks the (failing) identity store.
        var step = await _harness.StartAsync(J.Journey("Boom", "user",
            J.Node("user", NodeTypeIds.UsernameCollector, new { outcome = "pass" }),
            J.Node("pass", NodeTypeIds.PasswordCollector, new { outcome = "b" }),
            J.Node("b", NodeTypeIds.DataStoreDecision, new { @true = J.Success, @false = J.Failure })));

        var result = await _harness.SubmitAsync(await _harness.SubmitAsync(step, ("IDToken1", "demo")), ("IDToken1", "pw"));

        Assert.Equal("Node 'b' (DataStoreDecisionNode b) in journey 'Boom' failed: disk on fire", Assert.IsType<JourneyFailure>(result).Reason);
        Assert.Contains(_harness.Log.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("disk on fire"));
    }

    [Fact]
    public async Task Run_ProcessorTakesAnOutcomeItsTypeDoesNotHave_FailsNamingTheOutcomes()
    {
        _harness.ExtraProcessors.Add(new DelegateProcessor(NodeTypeIds.SetSuccessUrl, _ => NodeResult.Goto("true")));
        var journey = J.Journey("Odd", "s", J.Node("s", NodeTypeIds.SetSuccessUrl, new { @true = J.Success, outcome = J.Success }, ("successUrl", "/done")));

        var result = await _harness.StartAsync(journey);

        Assert.Equal("Node 's' (SetSuccessUrlNode s) in journey 'Odd' took outcome 'true', which its node type does not have (its outcomes: outcome).",
            Assert.IsType<JourneyFailure>(result).Reason);
    }

    [Fact]
    public void Create_ProcessorForATypeTheCatalogueDoesNotDescribe_IsRefused()
    {
        var stray = new FreeProcessor();

        var refused = Assert.Throws<ArgumentException>(() => new JourneyEngine([stray], _harness.Journeys, _harness.Log));

        Assert.Contains("'FreeNode', which has no descriptor in the node catalogue", refused.Message);
    }

    [Fact]
    public void Create_ProcessorExpectingAnotherConfigThanItsDescriptorBinds_IsRefused()
    {
        var mismatched = new WrongConfigProcessor();

        var refused = Assert.Throws<ArgumentException>(() => new JourneyEngine([mismatched], _harness.Journeys, _harness.Log));

        Assert.Contains("expects NoConfig, but the descriptor of 'RetryLimitDecisionNode' binds RetryLimitDecisionConfig", refused.Message);
    }

    [Fact]
    public async Task Start_LoopWithoutCallbacks_StopsAtTheVisitBound()
    {
        _harness.Options.MaxNodeVisitsPerRequest = 50;
        var journey = J.Journey("Loop", "a",
            J.Node("a", NodeTypeIds.SetSuccessUrl, new { outcome = "b" }, ("successUrl", "/a")),
            J.Node("b", NodeTypeIds.SetSuccessUrl, new { outcome = "a" }, ("successUrl", "/b")));

        var result = await _harness.StartAsync(journey);

        Assert.Contains("more than 50 nodes without asking for input", Assert.IsType<JourneyFailure>(result).Reason);
        Assert.Equal(50, result.State.VisitedPath.Count);
    }

    [Fact]
    public async Task Start_EmptyJourney_FailsWithoutEntryNode()
    {
        var result = await _harness.StartAsync(J.Journey("Empty", ""));

        Assert.Contains("has no entry node", Assert.IsType<JourneyFailure>(result).Reason);
    }

    [Fact]
    public async Task Start_EntryIsSuccess_SucceedsWithoutUsername()
    {
        var result = await _harness.StartAsync(J.Journey("Open", J.Success));

        Assert.Null(Assert.IsType<JourneySuccess>(result).Username);
    }

    [Fact]
    public async Task Run_NodeAddsAuthType_SuccessReportsIt()
    {
        _harness.ExtraProcessors.Add(new DelegateProcessor(NodeTypeIds.SetSuccessUrl, c =>
        {
            c.AddAuthType("AuthenticatorPush");
            c.AddAuthType("AuthenticatorPush");
            return NodeResult.Goto(SetSuccessUrlDescriptor.Outcome);
        }));

        var result = await _harness.StartAsync(J.Journey("Push", "p", J.Node("p", NodeTypeIds.SetSuccessUrl, new { outcome = J.Success })));

        Assert.Equal(["AuthenticatorPush"], Assert.IsType<JourneySuccess>(result).AuthTypes);
    }

    [Fact]
    public async Task Run_ProcessorReceivesItsConfigRecord_StoredValuesAndDefaults()
    {
        PollingWaitConfig? seen = null;
        _harness.ExtraProcessors.Add(new DelegateProcessor(NodeTypeIds.PollingWait, (_, config) =>
        {
            seen = (PollingWaitConfig)config;
            return NodeResult.Goto(PollingWaitDescriptor.DoneOutcome);
        }));

        await _harness.StartAsync(J.Journey("Wait", "w", J.Node("w", NodeTypeIds.PollingWait, new { DONE = J.Success },
            ("secondsToWait", 12), ("waitingMessage", new Dictionary<string, string> { ["de"] = "Bitte warten" }))));

        Assert.Equal(12, seen!.SecondsToWait);
        Assert.Equal(3, seen.SpamDetectionTolerance); // absent: the record's default
        Assert.Equal("Bitte warten", seen.WaitingMessage.Resolve(["de-AT"]));
        Assert.Equal("Cancel", seen.ExitMessage.Resolve(["de"])); // empty map: the built-in text
    }

    [Fact]
    public async Task Run_SameRevisionOnEveryStep_BindsTheNodeConfigOnce()
    {
        var seen = new List<object>();
        _harness.ExtraProcessors.Add(new DelegateProcessor(NodeTypeIds.Message, (context, config) =>
        {
            seen.Add(config);
            return context.Callbacks is null
                ? NodeResult.Send(JourneyStudio.Runtime.Callbacks.Callback.Confirmation(["Again"]))
                : NodeResult.Goto(MessageNodeDescriptor.TrueOutcome);
        }));
        // The fake resolver hands out the same parsed journey for a revision, as the store's revision cache does.
        var journey = J.Journey("Twice", "m", J.Node("m", NodeTypeIds.Message, new { @true = J.Success, @false = J.Failure }));

        var step = await _harness.StartAsync(journey);
        await _harness.SubmitAsync(step, ("IDToken1", 0));

        Assert.Equal(2, seen.Count);
        Assert.Same(seen[0], seen[1]);
    }

    [Fact]
    public async Task Success_AfterSetSuccessUrl_CarriesTheUrl()
    {
        var result = await _harness.StartAsync(J.Journey("Url", "s",
            J.Node("s", NodeTypeIds.SetSuccessUrl, new { outcome = J.Success }, ("successUrl", "https://app.example.com/welcome"))));

        Assert.Equal("https://app.example.com/welcome", Assert.IsType<JourneySuccess>(result).SuccessUrl);
    }

    [Fact]
    public async Task Continue_CallbacksThatDoNotMatchTheStep_Fail()
    {
        var step = Assert.IsType<JourneyStep>(await _harness.StartAsync(Login()));

        var result = await _harness.CreateEngine().ContinueAsync(step.State, [Callback.Password("Password")]);

        Assert.Equal("The submitted callbacks do not match the step that was sent.", Assert.IsType<JourneyFailure>(result).Reason);
    }

    [Fact]
    public async Task Continue_EndedSession_Fails()
    {
        var done = await _harness.StartAsync(J.Journey("Open", J.Success));

        var result = await _harness.CreateEngine().ContinueAsync(done.State, []);

        Assert.Contains("has already ended", Assert.IsType<JourneyFailure>(result).Reason);
    }

    [Fact]
    public async Task Continue_DoesNotChangeTheCallersState()
    {
        var step1 = Assert.IsType<JourneyStep>(await _harness.StartAsync(Login()));
        var before = step1.State.ToJson();

        await _harness.CreateEngine().ContinueAsync(step1.State, [step1.Callbacks[0].WithInputValue(0, "demo")]);

        Assert.Equal(before, step1.State.ToJson());
    }

    [Fact]
    public async Task State_RoundTripsThroughJson()
    {
        var step2 = await _harness.SubmitAsync(await _harness.StartAsync(Login()), ("IDToken1", "demo"));

        var restored = JourneySessionState.FromJson(step2.State.ToJson());

        Assert.Equal(step2.State.ToJson(), restored.ToJson());
        Assert.Equal("PasswordCallback", restored.PendingCallbacks[0].Type);
        Assert.Equal("pass", restored.CurrentNodeId);
    }

    /// <summary>A processor for a type no descriptor describes: it could never get a config record.</summary>
    private sealed class FreeProcessor : INodeProcessor<NoConfig>
    {
        public string TypeId => "FreeNode";

        public ValueTask<NodeResult> ProcessAsync(NodeContext context, NoConfig config) => ValueTask.FromResult(NodeResult.Goto("outcome"));
    }

    /// <summary>A processor for Retry Limit Decision that expects another config than Retry Limit's descriptor binds.</summary>
    private sealed class WrongConfigProcessor : INodeProcessor<NoConfig>
    {
        public string TypeId => NodeTypeIds.RetryLimitDecision;

        public ValueTask<NodeResult> ProcessAsync(NodeContext context, NoConfig config) => ValueTask.FromResult(NodeResult.Goto("Retry"));
    }
}
