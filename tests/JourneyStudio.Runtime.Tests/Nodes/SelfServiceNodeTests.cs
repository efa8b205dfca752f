using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Tests.Support;

namespace JourneyStudio.Runtime.Tests.Nodes;

/// <summary>Choice Collector, Account Lockout, Accept Terms and Conditions, KBA Definition, Get Session Data, Anonymous User Mapping.</summary>
public sealed class SelfServiceNodeTests
{
    private readonly EngineHarness _harness = new();

    // ---- Choice Collector

    private static Journey Choices() => J.Journey("Choose", "choose",
        J.Node("choose", NodeTypeIds.ChoiceCollector, new Dictionary<string, string> { ["Email"] = J.Success, ["SMS"] = J.Failure },
            ("choices", new[] { "Email", "SMS" }), ("defaultChoice", "SMS"), ("prompt", "How should we reach you?")));

    [Fact]
    public async Task ChoiceCollector_SendsChoiceCallbackWithTheDefaultsIndex()
    {
        var step = Assert.IsType<JourneyStep>(await _harness.StartAsync(Choices()));

        var choice = Assert.Single(step.Callbacks);
        Assert.Equal("ChoiceCallback", choice.Type);
        Assert.Equal("How should we reach you?", choice.GetOutputString("prompt"));
        Assert.Equal(1, choice.GetOutput("defaultChoice")!.Value.GetInt32());
        Assert.Equal(1, choice.GetInputInt32());
    }

    [Fact]
    public async Task ChoiceCollector_PickedIndex_GoesToTheOutcomeNamedAfterTheChoice()
    {
        Assert.IsType<JourneySuccess>(await _harness.SubmitAsync(await _harness.StartAsync(Choices()), ("IDToken1", 0)));
        Assert.IsType<JourneyFailure>(await _harness.SubmitAsync(await _harness.StartAsync(Choices()), ("IDToken1", 1)));
    }

    [Fact]
    public async Task ChoiceCollector_IndexOutsideTheChoices_AsksAgain()
    {
        var result = await _harness.SubmitAsync(await _harness.StartAsync(Choices()), ("IDToken1", 7));

        Assert.Equal(["ChoiceCallback"], EngineHarness.Types(result));
    }

    [Fact]
    public void ChoiceCollector_OutcomesAreTheChoices()
    {
        var node = Choices().Nodes[0];
        Assert.Equal(["Email", "SMS"], NodeCatalog.Default.GetOutcomes(node).Select(o => o.Id));
    }

    // ---- Account Lockout

    private static Journey Lockout(string action) => J.Journey("Lock", "user",
        J.Node("user", NodeTypeIds.UsernameCollector, new { outcome = "lock" }),
        J.Node("lock", NodeTypeIds.AccountLockout, new { outcome = J.Failure }, ("lockAction", action)));

    [Fact]
    public async Task AccountLockout_Lock_MakesTheAccountInactive_AndContinues()
    {
        var result = await _harness.SubmitAsync(await _harness.StartAsync(Lockout("LOCK")), ("IDToken1", "demo"));

        Assert.IsType<JourneyFailure>(result);
        Assert.False(_harness.Accounts.Active["demo"]);
    }

    [Fact]
    public async Task AccountLockout_Unlock_MakesTheAccountActive()
    {
        _harness.Accounts.Active["demo"] = false;

        await _harness.SubmitAsync(await _harness.StartAsync(Lockout("UNLOCK")), ("IDToken1", "demo"));

        Assert.True(_harness.Accounts.Active["demo"]);
    }

    [Fact]
    public async Task AccountLockout_UnknownUser_ContinuesLikeAKnownOne()
    {
        var result = await _harness.SubmitAsync(await _harness.StartAsync(Lockout("LOCK")), ("IDToken1", "nobody"));

        Assert.IsType<JourneyFailure>(result);
        Assert.DoesNotContain("nobody", _harness.Accounts.Active.Keys);
    }

    // ---- Accept Terms and Conditions

