using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Scripts;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Nodes;
using JourneyStudio.Runtime.Scripts;
using JourneyStudio.Runtime.Tests.Scripts;
using JourneyStudio.Runtime.Tests.Support;

namespace JourneyStudio.Runtime.Tests.Nodes;

/// <summary>Scripted Decision run by the engine on the real catalogue.</summary>
public sealed class ScriptedDecisionNodeTests
{
    private readonly EngineHarness _engine = new();
    private readonly ScriptHarness _scripts = new();
    private readonly InMemoryScripts _source = new();
    private readonly FakeScriptIdentities _identities = new();
    private readonly ListLogger<ScriptedDecisionNodeProcessor> _log = new();

    public ScriptedDecisionNodeTests() =>
        _engine.ExtraProcessors.Add(new ScriptedDecisionNodeProcessor(_source, _scripts.CreateRunner(), _identities, _log));

    private static JourneyNode Scripted(string id, string scriptId, object connections, params string[] outcomes) =>
        J.Node(id, NodeTypeIds.ScriptedDecision, connections, ("script", scriptId), ("outcomes", outcomes), ("inputs", new[] { "*" }), ("outputs", new[] { "*" }));

    [Fact]
    public async Task AScriptThatAsks_SendsItsCallbacks_AndTheAnswerTakesTheOutcomeToTheNextNode()
    {
        _source.Add(new ScriptDefinition { Id = "ask", Name = "ask", Source = """
            var fr = JavaImporter(org.forgerock.openam.auth.node.api.Action, javax.security.auth.callback.NameCallback);
            if (callbacks.isEmpty()) action = fr.Action.send(new fr.NameCallback("Name")).build();
            else { sharedState.put("username", callbacks.get(0).getName()); outcome = "known"; }
            """ });
        _source.Add(new ScriptDefinition { Id = "check", Name = "check", EvaluatorVersion = "2.0",
            Source = "action.goTo(nodeState.get('username') === 'ann' ? 'true' : 'false');" });
        var journey = J.Journey("Scripted", "a",
            Scripted("a", "ask", new { known = "b", unknown = J.Failure }, "known", "unknown"),
            Scripted("b", "check", new { @true = J.Success, @false = J.Failure }, "true", "false"));

        var step = await _engine.StartAsync(journey);
        var done = await _engine.SubmitAsync(step, ("IDToken1", "ann"));

        Assert.Equal(["NameCallback"], EngineHarness.Types(step));
        var success = Assert.IsType<JourneySuccess>(done);
        Assert.Equal("ann", success.Username);
        Assert.Equal(["a:known", "b:true"], success.State.VisitedPath.Select(v => $"{v.NodeId}:{v.Outcome}"));
    }

    [Fact]
    public async Task AnOutcomeTheNodeDoesNotList_FailsTheSignOnNamingIt()
    {
        _source.Add(new ScriptDefinition { Id = "s", Name = "typo", Source = "outcome = 'ture';" });

        var result = await _engine.StartAsync(J.Journey("Typo", "a", Scripted("a", "s", new { @true = J.Success }, "true")));

        var failure = Assert.IsType<JourneyFailure>(result);
        Assert.Contains("Script 'typo' failed: it chose the outcome 'ture'", failure.Reason);
    }

    [Fact]
    public async Task AScriptError_FailsTheSignOn_WithTheScriptsNameAndLine_InTheReasonTheRunRecordAndTheLog()
    {
        _source.Add(new ScriptDefinition { Id = "s", Name = "broken", Source = "var a = 1;\nvar b = undefined;\nb.call();" });

        var result = await _engine.StartAsync(J.Journey("Broken", "a", Scripted("a", "s", new { @true = J.Success }, "true")));

        var failure = Assert.IsType<JourneyFailure>(result);
        Assert.Contains("Script 'broken' failed at line 3", failure.Reason);
        Assert.Equal(failure.Reason, failure.State.FailureReason);
        var logged = Assert.Single(_log.Entries);
        Assert.Equal(("broken", 3), ((string?)logged.Values["Script"], (int?)logged.Values["Line"]));
    }

    [Fact]
    public async Task AScriptThatIsMissing_FailsTheSignOn()
    {
        var result = await _engine.StartAsync(J.Journey("Missing", "a", Scripted("a", "nope", new { @true = J.Success }, "true")));

        Assert.Contains("Script 'nope' failed: there is no script with this id.", Assert.IsType<JourneyFailure>(result).Reason);
    }

    [Fact]
    public async Task AnEndlessLoop_EndsTheStepWithAFailure()
    {
        _scripts.Options.Timeout = TimeSpan.FromMilliseconds(200);
        _scripts.Options.MaxStatements = int.MaxValue;
        _source.Add(new ScriptDefinition { Id = "s", Name = "spin", Source = "for (;;) {}" });

        var result = await _engine.StartAsync(J.Journey("Spin", "a", Scripted("a", "s", new { @true = J.Success }, "true")));

        Assert.Contains("time limit", Assert.IsType<JourneyFailure>(result).Reason);
    }

