using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Nodes;
using JourneyStudio.Runtime.Tests.Support;

namespace JourneyStudio.Runtime.Tests.Nodes;

public sealed class SetSuccessUrlNodeTests
{
    private readonly EngineHarness _harness = new();

    [Fact]
    public async Task Process_PutsTheUrlIntoSharedStateAndGoesOn()
    {
        var context = NodeContext.Create(new JourneyNode { Id = "s", NodeType = NodeTypeIds.SetSuccessUrl });

        var result = await new SetSuccessUrlNodeProcessor().ProcessAsync(context, new SetSuccessUrlConfig { SuccessUrl = "https://app.example.com/" });

        Assert.Equal(SetSuccessUrlDescriptor.Outcome, result.Outcome);
        Assert.Equal("https://app.example.com/", context.GetSharedString("successUrl"));
    }

    [Fact]
    public async Task Journey_EndingInSuccess_ReportsTheUrl_AndFailureDoesNot()
    {
        var journey = J.Journey("Url", "url",
            J.Node("url", NodeTypeIds.SetSuccessUrl, new { outcome = "check" }, ("successUrl", "/welcome")),
            J.Node("check", NodeTypeIds.DataStoreDecision, new { @true = J.Success, @false = J.Failure }));

        var failure = await _harness.StartAsync(journey);

        // No credentials: Data Store Decision says false, so the URL set on the way is not used.
        Assert.IsType<JourneyFailure>(failure);
        Assert.Equal("/welcome", (string?)failure.State.SharedState["successUrl"]);
        var success = await _harness.StartAsync(J.Journey("Url2", "url", J.Node("url", NodeTypeIds.SetSuccessUrl, new { outcome = J.Success }, ("successUrl", "/welcome"))));
        Assert.Equal("/welcome", Assert.IsType<JourneySuccess>(success).SuccessUrl);
    }

    [Fact]
    public async Task NoUrlConfigured_FailsTheJourneyWithTheReason()
    {
        var result = await _harness.StartAsync(J.Journey("Url", "url", J.Node("url", NodeTypeIds.SetSuccessUrl, new { outcome = J.Success })));

        Assert.Equal("Node 'url' (SetSuccessUrlNode url) in journey 'Url' failed: Success URL: no URL is configured.", Assert.IsType<JourneyFailure>(result).Reason);
    }
}
