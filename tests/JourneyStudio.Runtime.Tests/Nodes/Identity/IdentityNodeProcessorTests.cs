using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.BruteForce;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Nodes;
using JourneyStudio.Runtime.SelfService;
using JourneyStudio.Runtime.Tests.Support;

namespace JourneyStudio.Runtime.Tests.Nodes.Identity;

public sealed class IdentifyExistingUserNodeTests : IdentityNodeTests
{
    [Fact]
    public async Task OneUserWithTheMail_True_AndBecomesTheJourneysUser()
    {
        await CreateAsync("bjensen", mail: "babs@example.com");
        var context = Context(new { objectAttributes = new { mail = "BABS@example.com" } });

        var result = await new IdentifyExistingUserNodeProcessor(Users).ProcessAsync(context, new IdentifyExistingUserConfig());

        Assert.Equal(IdentifyExistingUserDescriptor.TrueOutcome, result.Outcome);
        Assert.Equal("bjensen", context.Username);
        Assert.Equal("bjensen", (string?)context.SharedState["objectAttributes"]!["userName"]);
        Assert.Equal((await Users.GetByUsernameAsync("bjensen"))!.Id, context.GetSharedString("_id"));
    }

    [Fact]
    public async Task NoUser_OrTwo_OrNothingCollected_False()
    {
        await CreateAsync("one", mail: "shared@example.com");
        await CreateAsync("two", mail: "shared@example.com");
        var processor = new IdentifyExistingUserNodeProcessor(Users);

        Assert.Equal("false", (await processor.ProcessAsync(Context(new { objectAttributes = new { mail = "shared@example.com" } }), new())).Outcome);
        Assert.Equal("false", (await processor.ProcessAsync(Context(new { objectAttributes = new { mail = "nobody@example.com" } }), new())).Outcome);
        Assert.Equal("false", (await processor.ProcessAsync(Context(), new())).Outcome);
    }

    [Fact]
    public async Task ByUserName_UsesTheJourneysUsername()
    {
        await CreateAsync("bjensen");

        var result = await new IdentifyExistingUserNodeProcessor(Users).ProcessAsync(Context(new { username = "BJensen" }),
            new IdentifyExistingUserConfig { IdentityAttribute = "userName" });

        Assert.Equal("true", result.Outcome);
    }

    [Theory]
    [InlineData("NL", "NL", "true")]
    [InlineData("NL", "nl", "false")]                      // custom attributes match exactly
    [InlineData("50%_off", "50%_off", "true")]            // LIKE's wildcards are plain text here
    [InlineData("50%_off", "50ab_off", "false")]
    [InlineData("say \"hi\"", "say \"hi\"", "true")]       // JSON escapes in the stored column
    public async Task ByCustomAttribute_FindsExactlyTheStoredValue(string stored, string collected, string outcome)
    {
        await CreateAsync("bjensen", with: n => n with { Profile = new IdentityProfileChanges { CustomAttributes = new Dictionary<string, string?> { ["country"] = stored } } });
        await CreateAsync("other", with: n => n with { Profile = new IdentityProfileChanges { CustomAttributes = new Dictionary<string, string?> { ["region"] = stored } } });

        var context = Context(new { objectAttributes = new { country = collected } });

        var result = await new IdentifyExistingUserNodeProcessor(Users).ProcessAsync(context, new IdentifyExistingUserConfig { IdentityAttribute = "country" });

        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(outcome == "true" ? "bjensen" : null, context.Username);
    }
}

public sealed class CreateObjectNodeTests : IdentityNodeTests
{
    private CreateObjectNodeProcessor Processor => new(Users, new ListLogger<CreateObjectNodeProcessor>());

