using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Nodes;
using JourneyStudio.Runtime.Tests.Support;

namespace JourneyStudio.Runtime.Tests.Nodes;

public sealed class MessageNodeTests
{
    private readonly EngineHarness _harness = new();

    private static Journey Message(params (string, object?)[] config) => J.Journey("Message", "m",
        J.Node("m", NodeTypeIds.Message, new { @true = J.Success, @false = J.Failure }, config));

    private static Dictionary<string, string> En(string text) => new() { ["en"] = text, ["de"] = text + " (de)" };

    [Fact]
    public async Task FirstPass_SendsTheMessageAndBothAnswers_NegativeAsTheDefault()
    {
        var step = Assert.IsType<JourneyStep>(await _harness.StartAsync(Message(
            ("message", En("Join our VIP program?")), ("messageYes", En("Yes, please!")), ("messageNo", En("No, thanks!")))));

        Assert.Equal([Callback.TextOutputType, Callback.ConfirmationType], step.Callbacks.Select(c => c.Type));
        Assert.Equal("Join our VIP program?", step.Callbacks[0].GetOutputString("message"));
        Assert.Equal("0", step.Callbacks[0].GetOutputString("messageType"));
        var confirmation = step.Callbacks[1];
        Assert.Equal("""["Yes, please!","No, thanks!"]""", confirmation.GetOutput("options")!.Value.GetRawText());
        Assert.Equal(1, confirmation.GetOutput("defaultOption")!.Value.GetInt32());
        Assert.Equal(1, confirmation.GetInputInt32());
    }

    [Fact]
    public async Task EmptyMaps_ShowAmsDefaultTexts()
    {
        var step = Assert.IsType<JourneyStep>(await _harness.StartAsync(Message()));

        Assert.Equal("Default message", step.Callbacks[0].GetOutputString("message"));
        Assert.Equal("""["Yes","No"]""", step.Callbacks[1].GetOutput("options")!.Value.GetRawText());
    }

    [Fact]
    public async Task Texts_FollowTheClientsLocale()
    {
        var processor = new MessageNodeProcessor();
        var config = new MessageNodeDescriptor().Bind(NodeConfig.FromObject([KeyValuePair.Create<string, object?>("message", En("Hello"))]));
        var context = NodeContext.Create(new JourneyNode { Id = "m", NodeType = NodeTypeIds.Message },
            request: new JourneyRequestInfo { PreferredLocales = ["de-DE"] });

        var sent = await processor.ProcessAsync(context, config);

        Assert.Equal("Hello (de)", sent.Callbacks![0].GetOutputString("message"));
    }

    [Theory]
    [InlineData(0, "true")]
    [InlineData(1, "false")]
    public async Task Answer_ChoosesTheOutcome(int chosen, string outcome)
    {
        var step = await _harness.StartAsync(Message());

        var result = await _harness.SubmitAsync(step, ("IDToken2", chosen));

        Assert.Equal(new VisitedNode("Message", "m", outcome), result.State.VisitedPath.Single());
    }

    [Fact]
    public async Task StateField_KeepsTheChosenIndexInSharedState()
    {
        var step = await _harness.StartAsync(Message(("stateField", "vipAnswer")));

        var result = await _harness.SubmitAsync(step, ("IDToken2", 0));

        Assert.Equal(0, (int)result.State.SharedState["vipAnswer"]!);
    }

    [Fact]
    public async Task WithoutStateField_StoresNothing()
    {
        var step = await _harness.StartAsync(Message());
        var before = step.State.SharedState.Count;

        var result = await _harness.SubmitAsync(step, ("IDToken2", 0));

        Assert.Equal(before, result.State.SharedState.Count);
    }
}
