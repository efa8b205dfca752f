using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Tests.Support;

namespace JourneyStudio.Runtime.Tests.Nodes;

public sealed class AttributeCollectorNodeTests
{
    private readonly EngineHarness _harness = new();

    private static Journey Collector(bool required, bool validate, params string[] attributes) =>
        J.Journey("Collect", "collect", J.Node("collect", NodeTypeIds.AttributeCollector, new { outcome = J.Success },
            ("attributesToCollect", attributes), ("required", required), ("validateInputs", validate), ("identityAttribute", "userName")));

    [Fact]
    public async Task FirstPass_SendsOneTypedCallbackPerAttribute_InAmsOutputOrder()
    {
        var step = Assert.IsType<JourneyStep>(await _harness.StartAsync(Collector(true, true, "mail", "preferences/marketing")));

        Assert.Equal(["StringAttributeInputCallback", "BooleanAttributeInputCallback"], step.Callbacks.Select(c => c.Type));
        var mail = step.Callbacks[0];
        Assert.Equal(["name", "prompt", "required", "policies", "failedPolicies", "validateOnly", "value"], mail.Outputs.Select(o => o.Name));
        Assert.Equal("mail", mail.GetOutputString("name"));
        Assert.Equal("Email Address", mail.GetOutputString("prompt"));
        Assert.True(mail.GetOutput("required")!.Value.GetBoolean());
        var policies = JsonNode.Parse(mail.GetOutput("policies")!.Value.GetRawText())!;
        Assert.Equal("mail", (string?)policies["name"]);
        Assert.Equal(["REQUIRED", "VALID_TYPE", "VALID_EMAIL_ADDRESS_FORMAT", "MAX_LENGTH"],
            policies["policyRequirements"]!.AsArray().Select(r => (string?)r));
        Assert.Equal(["", "validateOnly"], mail.Inputs.Select(i => i.NameSuffix));
        Assert.False(step.Callbacks[1].GetInput("")!.Value.GetBoolean());
    }

    [Fact]
    public async Task WithoutValidation_PoliciesAreAnEmptyObject()
    {
        var step = Assert.IsType<JourneyStep>(await _harness.StartAsync(Collector(false, false, "givenName")));

        Assert.Equal("{}", step.Callbacks[0].GetOutput("policies")!.Value.GetRawText());
        Assert.False(step.Callbacks[0].GetOutput("required")!.Value.GetBoolean());
    }

    [Fact]
    public async Task ValidValues_GoToObjectAttributesByPath()
    {
        var step = await _harness.StartAsync(Collector(true, true, "givenName", "preferences/marketing", "preferences/updates"));

        var result = await _harness.SubmitAsync(step, ("IDToken1", "Ada"), ("IDToken2", true), ("IDToken3", false));

        var attributes = Assert.IsType<JourneySuccess>(result).State.SharedState["objectAttributes"]!;
        Assert.Equal("Ada", (string?)attributes["givenName"]);
        Assert.True((bool)attributes["preferences"]!["marketing"]!);
        Assert.False((bool)attributes["preferences"]!["updates"]!);
    }

    [Fact]
    public async Task FailedPolicy_SendsTheCallbacksAgainWithFailedPoliciesAsJsonStrings()
    {
        var step = await _harness.StartAsync(Collector(true, true, "mail", "givenName"));

        var result = await _harness.SubmitAsync(step, ("IDToken1", "not-an-address"), ("IDToken2", "Ada"));

        var again = Assert.IsType<JourneyStep>(result);
        var failed = again.Callbacks[0].GetOutput("failedPolicies")!.Value;
        Assert.Equal(JsonValueKind.String, failed[0].ValueKind);
        Assert.Equal("VALID_EMAIL_ADDRESS_FORMAT", (string?)JsonNode.Parse(failed[0].GetString()!)!["policyRequirement"]);
        Assert.Equal("not-an-address", again.Callbacks[0].GetOutputString("value"));
        Assert.Equal(0, again.Callbacks[1].GetOutput("failedPolicies")!.Value.GetArrayLength());
        Assert.Null(again.State.SharedState["objectAttributes"]?["mail"]);
    }

