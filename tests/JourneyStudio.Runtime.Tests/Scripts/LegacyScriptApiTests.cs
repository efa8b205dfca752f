using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Scripts;
using Microsoft.Extensions.Logging;

namespace JourneyStudio.Runtime.Tests.Scripts;

/// <summary>The legacy (evaluator 1.0) Scripted Decision bindings, as scripts written for AM use them.</summary>
public sealed class LegacyScriptApiTests
{
    private readonly ScriptHarness _harness = new();

    [Fact]
    public void Outcome_AssignedAsAGlobal_IsTheDecision()
    {
        var decision = _harness.Run("outcome = \"true\";");

        Assert.Equal("true", decision.Outcome);
        Assert.Null(decision.Callbacks);
    }

    [Fact]
    public void SharedState_GetAndPut_ReadAndWriteTheSharedState()
    {
        var decision = _harness.Run("""
            var name = sharedState.get("username");
            sharedState.put("greeting", "Hello " + name);
            outcome = sharedState.containsKey("missing") ? "bad" : (sharedState.get("missing") === null ? "ok" : "bad");
            """, shared: new JsonObject { ["username"] = "ann" });

        Assert.Equal("ok", decision.Outcome);
        Assert.Equal("Hello ann", (string?)decision.SharedState["greeting"]);
        Assert.Equal("ann", (string?)decision.SharedState["username"]);
    }

    [Fact]
    public void TransientState_GetAndPut_StayInTheTransientState()
    {
        var decision = _harness.Run("""
            transientState.put("secret", transientState.get("password") + "!");
            outcome = "true";
            """, transient: new JsonObject { ["password"] = "pw" });

        Assert.Equal("pw!", (string?)decision.TransientState["secret"]);
        Assert.False(decision.SharedState.ContainsKey("secret"));
    }

    [Fact]
    public void NodeState_Get_ReturnsJsonValuesWithTheirReaders_AndNullWhenAbsent()
    {
        var decision = _harness.Run("""
            var parts = [
              nodeState.get("name").asString(),
              nodeState.get("level").asInteger() + 1,
              nodeState.get("flag").asBoolean(),
              nodeState.get("name").isNull(),
              nodeState.get("nothing") === null,
              nodeState.get("pw").asString(),
              nodeState.get("list").asList().get(1),
              nodeState.get("obj").get("city").asString(),
              nodeState.get("level").isNumber(),
              nodeState.isDefined("flag"),
            ];
            outcome = parts.join("|");
            """,
            shared: new JsonObject { ["name"] = "ann", ["level"] = 41, ["flag"] = true, ["list"] = new JsonArray("a", "b"), ["obj"] = new JsonObject { ["city"] = "Oslo" } },
            transient: new JsonObject { ["pw"] = "secret" });

        Assert.Equal("ann|42|true|false|true|secret|b|Oslo|true|true", decision.Outcome);
    }

    [Fact]
    public void NodeState_Get_PrefersTransientOverShared_AndPutSharedWrites()
    {
        var decision = _harness.Run("""
            nodeState.putShared("level", 0);
            outcome = nodeState.get("key").asString();
            """, shared: new JsonObject { ["key"] = "shared" }, transient: new JsonObject { ["key"] = "transient" });

        Assert.Equal("transient", decision.Outcome);
        Assert.Equal(0, (int?)decision.SharedState["level"]);
    }

    [Fact]
    public void Logger_WritesToTheStudioLog_WithTheScriptName()
    {
        _harness.Run("""
            logger.error("boom " + 1);
            logger.warning("careful");
            logger.message("detail");
            if (logger.messageEnabled()) logger.info("enabled");
            outcome = "true";
            """);

        Assert.Contains(_harness.Log.Entries, e => e.Level == LogLevel.Error && e.Message == "Script test script: boom 1");
        Assert.Contains(_harness.Log.Entries, e => e.Level == LogLevel.Warning && e.Message.EndsWith("careful", StringComparison.Ordinal));
        Assert.Contains(_harness.Log.Entries, e => e.Level == LogLevel.Debug && e.Message.EndsWith("detail", StringComparison.Ordinal));
        Assert.Contains(_harness.Log.Entries, e => e.Level == LogLevel.Information && e.Message.EndsWith("enabled", StringComparison.Ordinal));
    }

    [Fact]
    public void RequestHeadersAndParameters_AreMapsOfLists_HeadersIgnoringCase()
    {
        var decision = _harness.Run("""
            outcome = [
              requestHeaders.get("user-agent").get(0),
              requestHeaders.get("User-Agent")[0],
              requestParameters.get("authIndexValue").get(0),
              requestParameters.get("nothing") === null,
              realm,
            ].join("|");
            """,
            headers: new Dictionary<string, IReadOnlyList<string>> { ["User-Agent"] = ["TestAgent/1"] },
            parameters: new Dictionary<string, IReadOnlyList<string>> { ["authIndexValue"] = ["Login"] });

        Assert.Equal("TestAgent/1|TestAgent/1|Login|true|/alpha", decision.Outcome);
    }

