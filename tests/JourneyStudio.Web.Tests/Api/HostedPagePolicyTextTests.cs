using Jint;

namespace JourneyStudio.Web.Tests.Api;

/// <summary>
/// The sentences the hosted pages show for failed password and attribute policies, from the served
/// <c>/assets/policy-texts.js</c> (the module login.js words failedPolicies with), run in a JavaScript engine: counted rules
/// are singular for one and plural for more, never "(s)".
/// </summary>
public sealed class HostedPagePolicyTextTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private async Task<Func<string, string>> PolicyTextAsync()
    {
        var (_, module) = await ServedScriptModule.ImportAsync(fixture.Server, "policy-texts");
        var policyText = module.Get("policyText");
        return failure => policyText.Call(failure).AsString();
    }

    [Theory]
    [InlineData("""{"policyRequirement":"AT_LEAST_X_CAPITAL_LETTERS","params":{"numCaps":1}}""", "Use at least 1 capital letter.")]
    [InlineData("""{"policyRequirement":"AT_LEAST_X_CAPITAL_LETTERS","params":{"numCaps":2}}""", "Use at least 2 capital letters.")]
    [InlineData("""{"policyRequirement":"AT_LEAST_X_NUMBERS","params":{"numNums":1}}""", "Use at least 1 number.")]
    [InlineData("""{"policyRequirement":"AT_LEAST_X_NUMBERS","params":{"numNums":3}}""", "Use at least 3 numbers.")]
    [InlineData("""{"policyRequirement":"MIN_LENGTH","params":{"minLength":8}}""", "Use at least 8 characters.")]
    [InlineData("""{"policyRequirement":"MIN_LENGTH","params":{"minLength":1}}""", "Use at least 1 character.")]
    [InlineData("""{"policyRequirement":"MAX_LENGTH","params":{"maxLength":1}}""", "Use at most 1 character.")]
    [InlineData("""{"policyRequirement":"MAX_LENGTH","params":{"maxLength":200}}""", "Use at most 200 characters.")]
    [InlineData("""{"policyRequirement":"REQUIRED"}""", "This is required.")]
    [InlineData("""{"policyRequirement":"SOMETHING_NEW"}""", "SOMETHING_NEW")]
    public async Task FailedPolicy_IsWordedForItsCount(string failure, string expected)
    {
        var policyText = await PolicyTextAsync();

        Assert.Equal(expected, policyText(failure));
    }

    [Fact]
    public async Task LoginScript_WordsFailedPoliciesThroughTheModule_AndNoneSaysLetterS()
    {
        using var client = fixture.Server.CreateClient();
        var login = await client.GetStringAsync("assets/login.js");
        var texts = await client.GetStringAsync("assets/policy-texts.js");

        Assert.Contains("from './policy-texts.js'", login);
        Assert.DoesNotMatch(@"\w\(s\)\.", login + texts);      // "letter(s)." and the like
    }
}
