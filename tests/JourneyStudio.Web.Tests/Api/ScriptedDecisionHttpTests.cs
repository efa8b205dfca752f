using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyStudio.Runtime.Sessions;
using JourneyStudio.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Web.Tests.Api;

/// <summary>
/// Journeys with Scripted Decision nodes, imported with their scripts through the admin API and run over real HTTP through
/// the authenticate endpoint, as an AM client sees them.
/// </summary>
public sealed class ScriptedDecisionHttpTests : IAsyncLifetime
{
    private const string SignOn = "Test Scripted Sign On";
    private StudioServer _server = null!;

    private static string ExportFile(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ScriptExports", name));

    public async Task InitializeAsync()
    {
        _server = StudioServer.Start(new Dictionary<string, string?> { ["JourneyStudio:Scripting:Timeout"] = "00:00:02" });
        await SignOnJourneys.SeedAsync(_server);
        using var admin = Admin();
        using var imported = await admin.PostAsync("admin/api/journeys/import",
            new StringContent(ExportFile("ScriptedSignOn.journeys.json"), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private HttpClient Admin()
    {
        var client = _server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{StudioServer.AdminUsername}:{StudioServer.AdminPassword}")));
        return client;
    }

    [Fact]
    public async Task AScriptedJourney_SendsTheScriptsCallbacks_AndSignsOnWithTheAnswers()
    {
        using var client = new AmClient(_server);

        var first = await client.StartAsync(SignOn);
        Assert.True(first.Status == HttpStatusCode.OK, first.Text);
        var callbacks = first.Body["callbacks"]!.AsArray();
        Assert.Equal(
            """[{"type":"NameCallback","output":[{"name":"prompt","value":"User Name"}],"input":[{"name":"IDToken1","value":""}],"_id":0},{"type":"PasswordCallback","output":[{"name":"prompt","value":"Password"}],"input":[{"name":"IDToken2","value":""}],"_id":1},{"type":"ChoiceCallback","output":[{"name":"prompt","value":"Continue?"},{"name":"choices","value":["Sign on","Cancel"]},{"name":"defaultChoice","value":0}],"input":[{"name":"IDToken3","value":0}],"_id":2}]""",
            callbacks.ToJsonString());

        var greeting = await client.SubmitAsync(AmClient.Fill(first.Body, SignOnJourneys.Username, SignOnJourneys.Password, 0), SignOn);
        Assert.True(greeting.Status == HttpStatusCode.OK, greeting.Text);
        var shown = greeting.Body["callbacks"]!.AsArray();
        Assert.Equal("TextOutputCallback", (string?)shown[0]!["type"]);
        Assert.Equal($"Welcome {SignOnJourneys.Username} to /alpha", (string?)shown[0]!["output"]![0]!["value"]);
        Assert.Equal("ConfirmationCallback", (string?)shown[1]!["type"]);

        var done = await client.SubmitAsync(AmClient.Fill(greeting.Body, 0), SignOn);

        Assert.Equal(HttpStatusCode.OK, done.Status);
        Assert.False(string.IsNullOrEmpty((string?)done.Body["tokenId"]));
    }

    [Fact]
    public async Task ANextGenerationWithErrorMessage_IsThe401MessageTheClientGets()
    {
        using var client = new AmClient(_server);
        var first = await client.StartAsync(SignOn);
        var greeting = await client.SubmitAsync(AmClient.Fill(first.Body, SignOnJourneys.Username, SignOnJourneys.Password, 0), SignOn);

        var stopped = await client.SubmitAsync(AmClient.Fill(greeting.Body, 1), SignOn);

        Assert.Equal(HttpStatusCode.Unauthorized, stopped.Status);
        Assert.Equal("""{"code":401,"reason":"Unauthorized","message":"Stopped.","detail":{"failureUrl":""}}""", stopped.Body.ToJsonString());
    }

    [Fact]
    public async Task AScriptedJourney_WithAWrongPassword_FailsAtTheDataStoreDecision()
    {
        using var client = new AmClient(_server);
        var first = await client.StartAsync(SignOn);

        var failure = await client.SubmitAsync(AmClient.Fill(first.Body, SignOnJourneys.Username, "wrong-password", 0), SignOn);

        Assert.Equal(HttpStatusCode.Unauthorized, failure.Status);
    }

    [Fact]
    public async Task AScriptError_IsALoginFailure_AndTheRunRecordNamesTheScriptAndLine()
    {
        using var client = new AmClient(_server);

        var failure = await client.StartAsync("Test Scripted Broken");

        Assert.Equal(HttpStatusCode.Unauthorized, failure.Status);
        Assert.Equal("Login failure", failure.ErrorMessage);
        var runs = await _server.Services.GetRequiredService<JourneySessionStore>().ListRecentAsync("Test Scripted Broken");
        Assert.Contains("Script 'Test broken' failed at line 2", Assert.Single(runs).FailureReason);
    }

    [Theory]
    // The time or the statement limit, whichever the machine reaches first.
    [InlineData("Test Scripted Spin", "Script 'Test spin' failed: it ran (longer than the time limit|more statements than allowed)")]
    [InlineData("Test Scripted Hog", "Script 'Test hog' failed: it used more memory than allowed")]
    [InlineData("Test Scripted Deep", "Script 'Test deep' failed: its calls nested deeper than allowed")]
    public async Task AScriptPastASandboxLimit_EndsTheStepWithALoginFailure_AndTheStudioKeepsServing(string journey, string reason)
    {
        using var client = new AmClient(_server);
        var clock = Stopwatch.StartNew();

        var failure = await client.StartAsync(journey);

        Assert.Equal(HttpStatusCode.Unauthorized, failure.Status);
        Assert.Equal("Login failure", failure.ErrorMessage);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        var runs = await _server.Services.GetRequiredService<JourneySessionStore>().ListRecentAsync(journey);
        Assert.Matches(reason, Assert.Single(runs).FailureReason);
        Assert.Equal(HttpStatusCode.OK, (await client.StartAsync(SignOn)).Status);
    }

    [Fact]
    public async Task ExistingSession_IsTheSessionTheRequestCarries_AndAbsentWithoutOne()
    {
        using var anonymous = new AmClient(_server);
        using var signedOn = new AmClient(_server);
        Assert.Equal(HttpStatusCode.OK, (await signedOn.SignOnAsync(SignOnJourneys.Plain, SignOnJourneys.Username, SignOnJourneys.Password)).Status);

        var withoutSession = await anonymous.StartAsync("Test Scripted Session");
        var withSession = await signedOn.StartAsync("Test Scripted Session");

        Assert.Equal(HttpStatusCode.Unauthorized, withoutSession.Status);
        Assert.Equal(HttpStatusCode.OK, withSession.Status);
    }

    [Fact]
    public async Task TheExportOfAScriptedJourney_CarriesItsScripts_AsFrodoWritesThem()
    {
        using var admin = Admin();

        var single = JsonNode.Parse(await admin.GetStringAsync($"admin/api/journeys/{Uri.EscapeDataString(SignOn)}"))!;
        var multi = JsonNode.Parse(await admin.GetStringAsync($"admin/api/journeys/{Uri.EscapeDataString(SignOn)}/export"))!;

        using var original = JsonDocument.Parse(ExportFile("ScriptedSignOn.journeys.json"));
        var expected = original.RootElement.GetProperty("trees").GetProperty(SignOn).GetProperty("scripts");
        Assert.True(JsonElement.DeepEquals(expected, JsonSerializer.SerializeToElement(single["scripts"])), single["scripts"]!.ToJsonString());
        Assert.True(JsonElement.DeepEquals(expected, JsonSerializer.SerializeToElement(multi["trees"]![SignOn]!["scripts"])));
    }

    [Fact]
    public async Task TheTestExportWithScripts_ImportsThroughTheApi_AndItsJavaScriptValidates()
    {
        using var admin = Admin();
        var reference = ExportFile("StudioScripts.journeys.json");

        using var imported = await admin.PostAsync("admin/api/journeys/import", new StringContent(reference, Encoding.UTF8, "application/json"));
        var validation = JsonNode.Parse(await admin.GetStringAsync("admin/api/journeys/Studio%20Nested/validation"))!;
        var exported = JsonNode.Parse(await admin.GetStringAsync("admin/api/journeys/Studio%20Nested/export"))!;

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.DoesNotContain(validation["findings"]!.AsArray(), f => ((string?)f!["code"])?.StartsWith("script-", StringComparison.Ordinal) == true);
        Assert.Equal(4, exported["trees"]!["Studio Nested"]!["scripts"]!.AsObject().Count);
    }
}
