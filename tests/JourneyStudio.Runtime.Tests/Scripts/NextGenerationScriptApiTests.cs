using System.Net;
using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Scripts;
using JourneyStudio.Runtime.Scripts;

namespace JourneyStudio.Runtime.Tests.Scripts;

/// <summary>The next-generation (evaluator 2.0) bindings, and httpClient in both APIs.</summary>
public sealed class NextGenerationScriptApiTests
{
    private const string V2 = ScriptDefinition.NextGenerationEvaluator;
    private readonly ScriptHarness _harness = new();

    [Fact]
    public void NodeState_GetReturnsPlainValues_PutSharedAndPutTransientWrite()
    {
        var decision = _harness.Run("""
            var level = nodeState.get("level");
            nodeState.putShared("level", level + 1).putTransient("otp", "123456");
            action.goTo(nodeState.get("missing") === null && typeof level === "number" ? "true" : "false");
            """, V2, shared: new JsonObject { ["level"] = 1 });

        Assert.Equal("true", decision.Outcome);
        Assert.Equal(2, (int?)decision.SharedState["level"]);
        Assert.Equal("123456", (string?)decision.TransientState["otp"]);
    }

    private const string AskEverything = """
        if (callbacks.isEmpty()) {
            callbacksBuilder.nameCallback("User name", "guest");
            callbacksBuilder.passwordCallback("Password", false);
            callbacksBuilder.textInputCallback("Nickname");
            callbacksBuilder.choiceCallback("Colour", ["red", "green", "blue"], 0, false);
            callbacksBuilder.confirmationCallback(0, ["OK", "Cancel"], 0);
            callbacksBuilder.hiddenValueCallback("device", "d-1");
            callbacksBuilder.textOutputCallback(0, "Welcome");
        } else {
            nodeState.putShared("username", callbacks.getNameCallbacks()[0]);
            nodeState.putTransient("password", callbacks.getPasswordCallbacks()[0]);
            nodeState.putShared("nick", callbacks.getTextInputCallbacks()[0]);
            nodeState.putShared("colour", ["red", "green", "blue"][callbacks.getChoiceCallbacks()[0][0]]);
            nodeState.putShared("confirmed", callbacks.getConfirmationCallbacks()[0]);
            nodeState.putShared("device", callbacks.getHiddenValueCallbacks()["device"]);
            action.goTo("true");
        }
        """;