    [Fact]
    public async Task IdRepositoryWrites_ReachTheIdentityStore_AfterTheScript()
    {
        _identities.Known["ann"] = new ScriptIdentity("ann", new Dictionary<string, IReadOnlyList<string>> { ["mail"] = ["old@example.com"] });
        _source.Add(new ScriptDefinition { Id = "s", Name = "mail", Source = "idRepository.setAttribute('ann', 'mail', ['new@example.com']); outcome = 'true';" });

        var withUser = J.Journey("Mail2", "u",
            J.Node("u", NodeTypeIds.UsernameCollector, new { outcome = "a" }),
            Scripted("a", "s", new { @true = J.Success }, "true"));
        var step = await _engine.StartAsync(withUser);
        var done = await _engine.SubmitAsync(step, ("IDToken1", "ann"));

        Assert.IsType<JourneySuccess>(done);
        Assert.Equal(("ann", "mail", "new@example.com"), (_identities.Applied.Single().Username, _identities.Applied.Single().Attribute, _identities.Applied.Single().Values.Single()));
    }

    [Theory]
    [InlineData(ScriptDefinition.LegacyEvaluator, """
        var fr = JavaImporter(org.forgerock.openam.auth.node.api.Action);
        action = fr.Action.goTo("false").withErrorMessage("Your account needs attention.").build();
        """)]
    [InlineData(ScriptDefinition.NextGenerationEvaluator, """action.goTo("false").withErrorMessage("Your account needs attention.");""")]
    public async Task WithErrorMessage_IsWhatAFailedSignOnTellsTheClient(string version, string source)
    {
        _source.Add(new ScriptDefinition { Id = "s", Name = "deny", EvaluatorVersion = version, Source = source });

        var result = await _engine.StartAsync(J.Journey("Deny", "a", Scripted("a", "s", new { @true = J.Success, @false = J.Failure }, "true", "false")));

        Assert.Equal("Your account needs attention.", Assert.IsType<JourneyFailure>(result).ClientMessage);
    }

    [Fact]
    public async Task WithErrorMessage_SetEarlierInTheJourney_IsToldWhenALaterStepFails()
    {
        _source.Add(new ScriptDefinition { Id = "s", Name = "warn", EvaluatorVersion = "2.0", Source = """action.goTo("true").withErrorMessage("Wrong name.");""" });
        var journey = J.Journey("Later", "a",
            Scripted("a", "s", new { @true = "u" }, "true"),
            J.Node("u", NodeTypeIds.UsernameCollector, new { outcome = J.Failure }));

        var step = await _engine.StartAsync(journey);
        var failed = await _engine.SubmitAsync(step, ("IDToken1", "ann"));

        Assert.Equal("Wrong name.", Assert.IsType<JourneyFailure>(failed).ClientMessage);
    }

    [Fact]
    public async Task AFailureWithoutAnErrorMessage_HasNoClientMessage()
    {
        _source.Add(new ScriptDefinition { Id = "s", Name = "plain", Source = "outcome = 'false';" });

        var result = await _engine.StartAsync(J.Journey("Plain", "a", Scripted("a", "s", new { @false = J.Failure }, "false")));

        Assert.Null(Assert.IsType<JourneyFailure>(result).ClientMessage);
    }

    [Theory]
    [InlineData(ScriptDefinition.LegacyEvaluator, """
        var fr = JavaImporter(org.forgerock.openam.auth.node.api.Action);
        action = fr.Action.goTo("true").putSessionProperty("department", "sales").putSessionProperty("gone", "x").removeSessionProperty("gone").build();
        """)]
    [InlineData(ScriptDefinition.NextGenerationEvaluator, """
        action.goTo("true").putSessionProperty("department", "sales").putSessionProperty("gone", "x").removeSessionProperty("gone");
        """)]
    public async Task PutSessionProperty_SurvivesLaterSteps_AndReachesTheSuccess(string version, string source)
    {
        _source.Add(new ScriptDefinition { Id = "s", Name = "props", EvaluatorVersion = version, Source = source });
        var journey = J.Journey("Props", "a",
            Scripted("a", "s", new { @true = "u" }, "true"),
            J.Node("u", NodeTypeIds.UsernameCollector, new { outcome = J.Success }));

        var step = await _engine.StartAsync(journey);
        var done = await _engine.SubmitAsync(step, ("IDToken1", "ann"));

        Assert.Equal(new Dictionary<string, string> { ["department"] = "sales" }, Assert.IsType<JourneySuccess>(done).SessionProperties);
    }