    [Fact]
    public async Task CollectedAttributes_CreateTheUser_WithHashedPasswordAndAnswers()
    {
        var context = Context(
            new
            {
                objectAttributes = new
                {
                    userName = "newbie", givenName = "New", sn = "Bie", mail = "new@example.com",
                    preferences = new { marketing = true, updates = false },
                    kbaInfo = new object[] { new { questionId = "1", answer = "  Blue " }, new { customQuestion = "First pet?", answer = "Rex" } },
                    termsAccepted = new { acceptDate = "2026-01-02T03:04:05Z", termsVersion = "2.0" },
                },
            },
            new { objectAttributes = new { password = "Str0ng-passw0rd" } });

        var result = await Processor.ProcessAsync(context, new CreateObjectConfig());

        Assert.Equal(CreateObjectDescriptor.CreatedOutcome, result.Outcome);
        Assert.Equal("newbie", context.Username);
        var user = (await Users.GetByUsernameAsync("newbie"))!;
        Assert.Equal(user.Id, context.GetSharedString("_id"));
        Assert.True(await Store.VerifyPasswordAsync("newbie", "Str0ng-passw0rd"));
        Assert.Equal("""{"marketing":true,"updates":false}""", user.Get("preferences")!.ToJsonString());
        Assert.Equal("""[{"questionId":"1"},{"customQuestion":"First pet?"}]""", user.Get("kbaInfo")!.ToJsonString());
        Assert.Equal("2.0", (string?)user.Get("termsAccepted/termsVersion"));
        Assert.Equal("2026-01-02T03:04:05.000Z", (string?)user.Get("termsAccepted/acceptDate"));
        // Answers compare as IDM compares them: case and surrounding spaces do not matter.
        Assert.True(await Users.VerifyKbaAnswersAsync("newbie", new Dictionary<int, string> { [0] = "BLUE", [1] = "rex " }));
        Assert.False(await Users.VerifyKbaAnswersAsync("newbie", new Dictionary<int, string> { [0] = "green" }));
    }

    [Fact]
    public async Task TheTransientPassword_IsUsed_WhenNoneWasCollectedInObjectAttributes()
    {
        var context = Context(new { objectAttributes = new { userName = "plain" } }, new { password = "Str0ng-passw0rd" });

        Assert.Equal("CREATED", (await Processor.ProcessAsync(context, new CreateObjectConfig())).Outcome);
        Assert.True(await Store.VerifyPasswordAsync("plain", "Str0ng-passw0rd"));
    }

    [Theory]
    [InlineData("""{"userName":"taken"}""")]                                   // the name exists
    [InlineData("""{"givenName":"No name"}""")]                                // no userName
    [InlineData("""{"userName":"x1","telephoneNumber":"call me"}""")]          // the store's rules
    [InlineData("""{"userName":"x2","preferences":{"marketing":3}}""")]        // a wrong shape
    [InlineData("""{"userName":"x3","custom":{"nested":true}}""")]             // custom attributes are text
    public async Task BadOrClashingAttributes_Failure_AndNothingIsCreated(string attributes)
    {
        await CreateAsync("taken");
        var context = Context(new { objectAttributes = JsonNode.Parse(attributes) }, new { password = "Str0ng-passw0rd" });

        Assert.Equal(CreateObjectDescriptor.FailureOutcome, (await Processor.ProcessAsync(context, new CreateObjectConfig())).Outcome);
        Assert.Single((await Store.SearchAsync(new IdentityQuery())).Identities);
    }
}

public sealed class PatchObjectNodeTests : IdentityNodeTests
{
    private PatchObjectNodeProcessor Processor => new(Users, new ListLogger<PatchObjectNodeProcessor>());

    [Fact]
    public async Task CollectedAttributes_PatchTheUser_SkippingIgnoredFields()
    {
        await CreateAsync("bjensen");
        var context = Context(new
        {
            username = "bjensen",
            objectAttributes = new { userName = "renamed", preferences = new { marketing = false, updates = true }, telephoneNumber = "+1 555 0100", favouriteColour = "teal" },
        });

        var result = await Processor.ProcessAsync(context, new PatchObjectConfig { IgnoredFields = ["userName"] });

        Assert.Equal(PatchObjectDescriptor.PatchedOutcome, result.Outcome);
        var user = (await Users.GetByUsernameAsync("bjensen"))!;
        Assert.Equal("+1 555 0100", (string?)user.Get("telephoneNumber"));
        Assert.False((bool)user.Get("preferences/marketing")!);
        Assert.Equal("teal", (string?)user.Get("favouriteColour"));
    }