    private static Journey Terms() => J.Journey("Terms", "terms", J.Node("terms", NodeTypeIds.AcceptTermsAndConditions, new { outcome = J.Success }));

    [Fact]
    public async Task Terms_SendsTheActiveTermsInAmsShape()
    {
        var step = Assert.IsType<JourneyStep>(await _harness.StartAsync(Terms()));

        var terms = Assert.Single(step.Callbacks);
        Assert.Equal("TermsAndConditionsCallback", terms.Type);
        Assert.Equal(["version", "terms", "createDate"], terms.Outputs.Select(o => o.Name));
        Assert.Equal("2.1", terms.GetOutputString("version"));
        Assert.Equal("Be nice.", terms.GetOutputString("terms"));
        Assert.Equal("2025-02-01T08:30:00.000Z", terms.GetOutputString("createDate"));
        Assert.False(terms.GetInput("")!.Value.GetBoolean());
    }

    [Fact]
    public async Task Terms_NotAccepted_AsksAgain()
    {
        var result = await _harness.SubmitAsync(await _harness.StartAsync(Terms()), ("IDToken1", false));

        Assert.Equal(["TermsAndConditionsCallback"], EngineHarness.Types(result));
    }

    [Fact]
    public async Task Terms_Accepted_WritesTermsAcceptedWithTheVersionShown()
    {
        var step = await _harness.StartAsync(Terms());
        _harness.SelfService.Terms = _harness.SelfService.Terms! with { Version = "3.0" }; // published meanwhile

        var result = await _harness.SubmitAsync(step, ("IDToken1", true));

        var accepted = Assert.IsType<JourneySuccess>(result).State.SharedState["objectAttributes"]!["termsAccepted"]!;
        Assert.Equal("2.1", (string?)accepted["termsVersion"]);
        Assert.Equal("2025-03-01T12:00:00.000Z", (string?)accepted["acceptDate"]);
    }

    [Fact]
    public async Task Terms_NoneActive_FailsTheJourney()
    {
        _harness.SelfService.Terms = null;

        Assert.Contains("no terms", Assert.IsType<JourneyFailure>(await _harness.StartAsync(Terms())).Reason);
    }

    // ---- KBA Definition

    private static Journey Kba(bool allowOwn = true) => J.Journey("Kba", "kba",
        J.Node("kba", NodeTypeIds.KbaCreate, new { outcome = J.Success },
            ("message", new Dictionary<string, string> { ["en"] = "Pick your questions" }), ("allowUserDefinedQuestions", allowOwn)));

    [Fact]
    public async Task Kba_SendsOneCallbackPerRequiredAnswer_WithThePredefinedQuestions()
    {
        var step = Assert.IsType<JourneyStep>(await _harness.StartAsync(Kba()));

        Assert.Equal(["KbaCreateCallback", "KbaCreateCallback"], step.Callbacks.Select(c => c.Type));
        var kba = step.Callbacks[0];
        Assert.Equal("Pick your questions", kba.GetOutputString("prompt"));
        Assert.Equal(["What's your favorite color?", "Who was your first employer?"],
            kba.GetOutput("predefinedQuestions")!.Value.EnumerateArray().Select(q => q.GetString()));
        Assert.True(kba.GetOutput("allowUserDefinedQuestions")!.Value.GetBoolean());
        Assert.Equal(["question", "answer"], kba.Inputs.Select(i => i.NameSuffix));
    }

    [Fact]
    public async Task Kba_PredefinedAndOwnQuestions_AreStoredByIdAndAsCustomQuestion_InTransientStateOnly()
    {
        JsonNode? transient = null;
        _harness.ExtraProcessors.Add(new DelegateProcessor(NodeTypeIds.SetSuccessUrl, c =>
        {
            transient = c.TransientState["objectAttributes"]?["kbaInfo"]?.DeepClone();
            return NodeResult.Goto("outcome");
        }));
        var journey = J.Journey("Kba", "kba",
            J.Node("kba", NodeTypeIds.KbaCreate, new { outcome = "next" }, ("allowUserDefinedQuestions", true)),
            J.Node("next", NodeTypeIds.SetSuccessUrl, new { outcome = J.Success }));
        var step = await _harness.StartAsync(journey);

        var result = await _harness.SubmitAsync(step,
            ("IDToken1question", "Who was your first employer?"), ("IDToken1answer", "Acme"),
            ("IDToken2question", "Name of my first cat?"), ("IDToken2answer", "Tom"));

        Assert.Equal("""[{"questionId":"2","answer":"Acme"},{"customQuestion":"Name of my first cat?","answer":"Tom"}]""", transient?.ToJsonString());
        // The stored sign-on state never holds an answer in the clear.
        Assert.DoesNotContain("Tom", Assert.IsType<JourneySuccess>(result).State.ToJson());
    }

