using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Tests.Support;

namespace JourneyStudio.Runtime.Tests.Nodes;

/// <summary>Platform Username and Password with validateInput: AM's create-form callbacks and the policy checks.</summary>
public sealed class PlatformCreateFormTests
{
    private readonly EngineHarness _harness = new();

    private static Journey Registration() => J.Journey("Register", "page",
        J.Page("page", new { outcome = J.Success },
        [
            J.Node("user", NodeTypeIds.PlatformUsername, null, ("validateInput", true), ("usernameAttribute", "userName")),
            J.Node("pass", NodeTypeIds.PlatformPassword, null, ("validateInput", true), ("passwordAttribute", "password")),
        ]));

    private static IReadOnlyList<string> Failed(Callback callback) =>
        callback.GetOutput("failedPolicies")!.Value.EnumerateArray().Select(f => (string)JsonNode.Parse(f.GetString()!)!["policyRequirement"]!).ToList();

    [Fact]
    public async Task FirstPass_SendsValidatedCreateCallbacksWithPolicies()
    {
        var step = Assert.IsType<JourneyStep>(await _harness.StartAsync(Registration()));

        Assert.Equal(["ValidatedCreateUsernameCallback", "ValidatedCreatePasswordCallback"], step.Callbacks.Select(c => c.Type));
        Assert.Equal(["policies", "failedPolicies", "validateOnly", "prompt"], step.Callbacks[0].Outputs.Select(o => o.Name));
        Assert.Equal(["echoOn", "policies", "failedPolicies", "validateOnly", "prompt"], step.Callbacks[1].Outputs.Select(o => o.Name));
        var usernamePolicies = JsonNode.Parse(step.Callbacks[0].GetOutput("policies")!.Value.GetRawText())!;
        Assert.Contains("UNIQUE", usernamePolicies["policyRequirements"]!.AsArray().Select(r => (string?)r));
        var passwordPolicies = JsonNode.Parse(step.Callbacks[1].GetOutput("policies")!.Value.GetRawText())!;
        Assert.Equal(8, (int)passwordPolicies["policies"]!.AsArray().Single(p => (string?)p!["policyId"] == "minimum-length")!["params"]!["minLength"]!);
    }

    [Fact]
    public async Task TakenUsername_FailsUnique_AndWeakPassword_FailsItsPolicies()
    {
        var step = await _harness.StartAsync(Registration());

        var again = Assert.IsType<JourneyStep>(await _harness.SubmitAsync(step, ("IDToken1", "DEMO"), ("IDToken2", "short")));

        Assert.Equal(["UNIQUE"], Failed(again.Callbacks[0]));
        Assert.Equal(["MIN_LENGTH", "AT_LEAST_X_CAPITAL_LETTERS", "AT_LEAST_X_NUMBERS"], Failed(again.Callbacks[1]));
        Assert.Equal("DEMO", again.Callbacks[0].GetInputString());
        Assert.Equal("", again.Callbacks[1].GetInputString());
        Assert.DoesNotContain("short", again.State.ToJson());
    }

    [Fact]
    public async Task PasswordContainingTheUsername_FailsCannotContainOthers()
    {
        var step = await _harness.StartAsync(Registration());

        var again = Assert.IsType<JourneyStep>(await _harness.SubmitAsync(step, ("IDToken1", "newbie"), ("IDToken2", "Xnewbie2024")));

        Assert.Empty(Failed(again.Callbacks[0]));
        Assert.Equal(["CANNOT_CONTAIN_OTHERS"], Failed(again.Callbacks[1]));
    }

    [Fact]
    public async Task FreeUsernameAndGoodPassword_ContinueAndKeepThePasswordTransient()
    {
        var step = await _harness.StartAsync(Registration());

        var result = await _harness.SubmitAsync(step, ("IDToken1", "newbie"), ("IDToken2", "Correct-Horse-9"));

        var success = Assert.IsType<JourneySuccess>(result);
        Assert.Equal("newbie", success.Username);
        Assert.Equal("newbie", (string?)success.State.SharedState["objectAttributes"]!["userName"]);
        Assert.DoesNotContain("Correct-Horse-9", success.State.ToJson());
    }

    [Fact]
    public async Task ValidateOnly_ReportsWithoutMovingOn()
    {
        var step = await _harness.StartAsync(Registration());

        var again = Assert.IsType<JourneyStep>(await _harness.SubmitAsync(step,
            ("IDToken1", "newbie"), ("IDToken1validateOnly", true), ("IDToken2", "Correct-Horse-9")));

        Assert.Empty(Failed(again.Callbacks[0]));
        Assert.Equal("newbie", again.Callbacks[0].GetInputString());
    }

    [Fact]
    public async Task WithoutValidateInput_ThePlainCallbacksAreSent()
    {
        var journey = J.Journey("Plain", "user", J.Node("user", NodeTypeIds.PlatformUsername, new { outcome = J.Success }));

        Assert.Equal(["NameCallback"], EngineHarness.Types(await _harness.StartAsync(journey)));
        Assert.Equal(PlatformUsernameDescriptor.Outcome, "outcome");
    }
}