    [Fact]
    public void CallbacksBuilder_SendsEveryCallbackTypeInAmsShape()
    {
        var callbacks = _harness.Run(AskEverything, V2).Callbacks!;

        Assert.Equal(["NameCallback", "PasswordCallback", "TextInputCallback", "ChoiceCallback", "ConfirmationCallback", "HiddenValueCallback", "TextOutputCallback"],
            callbacks.Select(c => c.Type));
        Assert.Equal("guest", callbacks[0].GetInputString());
        Assert.Equal(["OK", "Cancel"], callbacks[4].GetOutput("options")!.Value.EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Welcome", callbacks[6].GetOutputString("message"));
    }

    [Fact]
    public void Callbacks_OnResubmit_ReadEachTypesAnswers()
    {
        var sent = _harness.Run(AskEverything, V2).Callbacks!;

        var decision = _harness.Run(AskEverything, V2, callbacks: ScriptHarness.Answer(sent, "ann", "Secret-1", "annie", 2, 1, "d-9"));

        Assert.Equal("true", decision.Outcome);
        Assert.Equal(("ann", "annie", "blue", 1, "d-9"),
            ((string?)decision.SharedState["username"], (string?)decision.SharedState["nick"], (string?)decision.SharedState["colour"],
             (int?)decision.SharedState["confirmed"], (string?)decision.SharedState["device"]));
        Assert.Equal("Secret-1", (string?)decision.TransientState["password"]);
    }

    [Fact]
    public void ActionGoTo_WithErrorMessage_TakesTheOutcomeAndKeepsTheMessage()
    {
        var decision = _harness.Run("action.goTo(\"false\").withErrorMessage(\"Your account needs attention.\");", V2);

        Assert.Equal("false", decision.Outcome);
        Assert.Equal("Your account needs attention.", decision.ErrorMessage);
    }

    [Fact]
    public void IdRepository_GetIdentity_ReadsAndSetsAttributes()
    {
        var identity = new ScriptIdentity("ann", new Dictionary<string, IReadOnlyList<string>> { ["mail"] = ["ann@example.com"], ["sn"] = ["Smith"] });

        var decision = _harness.Run("""
            var user = idRepository.getIdentity("ann");
            user.setAttribute("mail", ["ann@example.org"]);
            user.store();
            action.goTo(user.getAttributeValues("sn")[0] + "|" + user.getAttributeValues("mail")[0] + "|" + (idRepository.getIdentity("bob") === null));
            """, V2, identity: identity);

        Assert.Equal("Smith|ann@example.org|true", decision.Outcome);
        Assert.Equal(("mail", "ann@example.org"), (decision.IdentityWrites.Single().Attribute, decision.IdentityWrites.Single().Values.Single()));
    }

    [Fact]
    public void HttpClient_NextGeneration_SendsToAnAllowedHost_AndReadsTheResponse()
    {
        _harness.Http.Respond = (_, _) => new HttpResponseMessage(HttpStatusCode.Created) { Content = new StringContent("{\"id\":7}") };

        var decision = _harness.Run("""
            var response = httpClient.send("https://api.example.com/users", {
                method: "POST", headers: { "Content-Type": "application/json", "X-Key": "k" }, body: { name: "ann" }
            }).get();
            action.goTo(response.status + "|" + response.json().id + "|" + response.ok);
            """, V2);

        Assert.Equal("201|7|true", decision.Outcome);
        var (request, body) = Assert.Single(_harness.Http.Requests);
        Assert.Equal((HttpMethod.Post, "https://api.example.com/users"), (request.Method, request.RequestUri!.ToString()));
        Assert.Equal("{\"name\":\"ann\"}", body);
        Assert.Equal("k", request.Headers.GetValues("X-Key").Single());
    }

    [Fact]
    public void HttpClient_Legacy_SendsAForgeRockRequest()
    {
        var decision = _harness.Run("""
            var request = new org.forgerock.http.protocol.Request();
            request.setUri("https://api.example.com/check").setMethod("POST");
            request.getHeaders().add("Content-Type", "application/x-www-form-urlencoded");
            request.getEntity().setString("user=ann");
            var response = httpClient.send(request).get();
            outcome = response.getStatus().getCode() === 200 && JSON.parse(response.getEntity().getString()).ok ? "true" : "false";
            """);

        Assert.Equal("true", decision.Outcome);
        Assert.Equal("user=ann", _harness.Http.Requests.Single().Body);
    }

    [Fact]
    public void HttpClient_ToAHostNotListed_FailsTheScript_AndSendsNothing()
    {
        var failure = _harness.Fails("var r = httpClient.send(\"https://evil.example.net/steal\").get();\naction.goTo(\"true\");", V2);

        Assert.Equal(ScriptFailureKind.RuntimeError, failure.Kind);
        Assert.Contains("evil.example.net", failure.Message);
        Assert.Contains("HttpAllowedHosts", failure.Message);
        Assert.Equal(1, failure.Line);
        Assert.Empty(_harness.Http.Requests);
    }

    [Fact]
    public void HttpClient_AHostThatDoesNotAnswer_FailsAfterTheTimeout()
    {
        _harness.Options.HttpTimeout = TimeSpan.FromMilliseconds(100);
        _harness.Http.Respond = (_, token) =>
        {
            token.WaitHandle.WaitOne(); // answers only when the runner gives up
            token.ThrowIfCancellationRequested();
            return new HttpResponseMessage(HttpStatusCode.OK);
        };

        var failure = _harness.Fails("httpClient.send(\"https://api.example.com/slow\").get();\naction.goTo(\"true\");", V2);

        Assert.Contains("did not answer within", failure.Message);
    }

    [Fact]
    public void AllowedHosts_MatchExactNamesAndSubdomainWildcards()
    {
        var options = new ScriptingOptions { HttpAllowedHosts = ["api.example.com", "*.partner.test"] };

        Assert.True(options.AllowsHost("API.example.com"));
        Assert.True(options.AllowsHost("id.partner.test"));
        Assert.False(options.AllowsHost("partner.test"));
        Assert.False(options.AllowsHost("api.example.com.evil.test"));
        Assert.False(options.AllowsHost("evilpartner.test"));
    }
}