    [Theory]
    [InlineData("What's your favorite color?", "blue", "What's your favorite color?", "green")] // the same question twice
    [InlineData("What's your favorite color?", "", "Who was your first employer?", "Acme")] // a missing answer
    [InlineData("", "blue", "Who was your first employer?", "Acme")] // no question
    public async Task Kba_IncompleteAnswers_AskAgain(string q1, string a1, string q2, string a2)
    {
        var result = await _harness.SubmitAsync(await _harness.StartAsync(Kba()),
            ("IDToken1question", q1), ("IDToken1answer", a1), ("IDToken2question", q2), ("IDToken2answer", a2));

        Assert.Equal(["KbaCreateCallback", "KbaCreateCallback"], EngineHarness.Types(result));
    }

    [Fact]
    public async Task Kba_OwnQuestionWhereNoneIsAllowed_AsksAgain()
    {
        var result = await _harness.SubmitAsync(await _harness.StartAsync(Kba(allowOwn: false)),
            ("IDToken1question", "Name of my first cat?"), ("IDToken1answer", "Tom"),
            ("IDToken2question", "Who was your first employer?"), ("IDToken2answer", "Acme"));

        Assert.IsType<JourneyStep>(result);
    }

    [Fact]
    public async Task Kba_MinimumAnswersToDefine_SetsTheNumberOfCallbacks()
    {
        _harness.Kba.MinimumAnswersToDefine = 1;

        Assert.Equal(["KbaCreateCallback"], EngineHarness.Types(await _harness.StartAsync(Kba())));
    }

    // ---- Get Session Data

    private static Journey SessionData() => J.Journey("Session", "data",
        J.Node("data", NodeTypeIds.SessionData, new { outcome = J.Success }, ("sessionDataKey", "UserToken"), ("sharedStateKey", "userName")));

    [Fact]
    public async Task SessionData_CopiesTheSessionPropertyIntoSharedState()
    {
        var result = await _harness.StartWithSessionAsync(SessionData(), new Dictionary<string, string> { ["UserToken"] = "demo" });

        Assert.Equal("demo", (string?)Assert.IsType<JourneySuccess>(result).State.SharedState["userName"]);
    }

    [Fact]
    public async Task SessionData_WithoutASession_ContinuesWithoutWriting()
    {
        var result = await _harness.StartAsync(SessionData());

        Assert.Null(Assert.IsType<JourneySuccess>(result).State.SharedState["userName"]);
    }

    // ---- Anonymous User Mapping

    [Fact]
    public async Task AnonymousUser_ContinuesAsTheAnonymousAccount()
    {
        _harness.Accounts.Active["anonymous"] = true;
        var journey = J.Journey("Anon", "anon", J.Node("anon", NodeTypeIds.AnonymousUser, new { outcome = J.Success }));

        Assert.Equal("anonymous", Assert.IsType<JourneySuccess>(await _harness.StartAsync(journey)).Username);
    }

    [Fact]
    public async Task AnonymousUser_MissingAccount_FailsTheJourney()
    {
        var journey = J.Journey("Anon", "anon", J.Node("anon", NodeTypeIds.AnonymousUser, new { outcome = J.Success }, ("anonymousUserName", "guest")));

        Assert.Contains("guest", Assert.IsType<JourneyFailure>(await _harness.StartAsync(journey)).Reason);
    }
}
