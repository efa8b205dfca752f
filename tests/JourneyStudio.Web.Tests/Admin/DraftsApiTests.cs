using System.Net;
using System.Text.Json;
using JourneyStudio.Journeys.Frodo;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Audit;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Sessions;
using JourneyStudio.Testing;
using JourneyStudio.Web.Tests.EndToEnd;
using Microsoft.Extensions.DependencyInjection;
using static JourneyStudio.Web.Tests.Admin.AdminApiFixture;

namespace JourneyStudio.Web.Tests.Admin;

/// <summary>A studio whose clock the draft tests move (preview link expiry), with the audit log recorded.</summary>
public sealed class DraftsFixture : IAsyncLifetime
{
    public AdjustableClock Clock { get; } = new();

    public RecordingAuditLog Audit { get; } = new();

    public StudioServer Server { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Server = StudioServer.Start(configureServices: services => services
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton<IAuditLog>(Audit));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>
/// Drafts over real HTTP: PUT ?draft=true keeps end users on the live revision, publish with If-Match makes a draft live
/// (or says why not), the list shows both revisions, the diff compares any two, and only a signed, unexpired preview link
/// starts a draft.
/// </summary>
public sealed class DraftsApiTests(DraftsFixture fixture) : IClassFixture<DraftsFixture>
{
    private readonly HttpClient _admin = CreateAdmin(fixture.Server);

    private static HttpClient CreateAdmin(StudioServer server)
    {
        var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{StudioServer.AdminUsername}:{StudioServer.AdminPassword}")));
        return client;
    }

    private static string PathOf(string name) => $"/admin/api/journeys/{Uri.EscapeDataString(name)}";

    /// <summary>Start wired straight to Success (signs on at once) or to Failure (401 at once).</summary>
    private static string Export(string name, string entry, string description = "") =>
        FrodoJourneyWriter.WriteSingle(new Journey { Name = name, Description = description, EntryNodeId = entry });

    private async Task<HttpResponseMessage> PutAsync(string name, string body, string? ifMatch = null, string query = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Put, PathOf(name) + query) { Content = Json(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await _admin.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PublishAsync(string name, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, PathOf(name) + "/publish") { Content = Json("") };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await _admin.SendAsync(request);
    }

    private async Task<HttpResponseMessage> StartAsync(string journey, string? preview = null)
    {
        var query = $"?authIndexType=service&authIndexValue={Uri.EscapeDataString(journey)}" + (preview is null ? "" : "&preview=" + Uri.EscapeDataString(preview));
        return await fixture.Server.CreateClient().PostAsync("/json/realms/root/realms/alpha/authenticate" + query, Json(""));
    }

    private async Task CreateLiveAsync(string name, string entry = StaticNodeIds.Success) =>
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(name, Export(name, entry, "live"))).StatusCode);

    private async Task<JsonElement> RowAsync(string name) =>
        (await ReadJsonAsync(await _admin.GetAsync("/admin/api/journeys"))).EnumerateArray().Single(j => j.GetProperty("name").GetString() == name);

    [Fact]
    public async Task PutDraft_EndUsersKeepRunningTheLiveRevision()
    {
        await CreateLiveAsync("Draft keeps live");

        var saved = await PutAsync("Draft keeps live", Export("Draft keeps live", StaticNodeIds.Failure, "draft"), "\"1\"", "?draft=true");

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("\"2\"", saved.Headers.ETag?.ToString());
        Assert.True((await ReadJsonAsync(saved)).GetProperty("draft").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await StartAsync("Draft keeps live")).StatusCode); // live: Start -> Success
        var row = await RowAsync("Draft keeps live");
        Assert.Equal((2, 1, 2), (row.GetProperty("revision").GetInt32(), row.GetProperty("liveRevision").GetInt32(), row.GetProperty("draftRevision").GetInt32()));
        // GET shows the draft, so that a read-modify-PUT builds on it.
        var read = await _admin.GetAsync(PathOf("Draft keeps live"));
        Assert.Equal("\"2\"", read.Headers.ETag?.ToString());
        Assert.Equal("draft", Assert.Single(FrodoJourneyReader.Read(await read.Content.ReadAsStringAsync())).Description);
    }

