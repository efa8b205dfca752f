using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Tests.Support;

namespace JourneyStudio.Runtime.Tests.Nodes;

public sealed class CollectorAndDecisionNodeTests
{
    private readonly EngineHarness _harness = new();

    [Fact]
    public async Task UsernameCollector_EmptyName_AsksAgainWithAmPrompt()
    {
        var journey = J.Journey("Name", "user", J.Node("user", "UsernameCollectorNode", new { outcome = J.Success }));
        var step = await _harness.StartAsync(journey);
        Assert.Equal("User Name", Assert.IsType<JourneyStep>(step).Callbacks[0].GetOutputString("prompt"));

        var result = await _harness.SubmitAsync(step, ("IDToken1", ""));

        Assert.Equal(["NameCallback"], EngineHarness.Types(result));
    }

    [Fact]
    public async Task ValidatedUsername_WritesUsernameAndConfiguredAttribute()
    {
        var journey = J.Journey("Name", "user", J.Node("user", "ValidatedUsernameNode", new { outcome = J.Success }, ("usernameAttribute", "mail")));
        var step = await _harness.StartAsync(journey);
        Assert.Equal("Username", Assert.IsType<JourneyStep>(step).Callbacks[0].GetOutputString("prompt"));

        var result = await _harness.SubmitAsync(step, ("IDToken1", "demo@example.com"));

        Assert.Equal("demo@example.com", Assert.IsType<JourneySuccess>(result).Username);
        Assert.Equal("demo@example.com", (string?)result.State.SharedState["objectAttributes"]!["mail"]);
    }

    [Fact]
    public async Task ValidatedPassword_KeepsPasswordTransient()
    {
        string? objectAttributePassword = null;
        _harness.ExtraProcessors.Add(new DelegateProcessor(NodeTypeIds.SetSuccessUrl, c =>
        {
            objectAttributePassword = (string?)c.TransientState["objectAttributes"]?["password"];
            return NodeResult.Goto(SetSuccessUrlDescriptor.Outcome);
        }));
        var journey = J.Journey("Pass", "pass",
            J.Node("pass", "ValidatedPasswordNode", new { outcome = "peek" }),
            J.Node("peek", NodeTypeIds.SetSuccessUrl, new { outcome = J.Success }));

        var result = await _harness.SubmitAsync(await _harness.StartAsync(journey), ("IDToken1", "S3cret-Pa55"));

        Assert.IsType<JourneySuccess>(result);
        Assert.Equal("S3cret-Pa55", objectAttributePassword);
        Assert.DoesNotContain("S3cret-Pa55", result.State.ToJson());
    }

    [Fact]
    public async Task DataStoreDecision_NoPassword_FalseWithoutAskingTheStore()
    {
        var journey = J.Journey("NoPass", "user",
            J.Node("user", "UsernameCollectorNode", new { outcome = "check" }),
            J.Node("check", "DataStoreDecisionNode", new { @true = J.Success, @false = J.Failure }));

        var result = await _harness.SubmitAsync(await _harness.StartAsync(journey), ("IDToken1", "demo"));

        Assert.Equal(new VisitedNode("NoPass", "check", "false"), Assert.IsType<JourneyFailure>(result).State.VisitedPath[^1]);
        Assert.Empty(_harness.Identities.Calls);
    }

    [Fact]
    public async Task DataStoreDecision_UnknownUser_False()
    {
        var journey = J.Journey("Login", "page",
            J.Page("page", new { outcome = "check" }, [J.Node("user", "UsernameCollectorNode"), J.Node("pass", "PasswordCollectorNode")]),
            J.Node("check", "DataStoreDecisionNode", new { @true = J.Success, @false = J.Failure }));

        var result = await _harness.SubmitAsync(await _harness.StartAsync(journey), ("IDToken1", "nobody"), ("IDToken2", "Ch4ng3it!"));

        Assert.IsType<JourneyFailure>(result);
    }
}
