using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyStudio.Testing;

namespace JourneyStudio.Web.Tests.Api;

/// <summary>
/// The ForgeRock JavaScript SDK's own callback classes (tests/sdk-client/selfservice.mjs) read and answer the self-service
/// callbacks: policies and failed policies, KBA questions, terms; the sign-up journey ends in LoginSuccess.
/// </summary>
public sealed class SdkSelfServiceCompatibilityTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task Sdk_SignUp_ReadsFailedPolicies_ThenSucceedsWithGoodAnswers()
    {
        await SignOnJourneys.SeedAsync(fixture.Server, SelfServiceJourneys.SignUpJourney());
        var kba = new JsonArray(
            new JsonObject { ["question"] = "Who was your first employer?", ["answer"] = "Acme" },
            new JsonObject { ["question"] = "My own question?", ["answer"] = "Mine" });
        var attempts = new JsonArray(
            new JsonObject
            {
                ["username"] = SignOnJourneys.Username, ["password"] = "weak",
                ["attributes"] = new JsonObject { ["givenName"] = "Ada", ["mail"] = "not-an-address", ["preferences/marketing"] = true },
                ["kba"] = kba.DeepClone(), ["acceptTerms"] = true,
            },
            new JsonObject
            {
                ["username"] = "sdk.user", ["password"] = "Correct-Horse-9",
                ["attributes"] = new JsonObject { ["givenName"] = "Ada", ["mail"] = "ada@example.com", ["preferences/marketing"] = false },
                ["kba"] = kba.DeepClone(), ["acceptTerms"] = true,
            });

        var result = await RunAsync(SelfServiceJourneys.SignUp, attempts);

        Assert.Equal("LoginSuccess", (string?)result["type"]);
        var steps = result["steps"]!.AsArray();
        Assert.Equal(2, steps.Count);
        var first = steps[0]!;
        Assert.Equal(
            ["ValidatedCreateUsernameCallback", "StringAttributeInputCallback", "StringAttributeInputCallback", "BooleanAttributeInputCallback",
             "ValidatedCreatePasswordCallback", "KbaCreateCallback", "KbaCreateCallback", "TermsAndConditionsCallback"],
            first["types"]!.AsArray().Select(t => (string)t!));
        Assert.Contains("UNIQUE", first["policies"]!["username"]!.AsArray().Select(p => (string?)p));
        Assert.Equal("Email Address", (string?)first["prompts"]!["mail"]);
        Assert.Equal(["What's your favorite color?", "Who was your first employer?"], first["kba"]!["questions"]!.AsArray().Select(q => (string?)q));
        Assert.True((bool)first["kba"]!["allowOwn"]!);
        Assert.Equal("0.0", (string?)first["terms"]!["version"]);
        Assert.Equal("2026-01-01T00:00:00.000Z", (string?)first["terms"]!["createDate"]);
        var failed = steps[1]!["failedPolicies"]!;
        Assert.Equal(["UNIQUE"], failed["username"]!.AsArray().Select(p => (string?)p));
        Assert.Equal(["VALID_EMAIL_ADDRESS_FORMAT"], failed["mail"]!.AsArray().Select(p => (string?)p));
        Assert.Equal(["MIN_LENGTH", "AT_LEAST_X_CAPITAL_LETTERS", "AT_LEAST_X_NUMBERS"], failed["password"]!.AsArray().Select(p => (string?)p));
        Assert.Empty(failed["givenName"]!.AsArray());
    }

    private async Task<JsonObject> RunAsync(string tree, JsonArray attempts)
    {
        var input = new JsonObject
        {
            ["baseUrl"] = fixture.Server.BaseAddress.ToString(), ["realm"] = "alpha", ["tree"] = tree, ["attempts"] = attempts,
        };
        var start = new ProcessStartInfo("node") { WorkingDirectory = SdkClientFolder.Find(), RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("selfservice.mjs");
        start.ArgumentList.Add(input.ToJsonString());
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var output = (await stdout).Trim();
        try
        {
            return JsonNode.Parse(output.Split('\n')[^1]) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            throw new InvalidOperationException($"The SDK client printed no JSON result. stdout: {output} stderr: {await stderr}");
        }
    }
}