    [Fact]
    public void ExistingSession_IsAMapWhenTheUserHasASession_AndUndefinedOtherwise()
    {
        var withSession = _harness.Run("outcome = existingSession.get(\"UserToken\");",
            existingSession: new Dictionary<string, string> { ["UserToken"] = "ann" });
        var without = _harness.Run("outcome = typeof existingSession;");

        Assert.Equal("ann", withSession.Outcome);
        Assert.Equal("undefined", without.Outcome);
    }

    private const string AskNameAndChoice = """
        var fr = JavaImporter(
            org.forgerock.openam.auth.node.api.Action,
            javax.security.auth.callback.NameCallback,
            javax.security.auth.callback.PasswordCallback,
            javax.security.auth.callback.ChoiceCallback
        );
        if (callbacks.isEmpty()) {
            action = fr.Action.send(
                new fr.NameCallback("Who are you?", "guest"),
                new fr.PasswordCallback("Password", false),
                new fr.ChoiceCallback("Colour?", ["red", "green"], 1, false)
            ).build();
        } else {
            var name = callbacks.get(0).getName();
            var password = String(callbacks.get(1).getPassword());
            var colour = ["red", "green"][callbacks.get(2).getSelectedIndexes()[0]];
            sharedState.put("username", name);
            transientState.put("password", password);
            action = fr.Action.goTo(colour).build();
        }
        """;

    [Fact]
    public void ActionSend_WithImportedCallbackClasses_SendsAmsCallbacks()
    {
        var decision = _harness.Run(AskNameAndChoice);

        var callbacks = decision.Callbacks!;
        Assert.Equal(["NameCallback", "PasswordCallback", "ChoiceCallback"], callbacks.Select(c => c.Type));
        Assert.Equal("Who are you?", callbacks[0].GetOutputString("prompt"));
        Assert.Equal("guest", callbacks[0].GetInputString());
        Assert.Equal("Password", callbacks[1].GetOutputString("prompt"));
        Assert.Equal(["red", "green"], callbacks[2].GetOutput("choices")!.Value.EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, callbacks[2].GetInputInt32());
    }

    [Fact]
    public void Callbacks_OnResubmit_ReadTheAnswers_AndActionGoToTakesTheOutcome()
    {
        var sent = _harness.Run(AskNameAndChoice).Callbacks!;

        var decision = _harness.Run(AskNameAndChoice, callbacks: ScriptHarness.Answer(sent, "ann", "Secret-1", 0));

        Assert.Equal("red", decision.Outcome);
        Assert.Equal("ann", (string?)decision.SharedState["username"]);
        Assert.Equal("Secret-1", (string?)decision.TransientState["password"]);
    }

    [Fact]
    public void WithStatement_OverAnImporter_AndTextOutputCallbacks_SendMessagesAndAScript()
    {
        var decision = _harness.Run("""
            var fr = JavaImporter(
                org.forgerock.openam.auth.node.api.Action,
                javax.security.auth.callback.TextOutputCallback,
                com.sun.identity.authentication.callbacks.ScriptTextOutputCallback
            );
            with (fr) {
                action = Action.send([
                    new TextOutputCallback(TextOutputCallback.WARNING, "Heads up"),
                    new ScriptTextOutputCallback("document.title = 'x';")
                ]).build();
            }
            """);

        var callbacks = decision.Callbacks!;
        Assert.All(callbacks, c => Assert.Equal(Callback.TextOutputType, c.Type));
        Assert.Equal(("Heads up", "1"), (callbacks[0].GetOutputString("message"), callbacks[0].GetOutputString("messageType")));
        Assert.Equal(("document.title = 'x';", "4"), (callbacks[1].GetOutputString("message"), callbacks[1].GetOutputString("messageType")));
    }

