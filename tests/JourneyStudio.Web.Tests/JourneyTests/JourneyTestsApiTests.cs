using System.Net;
using System.Text.Json;
using JourneyStudio.Journeys.Frodo;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Testing;
using static JourneyStudio.Web.Tests.Admin.AdminApiFixture;

namespace JourneyStudio.Web.Tests.JourneyTests;

/// <summary>
/// Journey tests over real HTTP: running a journey's scenarios (shipped and uploaded), their results per scenario, the
/// sandbox keeping test users out of the studio, tests travelling in export and import, and publish refusing a draft
/// whose tests fail.
/// </summary>
public sealed class JourneyTestsApiTests(Admin.AdminApiFixture fixture) : IClassFixture<Admin.AdminApiFixture>
{
    private readonly HttpClient _admin = fixture.Admin();

    private static string PathOf(string name) => $"/admin/api/journeys/{Uri.EscapeDataString(name)}";

    /// <summary>Start wired to <paramref name="entry"/>, with one scenario (no steps) expecting <paramref name="expect"/>.</summary>
    public static string ExportWithTest(string name, string entry, JourneyTestEndKind expect, string scenario = "Ends at once") =>
        FrodoJourneyWriter.WriteSingle(JourneyTestFormat.WithTests(new Journey { Name = name, EntryNodeId = entry }, new JourneyTestSuite
        {
            Scenarios =
            [
                new JourneyTestScenario
                {
                    Name = scenario, User = new JourneyTestUser { Username = "sandbox.api", Password = "Sandbox-Passw0rd!" },
                    Expect = new JourneyTestExpectation { End = expect },
                },
            ],
        }));

    private async Task<HttpResponseMessage> PutAsync(string name, string body, string? ifMatch = null, string query = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Put, PathOf(name) + query) { Content = Json(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await _admin.SendAsync(request);
    }

    private Task<HttpResponseMessage> RunAsync(string name, string query = "") => _admin.PostAsync(PathOf(name) + "/tests/run" + query, Json(""));

    [Fact]
    public async Task RunTests_ShippedLogin_EveryScenarioPassesWithItsPath()
    {
        var response = await RunAsync("Login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var run = await ReadJsonAsync(response);
        Assert.True(run.GetProperty("passed").GetBoolean());
        var scenarios = run.GetProperty("scenarios").EnumerateArray().ToList();
        Assert.Equal(2, scenarios.Count);
        var success = scenarios.Single(s => s.GetProperty("name").GetString() == "Signs on with the right password");
        Assert.Equal("success", success.GetProperty("end").GetString());
        Assert.Contains(success.GetProperty("path").EnumerateArray(), p => p.GetProperty("outcome").GetString() == "true");
        var wrong = scenarios.Single(s => s.GetProperty("name").GetString() == "Refuses a wrong password");
        Assert.Equal("failure", wrong.GetProperty("end").GetString());
        Assert.Contains(wrong.GetProperty("path").EnumerateArray(), p => p.GetProperty("outcome").GetString() == "false");
    }

    [Fact]
    public async Task RunTests_ShippedPushJourney_TestUsersNeverReachTheStudio()
    {
        var run = await ReadJsonAsync(await RunAsync("Login with Push MFA"));

        Assert.True(run.GetProperty("passed").GetBoolean(), run.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync("/admin/api/identities/sandbox.alice")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync("/admin/api/identities/sandbox.bob")).StatusCode);
    }

    [Fact]
    public async Task RunTests_WrongExpectation_FailsSayingWhereAndWhy()
    {
        Assert.Equal(HttpStatusCode.Created, (await PutAsync("Tests expect failure", ExportWithTest("Tests expect failure", StaticNodeIds.Success, JourneyTestEndKind.Failure))).StatusCode);

        var run = await ReadJsonAsync(await RunAsync("Tests expect failure"));

        Assert.False(run.GetProperty("passed").GetBoolean());
        var scenario = run.GetProperty("scenarios")[0];
        Assert.False(scenario.GetProperty("passed").GetBoolean());
        Assert.Equal("success", scenario.GetProperty("end").GetString());
        Assert.Contains("Expected Failure, but the journey ended in Success", scenario.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task RunTests_UnknownJourneyOrRevision_404AndBadRevision400()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await RunAsync("No such journey")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await RunAsync("Login", "?revision=999")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await RunAsync("Login", "?revision=x")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RunAsync("Login", "?revision=1")).StatusCode);
    }

