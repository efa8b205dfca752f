using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Tests.Support;

namespace JourneyStudio.Runtime.Tests.Engine;

public sealed class PageNodeTests
{
    private readonly EngineHarness _harness = new();

    private static Journey PlatformLogin(params (string, object?)[] pageConfig) => J.Journey("PlatformLogin", "page",
        J.Page("page", new { outcome = "check" },
        [
            J.Node("name", "ValidatedUsernameNode", config: ("usernameAttribute", "userName")),
            J.Node("secret", "ValidatedPasswordNode"),
        ], pageConfig),
        J.Node("check", "DataStoreDecisionNode", new { @true = J.Success, @false = J.Failure }));

    [Fact]
    public async Task Page_FirstPass_SendsAllChildCallbacksAsOneStepNumberedAcrossTheStep()
    {
        var result = await _harness.StartAsync(PlatformLogin(
            ("pageHeader", new Dictionary<string, string> { ["fr"] = "Connexion", ["en"] = "Sign In" }),
            ("pageDescription", new Dictionary<string, string> { ["de"] = "Willkommen" }),
            ("stage", "UsernamePassword")));

        var step = Assert.IsType<JourneyStep>(result);
        Assert.Equal(
            """{"authId":"x","callbacks":[{"type":"NameCallback","output":[{"name":"prompt","value":"Username"}],"input":[{"name":"IDToken1","value":""}],"_id":0},{"type":"PasswordCallback","output":[{"name":"prompt","value":"Password"}],"input":[{"name":"IDToken2","value":""}],"_id":1}],"header":"Sign In","description":"Willkommen","stage":"UsernamePassword"}""",
            StepSerializer.Serialize("x", step.Callbacks, step.Header, step.Description, step.Stage));
        Assert.Equal([0, 1], step.State.PageCallbackOwners);
    }

    [Fact]
    public async Task Page_Submit_RoutesEachInputToItsChildAndTakesTheLastChildsOutcome()
    {
        var step = await _harness.StartAsync(PlatformLogin());

        var result = await _harness.SubmitAsync(step, ("IDToken1", "demo"), ("IDToken2", "Ch4ng3it!"));

        var success = Assert.IsType<JourneySuccess>(result);
        Assert.Equal("demo", success.Username);
        Assert.Equal("demo", (string?)success.State.SharedState["objectAttributes"]!["userName"]);
        Assert.Equal(
            [new VisitedNode("PlatformLogin", "name", "outcome"), new VisitedNode("PlatformLogin", "secret", "outcome"),
             new VisitedNode("PlatformLogin", "page", "outcome"), new VisitedNode("PlatformLogin", "check", "true")],
            success.State.VisitedPath);
    }

    [Fact]
    public async Task Page_OneChildAsksAgain_ResendsThePageKeepingTheOtherAnswer()
    {
        var step = await _harness.StartAsync(PlatformLogin());

        var again = await _harness.SubmitAsync(step, ("IDToken1", "demo"), ("IDToken2", ""));

        var resent = Assert.IsType<JourneyStep>(again);
        Assert.Equal(["NameCallback", "PasswordCallback"], resent.Callbacks.Select(c => c.Type));
        Assert.Equal("demo", resent.Callbacks[0].GetInputString());
        var done = await _harness.SubmitAsync(again, ("IDToken2", "Ch4ng3it!"));
        Assert.IsType<JourneySuccess>(done);
    }

    [Fact]
    public async Task Page_ResentAfterPasswordWasGiven_BlanksThePasswordAndDoesNotStoreIt()
    {
        var step = await _harness.StartAsync(PlatformLogin());

        var again = await _harness.SubmitAsync(step, ("IDToken1", ""), ("IDToken2", "S3cret-Pa55"));

        var resent = Assert.IsType<JourneyStep>(again);
        Assert.Equal("", resent.Callbacks[1].GetInputString());
        Assert.DoesNotContain("S3cret-Pa55", resent.State.ToJson());
    }

    [Fact]
    public async Task Page_ChildWithSeveralCallbacks_GetsBackExactlyItsOwn()
    {
        IReadOnlyList<Callback>? received = null;
        _harness.ExtraProcessors.Add(new DelegateProcessor(NodeTypeIds.Message, c =>
        {
            if (c.Callbacks is null)
                return NodeResult.Send(Callback.TextOutput("Accept the terms?"), Callback.Confirmation(["Yes", "No"], 1));
            received = c.Callbacks;
            return NodeResult.Goto(MessageNodeDescriptor.Decide(c.GetCallback(Callback.ConfirmationType)!.GetInputInt32() == 0));
        }));
        var journey = J.Journey("Terms", "page",
            J.Page("page", new { @true = J.Success, @false = J.Failure },
            [
                J.Node("name", "UsernameCollectorNode"),
                J.Node("terms", NodeTypeIds.Message),
            ]));
        var step = await _harness.StartAsync(journey);
        Assert.Equal([0, 1, 1], step.State.PageCallbackOwners);

        var result = await _harness.SubmitAsync(step, ("IDToken1", "demo"), ("IDToken3", 0));

        Assert.IsType<JourneySuccess>(result);
        Assert.Equal(["TextOutputCallback", "ConfirmationCallback"], received!.Select(c => c.Type));
        Assert.Equal("demo", ((JourneySuccess)result).Username);
    }

    [Fact]
    public async Task Page_LastChildDecides_PageTakesItsOutcome()
    {
        var journey = J.Journey("Terms", "page",
            J.Page("page", new { @true = J.Success, @false = J.Failure }, [J.Node("name", "UsernameCollectorNode"), J.Node("terms", NodeTypeIds.Message)]));

        // The Message node sends a TextOutputCallback (IDToken2) and a ConfirmationCallback (IDToken3); 1 is the negative answer.
        var result = await _harness.SubmitAsync(await _harness.StartAsync(journey), ("IDToken1", "demo"), ("IDToken3", 1));

        Assert.IsType<JourneyFailure>(result);
        Assert.Equal(new VisitedNode("Terms", "page", "false"), result.State.VisitedPath[^1]);
    }

    [Fact]
    public async Task Page_WithoutChildren_Fails()
    {
        var result = await _harness.StartAsync(J.Journey("Empty", "page", J.Page("page", new { outcome = J.Success }, [])));

        Assert.Contains("has no nodes in it", Assert.IsType<JourneyFailure>(result).Reason);
    }

    [Fact]
    public async Task Page_ChildrenSendOnlyMetadata_PageMovesOnWithTheLastOutcome()
    {
        // A stand-in for a node that sends only metadata (AM's State Metadata node), followed by one that just goes on.
        _harness.ExtraProcessors.Add(new DelegateProcessor(NodeTypeIds.DeviceProfileCollector, _ =>
            NodeResult.Send(Callback.Metadata(System.Text.Json.JsonDocument.Parse("{\"x\":1}").RootElement))));
        var journey = J.Journey("Meta", "page",
            J.Page("page", new { outcome = J.Success },
                [J.Node("meta", NodeTypeIds.DeviceProfileCollector), J.Node("pass", NodeTypeIds.SetSuccessUrl, null, ("successUrl", "/meta"))]));

        var result = await _harness.StartAsync(journey);

        Assert.IsType<JourneySuccess>(result);
    }
}
