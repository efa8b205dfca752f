using System.Net;
using System.Text.Json.Nodes;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Web.Tests.Api;

/// <summary>The self-service callbacks over real HTTP, as an AM client sees and answers them.</summary>
public sealed class SelfServiceCallbackHttpTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private async Task<(AmClient Client, AmResponse Step)> StartSignUpAsync()
    {
        await SignOnJourneys.SeedAsync(fixture.Server, SelfServiceJourneys.SignUpJourney(), SelfServiceJourneys.ChooseJourney());
        var client = fixture.CreateClient();
        return (client, await client.StartAsync(SelfServiceJourneys.SignUp));
    }

    /// <summary>The step with inputs set by their IDToken names.</summary>
    private static JsonObject With(JsonObject step, params (string Name, object? Value)[] values)
    {
        var copy = (JsonObject)step.DeepClone();
        foreach (var (name, value) in values)
        {
            var input = copy["callbacks"]!.AsArray().SelectMany(c => c!["input"]?.AsArray() ?? []).Single(i => (string?)i!["name"] == name)!;
            input["value"] = value is null ? null : JsonValue.Create(value);
        }
        return copy;
    }

    private static JsonNode Callback(AmResponse step, int index) => step.Body["callbacks"]![index]!;

    // As AM writes them: apostrophes and ampersands unescaped.
    private static readonly System.Text.Json.JsonSerializerOptions AsSent = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static IReadOnlyList<string> FailedRequirements(JsonNode callback) =>
        callback["output"]!.AsArray().Single(o => (string?)o!["name"] == "failedPolicies")!["value"]!.AsArray()
            .Select(f => (string)JsonNode.Parse(f!.GetValue<string>())!["policyRequirement"]!).ToList();

    private static readonly (string, object?)[] GoodAnswers =
    [
        ("IDToken1", "new.user"), ("IDToken2", "Ada"), ("IDToken3", "ada@example.com"), ("IDToken4", true),
        ("IDToken5", "Correct-Horse-9"),
        ("IDToken6question", "What's your favorite color?"), ("IDToken6answer", "teal"),
        ("IDToken7question", "The street I grew up on?"), ("IDToken7answer", "Elm"),
        ("IDToken8", true),
    ];

    [Fact]
    public async Task SignUpPage_SendsEveryCallbackInAmsShape()
    {
        var (client, step) = await StartSignUpAsync();
        using var _ = client;

        Assert.Equal(HttpStatusCode.OK, step.Status);
        Assert.Equal(SelfServiceJourneys.Header, (string?)step.Body["header"]);
        Assert.Equal(
            ["ValidatedCreateUsernameCallback", "StringAttributeInputCallback", "StringAttributeInputCallback", "BooleanAttributeInputCallback",
             "ValidatedCreatePasswordCallback", "KbaCreateCallback", "KbaCreateCallback", "TermsAndConditionsCallback"],
            step.Body["callbacks"]!.AsArray().Select(c => (string)c!["type"]!));
        Assert.Equal(
            "{\"type\":\"StringAttributeInputCallback\",\"output\":[{\"name\":\"name\",\"value\":\"mail\"},{\"name\":\"prompt\",\"value\":\"Email Address\"},{\"name\":\"required\",\"value\":true},"
            + "{\"name\":\"policies\",\"value\":{\"policyRequirements\":[\"REQUIRED\",\"VALID_TYPE\",\"VALID_EMAIL_ADDRESS_FORMAT\",\"MAX_LENGTH\"],\"fallbackPolicies\":null,\"name\":\"mail\",\""
            + "policies\":[{\"policyId\":\"required\",\"policyRequirements\":[\"REQUIRED\"]},{\"policyId\":\"valid-type\",\"policyRequirements\":[\"VALID_TYPE\"],\"params\":{\"types\":[\"string\"]}},"
            + "{\"policyId\":\"valid-email-address-format\",\"policyRequirements\":[\"VALID_EMAIL_ADDRESS_FORMAT\"]},{\"policyId\":\"maximum-length\",\"policyRequirements\":[\"MAX_LENGTH\"],\"params\":{\"maxLength\":320}}],\""
            + "conditionalPolicies\":null}},{\"name\":\"failedPolicies\",\"value\":[]},{\"name\":\"validateOnly\",\"value\":false},{\"name\":\"value\",\"value\":\"\"}],\""
            + "input\":[{\"name\":\"IDToken3\",\"value\":\"\"},{\"name\":\"IDToken3validateOnly\",\"value\":false}],\"_id\":2}",
            Callback(step, 2).ToJsonString());
        Assert.Equal(
            "{\"type\":\"BooleanAttributeInputCallback\",\"output\":[{\"name\":\"name\",\"value\":\"preferences/marketing\"},{\"name\":\"prompt\",\"value\":\"Send me special offers and services\"},"
            + "{\"name\":\"required\",\"value\":true},{\"name\":\"policies\",\"value\":{\"policyRequirements\":[\"REQUIRED\",\"VALID_TYPE\"],\"fallbackPolicies\":null,\"name\":\"preferences/marketing\",\""
            + "policies\":[{\"policyId\":\"required\",\"policyRequirements\":[\"REQUIRED\"]},{\"policyId\":\"valid-type\",\"policyRequirements\":[\"VALID_TYPE\"],\"params\":{\"types\":[\"boolean\"]}}],\""
            + "conditionalPolicies\":null}},{\"name\":\"failedPolicies\",\"value\":[]},{\"name\":\"validateOnly\",\"value\":false},{\"name\":\"value\",\"value\":false}],\""
            + "input\":[{\"name\":\"IDToken4\",\"value\":false},{\"name\":\"IDToken4validateOnly\",\"value\":false}],\"_id\":3}",
            Callback(step, 3).ToJsonString());
        Assert.Equal(
            "{\"type\":\"KbaCreateCallback\",\"output\":[{\"name\":\"prompt\",\"value\":\"Select a security question\"},"
            + "{\"name\":\"predefinedQuestions\",\"value\":[\"What's your favorite color?\",\"Who was your first employer?\"]},{\"name\":\"allowUserDefinedQuestions\",\"value\":true}],\""
            + "input\":[{\"name\":\"IDToken6question\",\"value\":\"\"},{\"name\":\"IDToken6answer\",\"value\":\"\"}],\"_id\":5}",
            Callback(step, 5).ToJsonString(AsSent));
        Assert.Contains("\"What's your favorite color?\"", step.Text);
        Assert.Equal(
            "{\"type\":\"TermsAndConditionsCallback\",\"output\":[{\"name\":\"version\",\"value\":\"0.0\"},{\"name\":\"terms\",\"value\":\"These are placeholder terms and conditions. An administrator publishes the real ones in the studio, under Terms & Questions.\"},"
            + "{\"name\":\"createDate\",\"value\":\"2026-01-01T00:00:00.000Z\"}],\"input\":[{\"name\":\"IDToken8\",\"value\":false}],\"_id\":7}",
            Callback(step, 7).ToJsonString(AsSent));
        var username = Callback(step, 0);
        Assert.Equal(["policies", "failedPolicies", "validateOnly", "prompt"], username["output"]!.AsArray().Select(o => (string)o!["name"]!));
        Assert.Equal(["IDToken1", "IDToken1validateOnly"], username["input"]!.AsArray().Select(i => (string)i!["name"]!));
        var password = Callback(step, 4);
        Assert.Equal(["echoOn", "policies", "failedPolicies", "validateOnly", "prompt"], password["output"]!.AsArray().Select(o => (string)o!["name"]!));
    }

    [Fact]
    public async Task SignUpPage_FailedPolicies_ComeBackAsJsonStrings_AndTheStepIsSentAgain()
    {
        var (client, step) = await StartSignUpAsync();
        using var _ = client;
        await SignOnJourneys.SeedAsync(fixture.Server); // the test user "jdoe" exists

        var again = await client.SubmitAsync(With(step.Body, GoodAnswers.Concat<(string, object?)>(
            [("IDToken1", SignOnJourneys.Username), ("IDToken3", "not-an-address"), ("IDToken5", "weak")]).ToArray()), SelfServiceJourneys.SignUp);

        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(["UNIQUE"], FailedRequirements(Callback(again, 0)));
        Assert.Equal(["VALID_EMAIL_ADDRESS_FORMAT"], FailedRequirements(Callback(again, 2)));
        Assert.Equal(["MIN_LENGTH", "AT_LEAST_X_CAPITAL_LETTERS", "AT_LEAST_X_NUMBERS"], FailedRequirements(Callback(again, 4)));
        Assert.Empty(FailedRequirements(Callback(again, 1)));
        // What the user typed is kept, except the password.
        Assert.Equal("not-an-address", (string?)Callback(again, 2)["input"]![0]!["value"]);
        Assert.Equal("", (string?)Callback(again, 4)["input"]![0]!["value"]);
    }

    [Fact]
    public async Task SignUpPage_ValidateOnly_ChecksAndStaysOnThePage()
    {
        var (client, step) = await StartSignUpAsync();
        using var _ = client;

        var again = await client.SubmitAsync(With(step.Body, GoodAnswers.Append(("IDToken3validateOnly", true)).ToArray()), SelfServiceJourneys.SignUp);

        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.NotNull(again.Body["authId"]);
        Assert.Empty(FailedRequirements(Callback(again, 2)));
    }

    [Fact]
    public async Task SignUpPage_MissingAnswersAndUnacceptedTerms_AskAgain_NotAnError()
    {
        var (client, step) = await StartSignUpAsync();
        using var _ = client;

        var again = await client.SubmitAsync(With(step.Body, GoodAnswers.Concat<(string, object?)>(
            [("IDToken2", ""), ("IDToken6answer", ""), ("IDToken8", false)]).ToArray()), SelfServiceJourneys.SignUp);

        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(["REQUIRED"], FailedRequirements(Callback(again, 1)));
        Assert.Equal("TermsAndConditionsCallback", (string?)Callback(again, 7)["type"]);
    }

    [Theory]
    [InlineData("IDToken2", 42, "must be a string")]
    [InlineData("IDToken4", "yes", "must be true or false")]
    [InlineData("IDToken8", "true", "must be true or false")]
    [InlineData("IDToken6answer", 7, "must be a string")]
    public async Task SignUpPage_WrongInputType_Is400AndChangesNothing(string input, object value, string expected)
    {
        var (client, step) = await StartSignUpAsync();
        using var _ = client;

        var response = await client.SubmitAsync(With(step.Body, GoodAnswers.Append((input, value)).ToArray()), SelfServiceJourneys.SignUp);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains(expected, response.ErrorMessage);
        // The same step still works.
        var success = await client.SubmitAsync(With(step.Body, GoodAnswers), SelfServiceJourneys.SignUp);
        Assert.Equal(HttpStatusCode.OK, success.Status);
        Assert.NotNull(success.Body["successUrl"]);
    }

    [Fact]
    public async Task SignUpPage_MissingKbaInput_Is400()
    {
        var (client, step) = await StartSignUpAsync();
        using var _ = client;
        var body = With(step.Body, GoodAnswers);
        body["callbacks"]![6]!["input"]!.AsArray().RemoveAt(1);

        var response = await client.SubmitAsync(body, SelfServiceJourneys.SignUp);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("IDToken7answer", response.ErrorMessage);
    }

    [Fact]
    public async Task SignUpPage_GoodAnswers_Succeed()
    {
        var (client, step) = await StartSignUpAsync();
        using var _ = client;

        var success = await client.SubmitAsync(With(step.Body, GoodAnswers), SelfServiceJourneys.SignUp);

        Assert.Equal(HttpStatusCode.OK, success.Status);
        Assert.Null(success.Body["authId"]);
        Assert.NotNull(success.Body["successUrl"]);
    }

    [Fact]
    public async Task ChoiceCollector_SendsChoiceCallback_AndFollowsThePickedChoice()
    {
        await SignOnJourneys.SeedAsync(fixture.Server, SelfServiceJourneys.ChooseJourney());
        using var client = fixture.CreateClient();

        var step = await client.StartAsync(SelfServiceJourneys.Choose);
        Assert.Equal(
            "{\"type\":\"ChoiceCallback\",\"output\":[{\"name\":\"prompt\",\"value\":\"Go on?\"},{\"name\":\"choices\",\"value\":[\"Continue\",\"Stop\"]},{\"name\":\"defaultChoice\",\"value\":0}],\"input\":[{\"name\":\"IDToken1\",\"value\":0}],\"_id\":0}",
            Callback(step, 0).ToJsonString());
        var failure = await client.SubmitAsync(With(step.Body, ("IDToken1", 1)), SelfServiceJourneys.Choose);
        Assert.Equal(HttpStatusCode.Unauthorized, failure.Status);

        var again = await client.StartAsync(SelfServiceJourneys.Choose);
        var success = await client.SubmitAsync(With(again.Body, ("IDToken1", 0)), SelfServiceJourneys.Choose);
        Assert.Equal(HttpStatusCode.OK, success.Status);
    }

    [Fact]
    public async Task AccountLockout_WrongPassword_LocksTheAccount_AndTheRightPasswordNoLongerSignsOn()
    {
        await SignOnJourneys.SeedAsync(fixture.Server, SelfServiceJourneys.LockOnFailureJourney());
        var identities = fixture.Server.Services.GetRequiredService<IdentityStore>();
        Assert.IsType<IdentityResult.Done>(await identities.CreateAsync(new NewIdentity("lock.me", "Right-Password-1")));
        using var client = fixture.CreateClient();

        var failure = await client.SignOnAsync(SelfServiceJourneys.LockOnFailure, "lock.me", "wrong-password");

        Assert.Equal(HttpStatusCode.Unauthorized, failure.Status);
        Assert.False((await identities.GetAsync("lock.me"))!.Active);
        var refused = await client.SignOnAsync(SelfServiceJourneys.LockOnFailure, "lock.me", "Right-Password-1");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
    }
}