    [Fact]
    public async Task Publish_DraftWhoseTestFails_422ListsTheFailingTestAndStaysDraft()
    {
        const string name = "Tests refuse publish";
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(name, ExportWithTest(name, StaticNodeIds.Success, JourneyTestEndKind.Success))).StatusCode);
        Assert.True((await PutAsync(name, ExportWithTest(name, StaticNodeIds.Failure, JourneyTestEndKind.Success, "Still signs on"), "\"1\"", "?draft=true")).IsSuccessStatusCode);

        var publish = new HttpRequestMessage(HttpMethod.Post, PathOf(name) + "/publish") { Content = Json("") };
        publish.Headers.TryAddWithoutValidation("If-Match", "\"2\"");
        var response = await _admin.SendAsync(publish);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Contains(body.GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == "JourneyTestFailed");
        var failing = Assert.Single(body.GetProperty("failingTests").EnumerateArray());
        Assert.Equal("Still signs on", failing.GetProperty("name").GetString());
        Assert.Contains("Expected Success, but the journey ended in Failure", failing.GetProperty("reason").GetString());
        var row = (await ReadJsonAsync(await _admin.GetAsync("/admin/api/journeys"))).EnumerateArray().Single(j => j.GetProperty("name").GetString() == name);
        Assert.Equal(1, row.GetProperty("liveRevision").GetInt32());
        Assert.Equal(2, row.GetProperty("draftRevision").GetInt32());
    }

    [Fact]
    public async Task Publish_DraftWhoseTestsPass_GoesLive()
    {
        const string name = "Tests allow publish";
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(name, ExportWithTest(name, StaticNodeIds.Success, JourneyTestEndKind.Success))).StatusCode);
        Assert.True((await PutAsync(name, ExportWithTest(name, StaticNodeIds.Failure, JourneyTestEndKind.Failure), "\"1\"", "?draft=true")).IsSuccessStatusCode);

        var publish = new HttpRequestMessage(HttpMethod.Post, PathOf(name) + "/publish") { Content = Json("") };
        publish.Headers.TryAddWithoutValidation("If-Match", "\"2\"");

        Assert.Equal(HttpStatusCode.OK, (await _admin.SendAsync(publish)).StatusCode);
    }

    [Fact]
    public async Task ExportThenImport_CarriesTheTests()
    {
        var export = await _admin.GetStringAsync(PathOf("Login") + "/export");
        var renamed = JsonDocument.Parse(export).RootElement;
        Assert.True(renamed.GetProperty("trees").GetProperty("Login").TryGetProperty(JourneyTestFormat.SectionName, out var section));
        Assert.Equal(2, section.GetProperty("scenarios").GetArrayLength());

        var single = FrodoJourneyReader.Read(export).Single() with { Name = "Login imported with tests" };
        var import = await _admin.PostAsync("/admin/api/journeys/import", Json(FrodoJourneyWriter.WriteSingle(single)));
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);

        var imported = FrodoJourneyReader.Read(await _admin.GetStringAsync(PathOf("Login imported with tests"))).Single();
        Assert.Equal(JourneyTestFormat.Read(FrodoJourneyReader.Read(export).Single()), JourneyTestFormat.Read(imported), new SuiteComparer());
        Assert.True((await ReadJsonAsync(await RunAsync("Login imported with tests"))).GetProperty("passed").GetBoolean());
    }

    private sealed class SuiteComparer : IEqualityComparer<JourneyTestSuite>
    {
        public bool Equals(JourneyTestSuite? x, JourneyTestSuite? y) =>
            JourneyTestFormat.ToJson(x!).ToJsonString() == JourneyTestFormat.ToJson(y!).ToJsonString();

        public int GetHashCode(JourneyTestSuite obj) => 0;
    }
}