    [Fact]
    public async Task Publish_CurrentDraft_GoesLiveForNewSignOns()
    {
        await CreateLiveAsync("Draft published");
        await PutAsync("Draft published", Export("Draft published", StaticNodeIds.Failure, "draft"), "\"1\"", "?draft=true");

        var published = await PublishAsync("Draft published", "\"2\"");

        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var body = await ReadJsonAsync(published);
        Assert.Equal(2, body.GetProperty("liveRevision").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, (await StartAsync("Draft published")).StatusCode); // now Start -> Failure
        var row = await RowAsync("Draft published");
        Assert.Equal(2, row.GetProperty("liveRevision").GetInt32());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("draftRevision").ValueKind);
        var audit = fixture.Audit.Of(AuditActions.JourneyPublish).Single(e => e.Target == "Draft published" && e.Succeeded);
        Assert.Equal((1, 2), (audit.RevisionBefore, audit.RevisionAfter));
        Assert.Contains(fixture.Audit.Of(AuditActions.JourneySave), e => e.Target == "Draft published" && e.Detail!.StartsWith("draft"));
    }

    [Fact]
    public async Task Publish_WithoutIfMatch_Answers428()
    {
        await CreateLiveAsync("Draft no ifmatch");

        var response = await PublishAsync("Draft no ifmatch", null);

        Assert.Equal((HttpStatusCode)428, response.StatusCode);
        Assert.Equal(428, (await ReadJsonAsync(response)).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Publish_NotTheCurrentDraft_Answers412_AndNoDraftAtAll_Answers409()
    {
        await CreateLiveAsync("Draft stale");

        var none = await PublishAsync("Draft stale", "\"1\"");
        Assert.Equal(HttpStatusCode.Conflict, none.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await ReadJsonAsync(none)).GetProperty("draftRevision").ValueKind);

        await PutAsync("Draft stale", Export("Draft stale", StaticNodeIds.Failure, "a"), "\"1\"", "?draft=true");
        await PutAsync("Draft stale", Export("Draft stale", StaticNodeIds.Failure, "b"), "\"2\"", "?draft=true");
        var stale = await PublishAsync("Draft stale", "\"2\"");

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var body = await ReadJsonAsync(stale);
        Assert.Equal((412, 3, 1), (body.GetProperty("code").GetInt32(), body.GetProperty("draftRevision").GetInt32(), body.GetProperty("liveRevision").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, (await StartAsync("Draft stale")).StatusCode);
        Assert.Contains(fixture.Audit.Of(AuditActions.JourneyPublish), e => e.Target == "Draft stale" && !e.Succeeded);
    }

    [Fact]
    public async Task Publish_DraftWithErrors_Answers422WithFindingsAndStaysDraft()
    {
        await CreateLiveAsync("Draft broken");
        var broken = FrodoJourneyWriter.WriteSingle(new Journey { Name = "Draft broken", EntryNodeId = "" });
        await PutAsync("Draft broken", broken, "\"1\"", "?draft=true");

        var response = await PublishAsync("Draft broken", "\"2\"");

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var body = await ReadJsonAsync(response);
        var findings = body.GetProperty("findings").EnumerateArray().ToList();
        Assert.Contains(findings, f => f.GetProperty("severity").GetString() == "error" && f.GetProperty("message").GetString()!.Length > 0);
        Assert.Equal(2, (await RowAsync("Draft broken")).GetProperty("draftRevision").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await StartAsync("Draft broken")).StatusCode);
    }

    [Fact]
    public async Task PutDraft_BadFlagOrUnknownJourney_RefusedWithNothingSaved()
    {
        await CreateLiveAsync("Draft flag");

        var badFlag = await PutAsync("Draft flag", Export("Draft flag", StaticNodeIds.Failure), "\"1\"", "?draft=maybe");
        Assert.Equal(HttpStatusCode.BadRequest, badFlag.StatusCode);
        Assert.Contains("draft", (await ReadJsonAsync(badFlag)).GetProperty("message").GetString());
        var unknown = await PutAsync("Draft nowhere", Export("Draft nowhere", StaticNodeIds.Failure), query: "?draft=true");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync(PathOf("Draft nowhere"))).StatusCode);
        Assert.Equal(1, (await RowAsync("Draft flag")).GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task Put_WithoutDraft_StillSavesAndPublishesAtOnce()
    {
        await CreateLiveAsync("Draft plain put");

        var response = await PutAsync("Draft plain put", Export("Draft plain put", StaticNodeIds.Failure), "\"1\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await StartAsync("Draft plain put")).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await RowAsync("Draft plain put")).GetProperty("draftRevision").ValueKind);
    }

    [Fact]
    public async Task Diff_DefaultsToLiveAgainstDraft_AndNamesEachChange()
    {
        var name = "Draft diff";
        await SignOnJourneys.CreateAsync(fixture.Server, SignOnJourneys.PlainJourney(name));
        var live = (await fixture.Server.Services.GetRequiredService<JourneyStore>().GetAsync(name))!.Journey;
        var draft = live with
        {
            Nodes = live.Nodes
                .Where(n => n.Id != "password")
                .Select(n => n.Id switch
                {
                    "user" => n with { DisplayName = "Who are you?", X = n.X + 100, Connections = new Dictionary<string, string> { ["outcome"] = "check" } },
                    _ => n,
                })
                .Append(new JourneyNode { Id = "extra", NodeType = JourneyStudio.Journeys.Catalog.NodeTypeIds.PollingWait })
                .ToList(),
        };
        await PutAsync(name, FrodoJourneyWriter.WriteSingle(draft), "\"1\"", "?draft=true");

        var response = await _admin.GetAsync(PathOf(name) + "/diff");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal((1, 2, false), (body.GetProperty("from").GetInt32(), body.GetProperty("to").GetInt32(), body.GetProperty("identical").GetBoolean()));
        var nodes = body.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("nodeId").GetString()!);
        Assert.Equal("added", nodes["extra"].GetProperty("change").GetString());
        Assert.Equal("removed", nodes["password"].GetProperty("change").GetString());
        Assert.Equal("changed", nodes["user"].GetProperty("change").GetString());
        Assert.True(nodes["user"].GetProperty("moved").GetBoolean());
        var property = Assert.Single(nodes["user"].GetProperty("properties").EnumerateArray());
        Assert.Equal(("displayName", "\"Who are you?\""), (property.GetProperty("property").GetString(), property.GetProperty("after").GetString()));
        var wiring = Assert.Single(body.GetProperty("connections").EnumerateArray(), c => c.GetProperty("nodeId").GetString() == "user");
        Assert.Equal(("password", "check"), (wiring.GetProperty("before").GetString(), wiring.GetProperty("after").GetString()));

        var same = await ReadJsonAsync(await _admin.GetAsync(PathOf(name) + "/diff?from=2&to=2"));
        Assert.True(same.GetProperty("identical").GetBoolean());
    }

    [Theory]
    [InlineData("?from=x", HttpStatusCode.BadRequest)]
    [InlineData("?from=0", HttpStatusCode.BadRequest)]
    [InlineData("?to=-1", HttpStatusCode.BadRequest)]
    [InlineData("?from=1&from=2", HttpStatusCode.BadRequest)]
    [InlineData("?from=99", HttpStatusCode.NotFound)]
    [InlineData("?to=99", HttpStatusCode.NotFound)]
    public async Task Diff_BadOrMissingRevision_AnswersInTheAdminShape(string query, HttpStatusCode status)
    {
        var name = "Draft diff bad " + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(query)))[..8];
        await CreateLiveAsync(name);

        var response = await _admin.GetAsync(PathOf(name) + "/diff" + query);

        Assert.Equal(status, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal((int)status, body.GetProperty("code").GetInt32());
        Assert.Contains("revision", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Diff_UnknownJourney_Answers404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync(PathOf("Draft no journey") + "/diff")).StatusCode);
    }

    [Fact]
    public async Task PreviewLink_RunsTheDraft_AndTheSignOnStaysOnIt()
    {
        const string name = "Draft preview";
        await CreateLiveAsync(name);
        await PutAsync(name, FrodoJourneyWriter.WriteSingle(SignOnJourneys.PlainJourney(name)), "\"1\"", "?draft=true");
        var link = fixture.Server.Services.GetRequiredService<PreviewLinks>().Create(name, 2);

        var started = await StartAsync(name, link);

        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var step = await ReadJsonAsync(started);
        Assert.Equal("NameCallback", step.GetProperty("callbacks")[0].GetProperty("type").GetString());
        // The draft is replaced by a live revision meanwhile; the sign-on goes on with the revision it started on.
        await PutAsync(name, Export(name, StaticNodeIds.Failure), "\"2\"");
        var answer = System.Text.Json.Nodes.JsonNode.Parse(step.GetRawText())!;
        answer["callbacks"]![0]!["input"]![0]!["value"] = SignOnJourneys.Username;
        var next = await fixture.Server.CreateClient().PostAsync("/json/realms/root/realms/alpha/authenticate", Json(answer.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal("PasswordCallback", (await ReadJsonAsync(next)).GetProperty("callbacks")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Draft_IsNotReachableWithoutTheLink_EvenAsTheRealmDefault()
    {
        const string name = "Draft unreachable";
        await CreateLiveAsync(name);
        await PutAsync(name, FrodoJourneyWriter.WriteSingle(SignOnJourneys.PlainJourney(name)), "\"1\"", "?draft=true");

        Assert.Equal(HttpStatusCode.OK, (await StartAsync(name)).StatusCode);
        var success = await ReadJsonAsync(await StartAsync(name));
        Assert.False(success.TryGetProperty("authId", out _));
        // The hosted page only forwards its query to authenticate: without ?preview it gets the live revision as well.
        var page = await fixture.Server.CreateClient().GetAsync($"/login?journey={Uri.EscapeDataString(name)}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task PreviewLink_ForgedExpiredOrForAnotherJourney_IsRefusedAndStartsNothing()
    {
        const string name = "Draft preview refused";
        await CreateLiveAsync(name);
        await PutAsync(name, Export(name, StaticNodeIds.Failure), "\"1\"", "?draft=true");
        var links = fixture.Server.Services.GetRequiredService<PreviewLinks>();
        var link = links.Create(name, 2);

        var forged = await StartAsync(name, link[..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(JourneySessionRunner.PreviewInvalidMessage, (await ReadJsonAsync(forged)).GetProperty("message").GetString());
        var other = await StartAsync("Login", link);
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);

        var lateLink = links.Create(name, 2);
        fixture.Clock.Advance(PreviewLinks.Lifetime + TimeSpan.FromSeconds(1));
        var expired = await StartAsync(name, lateLink);
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.Equal(JourneySessionRunner.PreviewExpiredMessage, (await ReadJsonAsync(expired)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Import_StillPublishes()
    {
        await CreateLiveAsync("Draft import");
        await PutAsync("Draft import", Export("Draft import", StaticNodeIds.Success, "draft"), "\"1\"", "?draft=true");

        var response = await _admin.PostAsync("/admin/api/journeys/import", Json(Export("Draft import", StaticNodeIds.Failure, "imported")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = await RowAsync("Draft import");
        Assert.Equal((3, JsonValueKind.Null), (row.GetProperty("liveRevision").GetInt32(), row.GetProperty("draftRevision").ValueKind));
        Assert.Equal(HttpStatusCode.Unauthorized, (await StartAsync("Draft import")).StatusCode);
    }
}