    [Theory]
    [InlineData(ScriptDefinition.LegacyEvaluator, """
        var fr = JavaImporter(org.forgerock.openam.auth.node.api.Action, javax.security.auth.callback.NameCallback);
        if (callbacks.isEmpty()) action = fr.Action.send(new fr.NameCallback("Name")).withHeader("Sign in").withDescription("Use your work name").withStage("NAME").build();
        else outcome = "true";
        """)]
    [InlineData(ScriptDefinition.NextGenerationEvaluator, """
        if (callbacks.isEmpty()) { callbacksBuilder.nameCallback("Name"); action.withHeader("Sign in").withDescription("Use your work name").withStage("NAME"); }
        else action.goTo("true");
        """)]
    public async Task WithHeaderDescriptionAndStage_AreTheStepsHeaderDescriptionAndStage(string version, string source)
    {
        _source.Add(new ScriptDefinition { Id = "s", Name = "page", EvaluatorVersion = version, Source = source });

        var step = await _engine.StartAsync(J.Journey("Page", "a", Scripted("a", "s", new { @true = J.Success }, "true")));

        var sent = Assert.IsType<JourneyStep>(step);
        Assert.Equal(("Sign in", "Use your work name", "NAME"), (sent.Header, sent.Description, sent.Stage));
    }

    [Theory]
    [InlineData(ScriptDefinition.LegacyEvaluator, """
        var mail = idRepository.getAttribute("bob", "mail").iterator().next();
        idRepository.setAttribute("bob", "givenName", ["Robert"]);
        idRepository.addAttribute("bob", "sn", "Jones");
        sharedState.put("seen", mail + "|" + idRepository.getAttribute("bob", "givenName").get(0) + "|" + idRepository.getAttribute("nobody", "mail").size());
        outcome = "true";
        """, "bob@example.com|Robert|0")]
    [InlineData(ScriptDefinition.NextGenerationEvaluator, """
        var bob = idRepository.getIdentity("bob");
        bob.setAttribute("givenName", ["Robert"]);
        bob.addAttribute("sn", "Jones");
        var before = idRepository.getIdentity("bob").getAttributeValues("givenName")[0];
        bob.store();
        nodeState.putShared("seen", bob.getAttributeValues("mail")[0] + "|" + before + "|" + (idRepository.getIdentity("nobody") === null ? 0 : 1));
        action.goTo("true");
        """, "bob@example.com|Bob|0")]
    public async Task IdRepository_ReadsAndWritesAnotherIdentityThanTheSignOns(string version, string source, string expected)
    {
        _identities.Known["bob"] = new ScriptIdentity("bob", new Dictionary<string, IReadOnlyList<string>> { ["mail"] = ["bob@example.com"], ["givenName"] = ["Bob"] });
        _source.Add(new ScriptDefinition { Id = "s", Name = "other", EvaluatorVersion = version, Source = source });
        var journey = J.Journey("Other", "u",
            J.Node("u", NodeTypeIds.UsernameCollector, new { outcome = "a" }),
            Scripted("a", "s", new { @true = J.Success }, "true"));

        var step = await _engine.StartAsync(journey);
        var done = await _engine.SubmitAsync(step, ("IDToken1", "ann"));

        Assert.Equal(expected, (string?)Assert.IsType<JourneySuccess>(done).State.SharedState["seen"]);
        Assert.Equal([("bob", "givenName", "Robert"), ("bob", "sn", "Jones")],
            _identities.Applied.Select(w => (w.Username, w.Attribute, string.Join(",", w.Values))));
    }

    private sealed class InMemoryScripts : IScriptSource
    {
        private readonly Dictionary<string, StoredScript> _scripts = new(StringComparer.Ordinal);

        public void Add(ScriptDefinition script) => _scripts[script.Id] = new StoredScript(script, 1, DateTimeOffset.UnixEpoch);

        public Task<StoredScript?> FindAsync(string scriptId, CancellationToken cancellationToken = default) =>
            Task.FromResult(_scripts.GetValueOrDefault(scriptId));
    }

    private sealed class FakeScriptIdentities : IScriptIdentities
    {
        public Dictionary<string, ScriptIdentity> Known { get; } = new(StringComparer.OrdinalIgnoreCase);

        public List<ScriptIdentityWrite> Applied { get; } = [];

        public ScriptIdentity? Find(string username) => Known.GetValueOrDefault(username);

        public string? Check(IReadOnlyList<ScriptIdentityWrite> writes) => null;

        public Task<string?> ApplyAsync(IReadOnlyList<ScriptIdentityWrite> writes, CancellationToken cancellationToken = default)
        {
            Applied.AddRange(writes);
            return Task.FromResult<string?>(null);
        }
    }
}