    [Fact]
    public async Task TheUserIsFoundByIdFirst()
    {
        await CreateAsync("first");
        await CreateAsync("second");
        var id = (await Users.GetByUsernameAsync("second"))!.Id;

        var result = await Processor.ProcessAsync(Context(new { _id = id, username = "first", objectAttributes = new { sn = "Second" } }), new PatchObjectConfig());

        Assert.Equal("PATCHED", result.Outcome);
        Assert.Equal("Second", (string?)(await Users.GetByUsernameAsync("second"))!.Get("sn"));
        Assert.Equal("Jensen", (string?)(await Users.GetByUsernameAsync("first"))!.Get("sn"));
    }

    [Fact]
    public async Task ANewPassword_FromTheTransientState_IsSet()
    {
        await CreateAsync("bjensen");

        var result = await Processor.ProcessAsync(
            Context(new { username = "bjensen" }, new { objectAttributes = new { password = "N3w-passw0rd!" } }), new PatchObjectConfig());

        Assert.Equal("PATCHED", result.Outcome);
        Assert.True(await Store.VerifyPasswordAsync("bjensen", "N3w-passw0rd!"));
    }

    [Fact]
    public async Task NoUser_RenameAttempt_OrBadValue_Failure_AndNothingChanges()
    {
        await CreateAsync("bjensen");

        Assert.Equal("FAILURE", (await Processor.ProcessAsync(Context(new { username = "nobody", objectAttributes = new { sn = "X" } }), new())).Outcome);
        Assert.Equal("FAILURE", (await Processor.ProcessAsync(Context(new { username = "bjensen", objectAttributes = new { userName = "other", sn = "X" } }), new())).Outcome);
        Assert.Equal("FAILURE", (await Processor.ProcessAsync(Context(new { username = "bjensen", objectAttributes = new { mail = "not mail", sn = "X" } }), new())).Outcome);
        Assert.Equal("Jensen", (string?)(await Users.GetByUsernameAsync("bjensen"))!.Get("sn"));
    }
}

public sealed class IdentityDecisionNodeTests : IdentityNodeTests
{
    [Fact]
    public async Task AttributePresent_TrueForAValueOrAPassword_FalseOtherwise()
    {
        await CreateAsync("bjensen", mail: "b@example.com");
        var processor = new AttributePresentDecisionNodeProcessor(Users);
        var context = Context(new { username = "bjensen" });

        Assert.Equal("true", (await processor.ProcessAsync(context, new() { PresentAttribute = "password" })).Outcome);
        Assert.Equal("true", (await processor.ProcessAsync(context, new() { PresentAttribute = "mail" })).Outcome);
        Assert.Equal("false", (await processor.ProcessAsync(context, new() { PresentAttribute = "telephoneNumber" })).Outcome);
        Assert.Equal("false", (await processor.ProcessAsync(Context(new { username = "nobody" }), new() { PresentAttribute = "password" })).Outcome);
    }

    /// <summary>PlatformUpdatePassword: Get Session Data puts the session's UserToken into shared <c>userName</c>, not <c>username</c>.</summary>
    [Fact]
    public async Task IdentityAttributeAsASharedStateKey_NamesTheUser_AsGetSessionDataWritesIt()
    {
        await CreateAsync("bjensen");
        var processor = new AttributePresentDecisionNodeProcessor(Users);

        Assert.Equal("true", (await processor.ProcessAsync(Context(new { userName = "bjensen" }),
            new() { IdentityAttribute = "userName", PresentAttribute = "password" })).Outcome);
        Assert.Equal("false", (await processor.ProcessAsync(Context(new { userName = "nobody" }),
            new() { IdentityAttribute = "userName", PresentAttribute = "password" })).Outcome);
    }

