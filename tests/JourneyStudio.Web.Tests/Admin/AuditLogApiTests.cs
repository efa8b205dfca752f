using JourneyStudio.Runtime.Persistence;
using System.Net;
using System.Text.Json;
using JourneyStudio.Journeys.Frodo;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Testing;
using JourneyStudio.Web.Tests.EndToEnd;
using Microsoft.Extensions.DependencyInjection;
using static JourneyStudio.Web.Tests.Admin.AdminApiFixture;

namespace JourneyStudio.Web.Tests.Admin;

/// <summary>One studio for the audit log API tests, on a clock they move forward.</summary>
public class AuditLogApiFixture : IAsyncLifetime
{
    public sealed class OnPostgres : AuditLogApiFixture
    {
        protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
    }

    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public StudioServer Server { get; private set; } = null!;

    public AdjustableClock Clock { get; } = new();

    public Task InitializeAsync()
    {
        Server = StudioServer.Start(provider: Provider, configureServices: services => services.AddSingleton<TimeProvider>(Clock));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>
/// Admin actions through the REST API and what <c>GET /admin/api/audit</c> then lists, over real HTTP. The tests
/// share one server, so each acts on names of its own and reads the log filtered by them.
/// </summary>
public abstract class AuditLogApiTests(AuditLogApiFixture fixture)
{
    private readonly HttpClient _admin = Admin(fixture.Server);

    private static HttpClient Admin(StudioServer server)
    {
        var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{StudioServer.AdminUsername}:{StudioServer.AdminPassword}")));
        return client;
    }

    private async Task<HttpResponseMessage> PutJourneyAsync(string name, string body, int? basedOn = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/admin/api/journeys/{Uri.EscapeDataString(name)}") { Content = Json(body) };
        if (basedOn is { } revision) request.Headers.TryAddWithoutValidation("If-Match", $"\"{revision}\"");
        return await _admin.SendAsync(request);
    }

    private async Task<IReadOnlyList<JsonElement>> AuditAsync(string query)
    {
        var response = await _admin.GetAsync("/admin/api/audit?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ReadJsonAsync(response)).EnumerateArray().ToList();
    }

    private static (string? Action, bool Succeeded, int? Before, int? After) Summary(JsonElement entry) =>
        (entry.GetProperty("action").GetString(), entry.GetProperty("succeeded").GetBoolean(), Revision(entry, "revisionBefore"), Revision(entry, "revisionAfter"));

    private static int? Revision(JsonElement entry, string property) =>
        entry.GetProperty(property).ValueKind == JsonValueKind.Null ? null : entry.GetProperty(property).GetInt32();

    [Fact]
    public async Task JourneyWrites_ThroughTheApi_AreListedNewestFirst_WithActorChannelAddressAndRevisions()
    {
        Assert.Equal(HttpStatusCode.Created, (await PutJourneyAsync("Audit one", SimpleExport("Audit one"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PutJourneyAsync("Audit one", SimpleExport("Audit one", "second"), basedOn: 1)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await PutJourneyAsync("Audit one", SimpleExport("Audit one", "stale"), basedOn: 1)).StatusCode);
        var multi = FrodoJourneyWriter.WriteMulti([
            new Journey { Name = "Audit one", Description = "imported", EntryNodeId = StaticNodeIds.Success },
            new Journey { Name = "Audit two", EntryNodeId = StaticNodeIds.Success },
        ]);
        Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsync("/admin/api/journeys/import", Json(multi))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteJsonAsync("/admin/api/journeys/Audit%20one")).StatusCode);

        var entries = await AuditAsync("target=Audit%20one");

        Assert.Equal(
        [
            ("journey.delete", true, 3, null),
            ("journey.import", true, 2, 3),
            ("journey.save", false, 1, null),
            ("journey.save", true, 1, 2),
            ("journey.create", true, null, 1),
        ], entries.Select(Summary));
        Assert.All(entries, e => Assert.Equal(("admin", "api", "127.0.0.1"),
            (e.GetProperty("actor").GetString(), e.GetProperty("channel").GetString(), e.GetProperty("clientAddress").GetString())));
        Assert.Equal("description changed", entries[3].GetProperty("detail").GetString());
        Assert.Contains("revision 2", entries[2].GetProperty("detail").GetString());
        var times = entries.Select(e => e.GetProperty("time").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderDescending(), times);
        Assert.Equal(("journey.import", true, null, 1), Summary((await AuditAsync("target=Audit%20two")).Single()));
    }

    [Fact]
    public async Task IdentityWrites_ThroughTheApi_NameTheChangedFields_NeverTheirValues()
    {
        const string user = "audit.ida";
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostAsync("/admin/api/identities",
            Json(JsonSerializer.Serialize(new { username = user, password = "Ida-password-1", givenName = "Ida", mail = "ida@example.com" })))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.PutAsync($"/admin/api/identities/{user}",
            Json(JsonSerializer.Serialize(new { mail = "ida@example.org", password = "Ida-password-2", active = false, sn = "" })))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteJsonAsync($"/admin/api/identities/{user}/devices")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteJsonAsync($"/admin/api/identities/{user}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.DeleteJsonAsync($"/admin/api/identities/{user}")).StatusCode);

        var entries = await AuditAsync($"target={user}");

        Assert.Equal(
        [
            ("identity.delete", false, "refused: there is no such user"),
            ("identity.delete", true, "deleted"),
            ("identity.devices.reset", true, "MFA devices, recovery codes and skip choices removed"),
            ("identity.update", true, "changed mail, active (disabled), password"),
            ("identity.create", true, "set password, givenName, mail"),
        ], entries.Select(e => (e.GetProperty("action").GetString(), e.GetProperty("succeeded").GetBoolean(), e.GetProperty("detail").GetString())));
        Assert.DoesNotContain("Ida-password", string.Join("\n", entries.Select(e => e.GetRawText())));
    }

    [Fact]
    public async Task Filters_NarrowByActionActorResultAndTime_AndPagesWithTheTotal()
    {
        var start = fixture.Clock.GetUtcNow();
        foreach (var i in Enumerable.Range(1, 3))
        {
            Assert.Equal(HttpStatusCode.Created, (await PutJourneyAsync($"Filtered {i}", SimpleExport($"Filtered {i}"))).StatusCode);
            fixture.Clock.Advance(TimeSpan.FromHours(1));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.DeleteJsonAsync("/admin/api/journeys/Filtered%20none")).StatusCode);
        var from = Uri.EscapeDataString((start + TimeSpan.FromMinutes(30)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));
        var to = Uri.EscapeDataString((start + TimeSpan.FromMinutes(150)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));

        var inRange = await AuditAsync($"action=journey.create&from={from}&to={to}");
        Assert.Equal(["Filtered 3", "Filtered 2"], inRange.Select(e => e.GetProperty("target").GetString()));

        var refused = await AuditAsync("succeeded=false&action=journey.*&actor=ADMIN");
        Assert.Contains(refused, e => e.GetProperty("target").GetString() == "Filtered none");
        Assert.All(refused, e => Assert.False(e.GetProperty("succeeded").GetBoolean()));

        var page = await _admin.GetAsync($"/admin/api/audit?action=journey.create&from={from}&limit=1&offset=1");
        Assert.Equal("2", page.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal("Filtered 2", (await ReadJsonAsync(page)).EnumerateArray().Single().GetProperty("target").GetString());
        Assert.Empty(await AuditAsync("actor=nobody-at-all"));
    }

    [Theory]
    [InlineData("action=journey.fly", "?action")]
    [InlineData("actio=journey.save", "?actio")]
    [InlineData("from=yesterday", "?from")]
    [InlineData("to=2026-13-01", "?to")]
    [InlineData("from=2026-12-02&to=2026-12-01", "?to")]
    [InlineData("limit=0", "?limit")]
    [InlineData("limit=501", "?limit")]
    [InlineData("limit=ten", "?limit")]
    [InlineData("offset=-1", "?offset")]
    [InlineData("succeeded=maybe", "?succeeded")]
    [InlineData("actor=a&actor=b", "?actor")]
    public async Task BadFilter_Answers400InTheAdminErrorShape_NamingTheFilter(string query, string path)
    {
        var response = await _admin.GetAsync("/admin/api/audit?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal((400, "Bad Request"), (body.GetProperty("code").GetInt32(), body.GetProperty("reason").GetString()));
        Assert.Contains("filters", body.GetProperty("message").GetString());
        Assert.Equal(path, body.GetProperty("errors").EnumerateArray().Single().GetProperty("path").GetString());
    }

    [Fact]
    public async Task Audit_IsForAdminsOnly()
    {
        using var anonymous = fixture.Server.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/admin/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync("/admin/api/audit")).StatusCode);
    }
}

public sealed class AuditLogApiTestsOnSqlite(AuditLogApiFixture fixture) : AuditLogApiTests(fixture), IClassFixture<AuditLogApiFixture>;

public sealed class AuditLogApiTestsOnPostgres(AuditLogApiFixture.OnPostgres fixture) : AuditLogApiTests(fixture), IClassFixture<AuditLogApiFixture.OnPostgres>;