    [Fact]
    public void ConfirmationAndTextInputAndHiddenValue_AreSentInAmsShape()
    {
        var decision = _harness.Run("""
            var fr = JavaImporter(org.forgerock.openam.auth.node.api.Action, javax.security.auth.callback.ConfirmationCallback,
                javax.security.auth.callback.TextInputCallback, com.sun.identity.authentication.callbacks.HiddenValueCallback);
            action = fr.Action.send(
                new fr.TextInputCallback("Code", "000"),
                new fr.ConfirmationCallback("Go on?", fr.ConfirmationCallback.INFORMATION, ["Yes", "No"], 1),
                new fr.HiddenValueCallback("clientState", "abc")
            ).build();
            """);

        var (text, confirm, hidden) = (decision.Callbacks![0], decision.Callbacks[1], decision.Callbacks[2]);
        Assert.Equal(("TextInputCallback", "Code", "000"), (text.Type, text.GetOutputString("prompt"), text.GetOutputString("defaultText")));
        Assert.Equal(("ConfirmationCallback", "Go on?", 1), (confirm.Type, confirm.GetOutputString("prompt"), confirm.GetInputInt32()));
        Assert.Equal(["Yes", "No"], confirm.GetOutput("options")!.Value.EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(("HiddenValueCallback", "clientState", "abc"), (hidden.Type, hidden.GetOutputString("id"), hidden.GetOutputString("value")));
    }

    [Fact]
    public void Action_WinsOverOutcome_AndCarriesSessionPropertiesAndNodeTypes()
    {
        var decision = _harness.Run("""
            outcome = "false";
            action = org.forgerock.openam.auth.node.api.Action.goTo("true").putSessionProperty("level", 2).addNodeType("Scripted").build();
            """);

        Assert.Equal("true", decision.Outcome);
        Assert.Equal("2", decision.SessionProperties["level"]);
        Assert.Equal(["Scripted"], decision.NodeTypes);
    }

    [Fact]
    public void ReplaceSharedState_ReplacesWhatSharedStateSees()
    {
        var decision = _harness.Run("""
            var Action = org.forgerock.openam.auth.node.api.Action;
            var builder = Action.goTo("true").replaceSharedState({ fresh: "yes" });
            action = builder.build();
            sharedState.put("after", sharedState.get("fresh"));
            """, shared: new JsonObject { ["old"] = "gone" });

        Assert.Equal("true", decision.Outcome);
        Assert.Equal(["fresh", "after"], decision.SharedState.Select(p => p.Key));
        Assert.Equal("yes", (string?)decision.SharedState["after"]);
    }

    [Fact]
    public void AJavaClassTheStudioDoesNotEmulate_FailsNamingTheClass()
    {
        var failure = _harness.Fails("var r = new org.forgerock.util.encode.Base64();\noutcome = 'x';");

        Assert.Equal(ScriptFailureKind.RuntimeError, failure.Kind);
        Assert.Contains("org.forgerock.util.encode.Base64", failure.Message);
        Assert.Equal(1, failure.Line);
    }

    [Fact]
    public void IdRepository_GetAttributeAndSetAttribute_ReadAndWriteTheSignOnsIdentity()
    {
        var identity = new ScriptIdentity("ann", new Dictionary<string, IReadOnlyList<string>> { ["mail"] = ["ann@example.com"] });

        var decision = _harness.Run("""
            var mail = idRepository.getAttribute("ann", "mail").iterator().next();
            idRepository.setAttribute("ann", "givenName", ["Ann"]);
            outcome = mail + "|" + idRepository.getAttribute("ann", "givenName").toArray()[0];
            """, identity: identity);

        Assert.Equal("ann@example.com|Ann", decision.Outcome);
        var write = Assert.Single(decision.IdentityWrites);
        Assert.Equal(("ann", "givenName", "Ann"), (write.Username, write.Attribute, write.Values.Single()));
    }

    [Fact]
    public void ThePickPathScriptOfTheTestExport_AsksWithAChoiceCallback_GoesToTheChoice_AndANestedPassReusesIt()
    {
        // Run as the export file has it (JSON-encoded text, decoded as the import does), not a copy of it.
        using var export = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ScriptExports", "StudioScripts.journeys.json")));
        var encoded = export.RootElement.GetProperty("trees").GetProperty("Studio Nested").GetProperty("scripts")
            .GetProperty("9d2f4a61-3c7e-4b1a-a0d5-6e8b2c4f1a01").GetProperty("script").GetString()!;
        var pickPath = JsonSerializer.Deserialize<string>(encoded)!;
        var sent = _harness.Run(pickPath).Callbacks!;

        var decision = _harness.Run(pickPath, callbacks: ScriptHarness.Answer(sent, 2));
        var nested = _harness.Run(pickPath, shared: new JsonObject { ["path"] = "counter only", ["depth"] = 0 });

        Assert.Equal("ChoiceCallback", Assert.Single(sent).Type);
        Assert.Equal("counter only", decision.Outcome);
        Assert.Equal(("counter only", 0), ((string?)decision.SharedState["path"], (int?)decision.SharedState["depth"]));
        Assert.Null(nested.Callbacks);
        Assert.Equal(("counter only", 1), (nested.Outcome, (int?)nested.SharedState["depth"]));
    }
}
