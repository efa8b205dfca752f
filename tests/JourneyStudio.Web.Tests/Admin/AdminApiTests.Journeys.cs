using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using JourneyStudio.Journeys.Frodo;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Validation;
using JourneyStudio.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;
using static JourneyStudio.Web.Tests.Admin.AdminApiFixture;

namespace JourneyStudio.Web.Tests.Admin;

public sealed partial class AdminApiTests
{
    private JourneyStore Store => fixture.Server.Services.GetRequiredService<JourneyStore>();

    private static string Path(string name) => $"/admin/api/journeys/{Uri.EscapeDataString(name)}";

    private async Task<HttpResponseMessage> PutAsync(string name, string body, string? ifMatch = null, string query = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Put, Path(name) + query) { Content = Json(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await _admin.SendAsync(request);
    }

    [Fact]
    public async Task ListJourneys_ShowsRevisionStateAndValidationCounts()
    {
        Assert.Equal(HttpStatusCode.Created, (await PutAsync("List broken", FrodoJourneyWriter.WriteSingle(new Journey { Name = "List broken" }))).StatusCode);

        var response = await _admin.GetAsync("/admin/api/journeys");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = (await ReadJsonAsync(response)).EnumerateArray().ToList();
        var login = list.Single(j => j.GetProperty("name").GetString() == "Login");
        Assert.True(login.GetProperty("realmDefault").GetBoolean());
        Assert.True(login.GetProperty("enabled").GetBoolean());
        Assert.True(login.GetProperty("revision").GetInt32() >= 1);
        Assert.Equal(0, login.GetProperty("validationErrors").GetInt32());
        Assert.True(login.TryGetProperty("updated", out _));
        var broken = list.Single(j => j.GetProperty("name").GetString() == "List broken");
        Assert.False(broken.GetProperty("realmDefault").GetBoolean());
        Assert.True(broken.GetProperty("validationErrors").GetInt32() >= 1);
    }

    [Fact]
    public async Task GetJourney_ReturnsTheFrodoSingleExportWithRevisionETag()
    {
        var stored = await Store.GetAsync("Login");

        var response = await _admin.GetAsync(Path("Login"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"\"{stored!.Revision}\"", response.Headers.ETag?.ToString());
        var journey = Assert.Single(FrodoJourneyReader.Read(await response.Content.ReadAsStringAsync()));
        Assert.Equal("Login", journey.Name);
        Assert.Empty(JourneyComparer.Differences(stored.Journey, journey));
    }

    [Fact]
    public async Task GetJourney_Unknown_Answers404()
    {
        await AssertErrorAsync(await _admin.GetAsync(Path("No such journey")), HttpStatusCode.NotFound, "No such journey");
    }

    [Fact]
    public async Task PutJourney_Absent_CreatesItWith201AndETag()
    {
        var response = await PutAsync("Put created", SimpleExport("Put created", "made by PUT"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.ToString());
        Assert.Equal(1, (await ReadJsonAsync(response)).GetProperty("revision").GetInt32());
        Assert.Equal("made by PUT", (await Store.GetAsync("Put created"))!.Journey.Description);
    }

    [Fact]
    public async Task PutJourney_ExistingWithoutRevision_Answers428AndKeepsIt()
    {
        await PutAsync("Put blind", SimpleExport("Put blind", "first"));

        var response = await PutAsync("Put blind", SimpleExport("Put blind", "second"));

        Assert.Equal((HttpStatusCode)428, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal(428, body.GetProperty("code").GetInt32());
        Assert.Equal(1, body.GetProperty("currentRevision").GetInt32());
        Assert.Equal("first", (await Store.GetAsync("Put blind"))!.Journey.Description);
    }

    [Fact]
    public async Task PutJourney_WithIfMatchOfTheCurrentRevision_SavesANewRevision()
    {
        var created = await PutAsync("Put ifmatch", SimpleExport("Put ifmatch", "first"));

        var response = await PutAsync("Put ifmatch", SimpleExport("Put ifmatch", "second"), ifMatch: created.Headers.ETag!.ToString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag?.ToString());
        var stored = await Store.GetAsync("Put ifmatch");
        Assert.Equal(("second", 2), (stored!.Journey.Description, stored.Revision));
    }

    [Fact]
    public async Task PutJourney_WithRevisionQuery_SavesANewRevision()
    {
        await PutAsync("Put query", SimpleExport("Put query", "first"));

        var response = await PutAsync("Put query", SimpleExport("Put query", "second"), query: "?revision=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await ReadJsonAsync(response)).GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task PutJourney_StaleRevision_Answers409WithTheCurrentRevision()
    {
        await PutAsync("Put stale", SimpleExport("Put stale", "first"));
        await PutAsync("Put stale", SimpleExport("Put stale", "second"), ifMatch: "\"1\"");

        var response = await PutAsync("Put stale", SimpleExport("Put stale", "lost update"), ifMatch: "\"1\"");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal(409, body.GetProperty("code").GetInt32());
        Assert.Equal(2, body.GetProperty("currentRevision").GetInt32());
        Assert.Equal("second", (await Store.GetAsync("Put stale"))!.Journey.Description);
    }

    [Fact]
    public async Task PutJourney_NameInBodyDiffersFromUrl_Answers400WithPath()
    {
        var response = await PutAsync("Put url name", SimpleExport("Another name"));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest);
        var error = Assert.Single((await ReadJsonAsync(response)).GetProperty("errors").EnumerateArray());
        Assert.Equal("$.tree._id", error.GetProperty("path").GetString());
        Assert.Null(await Store.GetAsync("Put url name"));
        Assert.Null(await Store.GetAsync("Another name"));
    }

    [Fact]
    public async Task PutJourney_InvalidExport_Answers400ListingEveryErrorWithItsPath()
    {
        var export = JsonDocument.Parse(SimpleExport("Put invalid")).RootElement;
        var broken = JsonSerializer.Serialize(new
        {
            meta = export.GetProperty("meta"),
            tree = new { _id = "Put invalid", entryNodeId = 42, nodes = new { }, enabled = "yes" },
            nodes = new { },
        });

        var response = await PutAsync("Put invalid", broken);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest);
        var paths = (await ReadJsonAsync(response)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Contains("$.tree.entryNodeId", paths);
        Assert.Contains("$.tree.enabled", paths);
        Assert.Null(await Store.GetAsync("Put invalid"));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("")]
    [InlineData("[1, 2]")]
    public async Task PutJourney_BodyThatIsNoExport_Answers400(string body)
    {
        await AssertErrorAsync(await PutAsync("Put garbage", body), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PutJourney_MultiJourneyExport_Answers400PointingToImport()
    {
        var response = await PutAsync("PlatformLogin", ReferenceExport("frodo-cli_PlatformLogin.journey.json"));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "import");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("\"x\"")]
    [InlineData("*")]
    public async Task PutJourney_MalformedIfMatch_Answers400(string ifMatch)
    {
        await PutAsync("Put bad etag", SimpleExport("Put bad etag"));

        await AssertErrorAsync(await PutAsync("Put bad etag", SimpleExport("Put bad etag"), ifMatch: ifMatch), HttpStatusCode.BadRequest, "If-Match");
    }

    [Fact]
    public async Task PutJourney_IfMatchAndQueryDisagree_Answers400()
    {
        await PutAsync("Put disagree", SimpleExport("Put disagree"));

        var response = await PutAsync("Put disagree", SimpleExport("Put disagree"), ifMatch: "\"1\"", query: "?revision=2");

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "?revision");
    }

    [Fact]
    public async Task PutJourney_NameBreakingTheRules_Answers400()
    {
        var response = await PutAsync("Bad/name?", SimpleExport("Bad/name?"));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task DeleteJourney_RemovesIt_ThenAnswers404()
    {
        await PutAsync("Delete me", SimpleExport("Delete me"));

        Assert.Equal(HttpStatusCode.NoContent, (await DeleteAsync(Path("Delete me"))).StatusCode);

        Assert.Null(await Store.GetAsync("Delete me"));
        await AssertErrorAsync(await DeleteAsync(Path("Delete me")), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Import_MultiJourneyExport_CreatesTheJourneys()
    {
        var response = await _admin.PostAsync("/admin/api/journeys/import", Json(ReferenceExport("frodo-cli_RetryLimit.journey.json")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var imported = Assert.Single((await ReadJsonAsync(response)).GetProperty("imported").EnumerateArray());
        Assert.Equal("RetryLimit", imported.GetProperty("name").GetString());
        Assert.NotNull(await Store.GetAsync("RetryLimit"));
    }

    [Fact]
    public async Task Import_ExistingJourney_GetsANewRevision()
    {
        await PutAsync("Import again", SimpleExport("Import again", "first"));

        var response = await _admin.PostAsync("/admin/api/journeys/import", Json(SimpleExport("Import again", "second")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var imported = Assert.Single((await ReadJsonAsync(response)).GetProperty("imported").EnumerateArray());
        Assert.Equal(2, imported.GetProperty("revision").GetInt32());
        Assert.False(imported.GetProperty("created").GetBoolean());
        Assert.Equal("second", (await Store.GetAsync("Import again"))!.Journey.Description);
    }

    [Fact]
    public async Task Import_WithAnyFormatError_Answers400ListingEveryErrorAndSavesNothing()
    {
        var good = JsonDocument.Parse(SimpleExport("Import good half")).RootElement;
        var multi = JsonSerializer.Serialize(new
        {
            trees = new Dictionary<string, object>
            {
                ["Import good half"] = new { tree = good.GetProperty("tree"), nodes = new { }, innerNodes = new { } },
                ["Import bad half"] = new { tree = new { _id = "Import bad half", entryNodeId = true, nodes = new { x = 1 } }, nodes = new { } },
            },
        });

        var response = await _admin.PostAsync("/admin/api/journeys/import", Json(multi));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "nothing was saved");
        var errors = (await ReadJsonAsync(response)).GetProperty("errors").EnumerateArray().ToList();
        Assert.True(errors.Count >= 2, $"expected every error, got {errors.Count}");
        Assert.All(errors, e => Assert.StartsWith("$.trees['Import bad half']", e.GetProperty("path").GetString()));
        Assert.Null(await Store.GetAsync("Import good half"));
    }

    [Fact]
    public async Task Import_SameNameTwice_Answers400AndSavesNothing()
    {
        var one = JsonDocument.Parse(SimpleExport("Import twice")).RootElement;
        var two = JsonDocument.Parse(SimpleExport("IMPORT TWICE")).RootElement;
        var multi = JsonSerializer.Serialize(new
        {
            trees = new Dictionary<string, object>
            {
                ["Import twice"] = new { tree = one.GetProperty("tree") },
                ["IMPORT TWICE"] = new { tree = two.GetProperty("tree") },
            },
        });

        var response = await _admin.PostAsync("/admin/api/journeys/import", Json(multi));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Null(await Store.GetAsync("Import twice"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"neither\": 1}")]
    public async Task Import_EmptyOrNoExport_Answers400(string body)
    {
        await AssertErrorAsync(await _admin.PostAsync("/admin/api/journeys/import", Json(body)), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Export_CarriesTheInnerJourneysItRuns_SoAnImportElsewhereIsComplete()
    {
        foreach (var file in new[] { "frodo-lib_FrodoTestJourney1.journey.json", "frodo-lib_FrodoTestJourney2.journey.json" })
            Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsync("/admin/api/journeys/import", Json(ReferenceExport(file)))).StatusCode);

        var response = await _admin.GetAsync(Path("FrodoTestJourney2") + "/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var export = await response.Content.ReadAsStringAsync();
        Assert.Equal(["FrodoTestJourney2", "FrodoTestJourney1"], FrodoJourneyReader.Read(export).Select(j => j.Name));

        await using var elsewhere = Testing.StudioServer.Start();
        var other = new HttpClient { BaseAddress = elsewhere.BaseAddress };
        other.DefaultRequestHeaders.Authorization = _admin.DefaultRequestHeaders.Authorization;
        Assert.Equal(HttpStatusCode.OK, (await other.PostAsync("/admin/api/journeys/import", Json(export))).StatusCode);
        var validation = await ReadJsonAsync(await other.GetAsync(Path("FrodoTestJourney2") + "/validation"));
        Assert.DoesNotContain(validation.GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("code").GetString() == FindingCodes.InnerJourneyMissing);
    }

    [Fact]
    public async Task Export_Unknown_Answers404()
    {
        await AssertErrorAsync(await _admin.GetAsync(Path("No such journey") + "/export"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Validation_ReturnsTheFindingsWithSeverityCodeAndNode()
    {
        await PutAsync("Validate broken", FrodoJourneyWriter.WriteSingle(new Journey { Name = "Validate broken" }));

        var response = await _admin.GetAsync(Path("Validate broken") + "/validation");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.False(body.GetProperty("valid").GetBoolean());
        var finding = body.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("code").GetString() == FindingCodes.StartNotConnected);
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        Assert.Equal(StaticNodeIds.Start, finding.GetProperty("nodeId").GetString());
        Assert.False(string.IsNullOrEmpty(finding.GetProperty("message").GetString()));
        Assert.True(finding.TryGetProperty("outcome", out _));
    }

    [Fact]
    public async Task Validation_ValidJourney_HasNoErrors()
    {
        var body = await ReadJsonAsync(await _admin.GetAsync(Path("Login") + "/validation"));

        Assert.True(body.GetProperty("valid").GetBoolean());
        Assert.Equal(0, body.GetProperty("errorCount").GetInt32());
    }

    [Fact]
    public async Task Validation_Unknown_Answers404()
    {
        await AssertErrorAsync(await _admin.GetAsync(Path("No such journey") + "/validation"), HttpStatusCode.NotFound);
    }
}