    [Fact]
    public async Task AttributeValue_PresentAndEquals_CollectedValueFirst_ThenTheUsers()
    {
        await CreateAsync("bjensen", with: n => n with { Profile = new IdentityProfileChanges { CustomAttributes = new Dictionary<string, string?> { ["country"] = "NL" } } });
        var processor = new AttributeValueDecisionNodeProcessor(Users);
        var user = Context(new { username = "bjensen" });
        var collected = Context(new { username = "bjensen", objectAttributes = new { country = "US", preferences = new { marketing = true } } });

        Assert.Equal("true", (await processor.ProcessAsync(user, new() { ComparisonAttribute = "country" })).Outcome);
        Assert.Equal("false", (await processor.ProcessAsync(user, new() { ComparisonAttribute = "telephoneNumber" })).Outcome);
        Assert.Equal("true", (await processor.ProcessAsync(user, new() { ComparisonAttribute = "country", ComparisonOperation = AttributeComparison.EqualTo, ComparisonValue = "NL" })).Outcome);
        Assert.Equal("false", (await processor.ProcessAsync(user, new() { ComparisonAttribute = "country", ComparisonOperation = AttributeComparison.EqualTo, ComparisonValue = "nl" })).Outcome);
        Assert.Equal("true", (await processor.ProcessAsync(collected, new() { ComparisonAttribute = "country", ComparisonOperation = AttributeComparison.EqualTo, ComparisonValue = "US" })).Outcome);
        Assert.Equal("true", (await processor.ProcessAsync(collected, new() { ComparisonAttribute = "preferences/marketing", ComparisonOperation = AttributeComparison.EqualTo, ComparisonValue = "true" })).Outcome);
    }

    [Fact]
    public async Task QueryFilter_MatchesTheUserAsIdmShowsIt()
    {
        await CreateAsync("fresh");
        await CreateAsync("profiled", with: n => n with { Profile = new IdentityProfileChanges { Marketing = true, Updates = true } });
        var processor = new QueryFilterDecisionNodeProcessor(Users);
        var config = new QueryFilterDecisionConfig { QueryFilter = "!(/preferences pr) or /preferences/marketing eq false or /preferences/updates eq false" };

        Assert.Equal("true", (await processor.ProcessAsync(Context(new { username = "fresh" }), config)).Outcome);
        Assert.Equal("false", (await processor.ProcessAsync(Context(new { username = "profiled" }), config)).Outcome);
        Assert.Equal("false", (await processor.ProcessAsync(Context(new { username = "nobody" }), config)).Outcome);
        Assert.Equal("true", (await processor.ProcessAsync(Context(new { username = "fresh" }), new() { QueryFilter = "/accountStatus eq \"active\" and /loginCount eq 0" })).Outcome);
    }

    [Fact]
    public async Task QueryFilter_ThatDoesNotParse_FailsTheJourney_WithTheParsersMessage()
    {
        await CreateAsync("fresh");

        var error = await Assert.ThrowsAsync<NodeProcessException>(async () =>
            await new QueryFilterDecisionNodeProcessor(Users).ProcessAsync(Context(new { username = "fresh" }), new() { QueryFilter = "/mail eq" }));

        Assert.Equal("The query filter of node node is not valid: The filter ends after 'eq'; expected a value (at character 9).", error.Message);
    }

    [Fact]
    public async Task IncrementLoginCount_AndLoginCountDecision_AtAndEvery()
    {
        await CreateAsync("bjensen");
        var increment = new IncrementLoginCountNodeProcessor(Users);
        var decision = new LoginCountDecisionNodeProcessor(Users);
        var context = Context(new { username = "bjensen" });
        var at3 = new LoginCountDecisionConfig { Interval = LoginCountInterval.At, Amount = 3 };
        var every2 = new LoginCountDecisionConfig { Interval = LoginCountInterval.Every, Amount = 2 };

        var seen = new List<(string?, string?)>();
        for (var i = 0; i < 5; i++)
        {
            Db.Clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal("outcome", (await increment.ProcessAsync(context, new())).Outcome);
            seen.Add(((await decision.ProcessAsync(context, at3)).Outcome, (await decision.ProcessAsync(context, every2)).Outcome));
        }

        Assert.Equal([("false", "false"), ("false", "true"), ("true", "false"), ("false", "true"), ("false", "false")], seen);
        var user = (await Users.GetByUsernameAsync("bjensen"))!;
        Assert.Equal(5, user.LoginCount);
        Assert.Equal(Db.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"), (string?)user.Get("lastLogin"));
        Assert.Equal("false", (await decision.ProcessAsync(Context(new { username = "nobody" }), at3)).Outcome);
    }

    [Fact]
    public async Task IncrementLoginCount_CountsEverySignOn_WhenTheyRunAtOnce()
    {
        await CreateAsync("bjensen");
        var increment = new IncrementLoginCountNodeProcessor(Users);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => increment.ProcessAsync(Context(new { username = "bjensen" }), new()).AsTask()));