    [Fact]
    public async Task MissingRequiredValue_FailsRequired_EvenWithoutValidation()
    {
        var step = await _harness.StartAsync(Collector(true, false, "sn"));

        var again = Assert.IsType<JourneyStep>(await _harness.SubmitAsync(step, ("IDToken1", "  ")));

        var failed = again.Callbacks[0].GetOutput("failedPolicies")!.Value;
        Assert.Equal("""{"policyRequirement":"REQUIRED"}""", failed[0].GetString());
    }

    [Fact]
    public async Task OptionalEmptyValue_ContinuesWithoutWritingIt()
    {
        var step = await _harness.StartAsync(Collector(false, true, "telephoneNumber"));

        var result = await _harness.SubmitAsync(step, ("IDToken1", ""));

        Assert.Null(Assert.IsType<JourneySuccess>(result).State.SharedState["objectAttributes"]?["telephoneNumber"]);
    }

    [Fact]
    public async Task ValidateOnly_ChecksWithoutMovingOn()
    {
        var step = await _harness.StartAsync(Collector(true, true, "mail"));

        var again = Assert.IsType<JourneyStep>(await _harness.SubmitAsync(step, ("IDToken1", "ada@example.com"), ("IDToken1validateOnly", true)));

        Assert.Equal(0, again.Callbacks[0].GetOutput("failedPolicies")!.Value.GetArrayLength());
        Assert.Equal("ada@example.com", again.Callbacks[0].GetInputString());
        Assert.Null(again.State.SharedState["objectAttributes"]?["mail"]);

        var done = await _harness.SubmitAsync(again, ("IDToken1validateOnly", false));
        Assert.Equal("ada@example.com", (string?)Assert.IsType<JourneySuccess>(done).State.SharedState["objectAttributes"]!["mail"]);
    }

    [Fact]
    public async Task NumberAttribute_SendsNumberCallbackAndTakesAnyNumber()
    {
        _harness.Schema = new IdentitySchema(new PasswordPolicyOptions(),
            [new IdentityAttribute("age", AttributeInputKind.Number, "Age", [])]);
        var step = Assert.IsType<JourneyStep>(await _harness.StartAsync(Collector(true, true, "age")));
        Assert.Equal(Callback.NumberAttributeInputType, step.Callbacks[0].Type);

        var result = await _harness.SubmitAsync(step, ("IDToken1", 41.5));

        Assert.Equal(41.5, (double)Assert.IsType<JourneySuccess>(result).State.SharedState["objectAttributes"]!["age"]!);
    }

    [Fact]
    public async Task UnknownAttribute_FailsTheJourneyNamingIt()
    {
        var result = await _harness.StartAsync(Collector(false, false, "shoeSize"));

        Assert.Contains("shoeSize", Assert.IsType<JourneyFailure>(result).Reason);
    }

    [Fact]
    public async Task ValueAlreadyInSharedState_IsPrefilled()
    {
        _harness.ExtraProcessors.Add(new DelegateProcessor(NodeTypeIds.SetSuccessUrl, c =>
        {
            c.SharedState["objectAttributes"] = new JsonObject { ["givenName"] = "Grace", ["preferences"] = new JsonObject { ["updates"] = true } };
            return NodeResult.Goto("outcome");
        }));
        var journey = J.Journey("Prefill", "seed",
            J.Node("seed", NodeTypeIds.SetSuccessUrl, new { outcome = "collect" }),
            J.Node("collect", NodeTypeIds.AttributeCollector, new { outcome = J.Success },
                ("attributesToCollect", new[] { "givenName", "preferences/updates" })));

        var step = Assert.IsType<JourneyStep>(await _harness.StartAsync(journey));

        Assert.Equal("Grace", step.Callbacks[0].GetInputString());
        Assert.True(step.Callbacks[1].GetInput("")!.Value.GetBoolean());
    }
}
