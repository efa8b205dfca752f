using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyStudio.Testing;

namespace JourneyStudio.Web.Tests.Api;

/// <summary>
/// The ForgeRock JavaScript SDK 4.9.1 (tests/sdk-client, run by Node) signs on against the real server:
/// the clone speaks AM's protocol well enough for AM's own client.
/// </summary>
public sealed class SdkCompatibilityTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task Sdk_PlainJourney_RightPassword_IsLoginSuccessWithTokenId()
    {
        var result = await RunSdkAsync(SignOnJourneys.Plain, (SignOnJourneys.Username, SignOnJourneys.Password));

        Assert.Equal("LoginSuccess", result["type"]!.GetValue<string>());
        Assert.Equal(43, result["tokenId"]!.GetValue<string>().Length);
        Assert.Equal("/account?realm=alpha", result["successUrl"]!.GetValue<string>());
        Assert.Equal("/alpha", result["realm"]!.GetValue<string>());
        Assert.Equal(["NameCallback", "PasswordCallback"], Steps(result).Select(s => string.Join(",", s)));
    }

    [Fact]
    public async Task Sdk_PlainJourney_WrongPassword_IsLoginFailure()
    {
        var result = await RunSdkAsync(SignOnJourneys.Plain, (SignOnJourneys.Username, "wrong-password"));

        Assert.Equal("LoginFailure", result["type"]!.GetValue<string>());
        Assert.Equal(401, result["code"]!.GetValue<int>());
        Assert.Equal("Login failure", result["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sdk_PageJourneyWithRetryLimit_OneWrongPasswordThenRight_IsLoginSuccess()
    {
        var result = await RunSdkAsync(SignOnJourneys.PageWithRetry,
            (SignOnJourneys.Username, "wrong-password"), (SignOnJourneys.Username, SignOnJourneys.Password));

        Assert.Equal("LoginSuccess", result["type"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(result["tokenId"]!.GetValue<string>()));
        // The same page twice: the retry went back to it.
        Assert.Equal(["NameCallback,PasswordCallback", "NameCallback,PasswordCallback"], Steps(result).Select(s => string.Join(",", s)));
        Assert.All(result["steps"]!.AsArray(), s => Assert.Equal("Sign In", s!["header"]!.GetValue<string>()));
    }

    private static IEnumerable<IEnumerable<string>> Steps(JsonObject result) =>
        result["steps"]!.AsArray().Select(s => s!["callbacks"]!.AsArray().Select(c => c!.GetValue<string>()));

    private async Task<JsonObject> RunSdkAsync(string tree, params (string Username, string Password)[] attempts)
    {
        var client = SdkClientFolder.Find();
        var input = new JsonObject
        {
            ["baseUrl"] = fixture.Server.BaseAddress.ToString(),
            ["realm"] = "alpha",
            ["tree"] = tree,
            ["attempts"] = new JsonArray(attempts.Select(a => (JsonNode)new JsonObject { ["username"] = a.Username, ["password"] = a.Password }).ToArray()),
        };
        var start = new ProcessStartInfo("node") { WorkingDirectory = client, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("signon.mjs");
        start.ArgumentList.Add(input.ToJsonString());
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var output = (await stdout).Trim();
        try
        {
            return JsonNode.Parse(output.Split('\n')[^1]) as JsonObject
                   ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            throw new InvalidOperationException($"The SDK client printed no JSON result. stdout: {output} stderr: {await stderr}");
        }
    }
}