        Assert.Equal(20, (await Users.GetByUsernameAsync("bjensen"))!.LoginCount);
    }

    [Fact]
    public async Task IncrementLoginCount_WithoutAUser_FailsLikeAm()
    {
        var error = await Assert.ThrowsAsync<NodeProcessException>(async () =>
            await new IncrementLoginCountNodeProcessor(Users).ProcessAsync(Context(new { username = "nobody" }), new()));

        Assert.Equal("No object to increment.", error.Message);
    }
}

public sealed class IdentityStoreDecisionNodeTests : IdentityNodeTests
{
    private IdentityStoreDecisionNodeProcessor Processor => new(Verifier, Users);

    private static NodeContext Credentials(string username, string? password) =>
        Context(new { username }, password is null ? null : new { password });

    [Fact]
    public async Task RightPassword_True_WithTheIdAndTheAuthType()
    {
        await CreateAsync("bjensen", "Passw0rd-long");
        var authTypes = new List<string>();
        var context = NodeContext.Create(new JourneyStudio.Journeys.Model.JourneyNode { Id = "n", NodeType = "X" },
            sharedState: new JsonObject { ["username"] = "bjensen" }, transientState: new JsonObject { ["password"] = "Passw0rd-long" }, authTypes: authTypes);

        Assert.Equal(IdentityStoreDecisionDescriptor.TrueOutcome, (await Processor.ProcessAsync(context, new())).Outcome);
        Assert.Equal((await Users.GetByUsernameAsync("bjensen"))!.Id, context.GetSharedString("_id"));
        Assert.Equal(["DataStore"], authTypes);
        Assert.Equal("bjensen", context.Username);
    }

    [Fact]
    public async Task WrongPassword_UnknownUser_OrNoPassword_False()
    {
        await CreateAsync("bjensen", "Passw0rd-long");

        Assert.Equal("FALSE", (await Processor.ProcessAsync(Credentials("bjensen", "wrong-password"), new())).Outcome);
        Assert.Equal("FALSE", (await Processor.ProcessAsync(Credentials("nobody", "Passw0rd-long"), new())).Outcome);
        Assert.Equal("FALSE", (await Processor.ProcessAsync(Credentials("bjensen", null), new())).Outcome);
    }

    [Fact]
    public async Task InactiveProfile_Locked_OnlyWithTheRightPassword()
    {
        await CreateAsync("bjensen", "Passw0rd-long", with: n => n with { Active = false });

        Assert.Equal(IdentityStoreDecisionDescriptor.LockedOutcome, (await Processor.ProcessAsync(Credentials("bjensen", "Passw0rd-long"), new())).Outcome);
        Assert.Equal("FALSE", (await Processor.ProcessAsync(Credentials("bjensen", "wrong-password"), new())).Outcome);
    }

    [Fact]
    public async Task ABruteForceLockout_IsFalse_NotLocked()
    {
        await CreateAsync("bjensen", "Passw0rd-long", with: n => n with { Active = false });
        var verifier = new IdentityVerifier(Store, new RefusingGuard(), new BoundedPasswordHasher(1));

        var result = await new IdentityStoreDecisionNodeProcessor(verifier, Users).ProcessAsync(Credentials("bjensen", "Passw0rd-long"), new());

        Assert.Equal("FALSE", result.Outcome);
    }

    [Fact]
    public void TheFiveOutcomes_AreAmsIds()
    {
        Assert.Equal(["TRUE", "FALSE", "LOCKED", "CANCELLED", "EXPIRED"],
            new IdentityStoreDecisionDescriptor().GetOutcomes(new IdentityStoreDecisionConfig()).Select(o => o.Id));
    }

    private sealed class RefusingGuard : ICredentialGuard
    {
        public async Task<CredentialVerdict> CheckAsync(CredentialAttempt attempt, Func<CancellationToken, Task<bool>> verify,
            Func<CancellationToken, Task>? whenRefused = null, CancellationToken cancellationToken = default)
        {
            if (whenRefused is not null) await whenRefused(cancellationToken);
            return CredentialVerdict.IdentityLocked;
        }

        public Task SignedOnAsync(CredentialAudience audience, string username, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}

public sealed class KbaVerifyNodeTests : IdentityNodeTests
{
    private readonly FakeSelfServiceContent _questions = new();

    private KbaVerifyNodeProcessor Processor => new(Users, _questions, new PassThroughCredentialGuard());

    private async Task CreateWithQuestionsAsync() =>
        await CreateAsync("bjensen", with: n => n with
        {
            Profile = new IdentityProfileChanges
            {
                KbaInfo = [new KbaAnswerInput("1", null, "Blue"), new KbaAnswerInput(null, "Name of your first school?", "Hill Street")],
            },
        });

    [Fact]
    public async Task FirstPass_AsksEachQuestion_WithAPasswordCallback()
    {
        await CreateWithQuestionsAsync();

        var result = await Processor.ProcessAsync(Context(new { username = "bjensen" }), new());

        Assert.True(result.IsSend);
        Assert.Equal([Callback.PasswordType, Callback.PasswordType], result.Callbacks!.Select(c => c.Type));
        Assert.Equal(["What's your favorite color?", "Name of your first school?"], result.Callbacks!.Select(c => c.GetOutputString("prompt")));
    }

    [Fact]
    public async Task APredefinedQuestion_IsAskedAsTheAdminNowWordsIt()
    {
        await CreateWithQuestionsAsync();
        _questions.Questions[0] = new KbaQuestion("1", "Which colour do you like best?");

        var result = await Processor.ProcessAsync(Context(new { username = "bjensen" }), new());

        Assert.Equal("Which colour do you like best?", result.Callbacks![0].GetOutputString("prompt"));
    }

    [Theory]
    [InlineData(" BLUE", "hill street ", "true")]
    [InlineData("blue", "Elm Street", "false")]
    public async Task Answers_AreCheckedWithoutRegardToCaseOrSpaces(string first, string second, string expected)
    {
        await CreateWithQuestionsAsync();
        var sent = (await Processor.ProcessAsync(Context(new { username = "bjensen" }), new())).Callbacks!;
        var answered = new[] { sent[0].WithInputValue(0, first), sent[1].WithInputValue(0, second) };

        var result = await Processor.ProcessAsync(Context(new { username = "bjensen" }, callbacks: answered), new());

        Assert.Equal(expected, result.Outcome);
    }

    [Fact]
    public async Task AnEmptyAnswer_AsksAgain()
    {
        await CreateWithQuestionsAsync();
        var sent = (await Processor.ProcessAsync(Context(new { username = "bjensen" }), new())).Callbacks!;

        var result = await Processor.ProcessAsync(Context(new { username = "bjensen" }, callbacks: [sent[0].WithInputValue(0, "blue"), sent[1].WithInputValue(0, " ")]), new());

        Assert.True(result.IsSend);
    }

    [Fact]
    public async Task NoQuestions_OrNoUser_False()
    {
        await CreateAsync("plain");

        Assert.Equal("false", (await Processor.ProcessAsync(Context(new { username = "plain" }), new())).Outcome);
        Assert.Equal("false", (await Processor.ProcessAsync(Context(new { username = "nobody" }), new())).Outcome);
    }
}
