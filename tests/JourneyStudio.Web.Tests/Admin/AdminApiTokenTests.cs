using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using JourneyStudio.Runtime.ApiTokens;
using JourneyStudio.Runtime.Audit;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Testing;
using JourneyStudio.Web.Tests.EndToEnd;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using static JourneyStudio.Web.Tests.Admin.AdminApiFixture;

namespace JourneyStudio.Web.Tests.Admin;

/// <summary>A studio whose clock the token tests move (expiry, last use), with the audit log recorded.</summary>
public class AdminApiTokenFixture : IAsyncLifetime
{
    public sealed class OnPostgres : AdminApiTokenFixture
    {
        protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
    }

    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public AdjustableClock Clock { get; } = new();

    public RecordingAuditLog Audit { get; } = new();

    public StudioServer Server { get; private set; } = null!;

    public AdminApiTokenStore Tokens => Server.Services.GetRequiredService<AdminApiTokenStore>();

    public Task InitializeAsync()
    {
        Server = StudioServer.Start(provider: Provider, configureServices: services => services
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton<IAuditLog>(Audit));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>Admin API tokens over real HTTP: Bearer access, storage as a hash only, expiry, revocation, last use, audit.</summary>
public abstract class AdminApiTokenTests(AdminApiTokenFixture fixture)
{
    private static readonly AuditActor Admin = new(StudioServer.AdminUsername, "studio");

    private async Task<string> CreateTokenAsync(string name, DateTimeOffset? expiresAt = null)
    {
        var created = Assert.IsType<AdminApiTokenCreateResult.Created>(await fixture.Tokens.CreateAsync(name, expiresAt, Admin));
        return created.Token;
    }

    private HttpClient WithBearer(string token)
    {
        var client = fixture.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private void SetCreatedAt(string name, string text)
    {
        using var connection = fixture.Server.OpenDatabaseConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE \"AdminApiTokens\" SET \"CreatedAt\" = @text WHERE \"Name\" = @name";
        StudioServer.AddParameter(command, "text", text);
        StudioServer.AddParameter(command, "name", name);
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    private async Task<AdminApiTokenSummary> SummaryAsync(string name) =>
        (await fixture.Tokens.ListAsync()).First(t => t.Name == name);

    [Fact]
    public async Task Token_AsBearer_ReadsAndWrites_AndTheRevisionNamesTheToken()
    {
        var client = WithBearer(await CreateTokenAsync("deploy pipeline"));

        var list = await client.GetAsync("/admin/api/journeys");
        var put = await client.PutAsync("/admin/api/journeys/Token%20made", Json(SimpleExport("Token made")));

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        var revisions = await fixture.Server.Services.GetRequiredService<JourneyStore>().ListRevisionsAsync("Token made");
        Assert.Contains("token:deploy pipeline", Assert.Single(revisions!).SavedBy);
    }

    [Fact]
    public async Task Token_HasThePrefixAnd32RandomBytes_AndIsStoredOnlyAsItsSha256()
    {
        var token = await CreateTokenAsync("stored hashed");

        Assert.StartsWith("jst_", token);
        Assert.Equal(32, JourneyStudio.Runtime.Mfa.Base64Url.Decode(token["jst_".Length..]).Length);
        using var connection = fixture.Server.OpenDatabaseConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM \"AdminApiTokens\" WHERE \"Name\" = 'stored hashed'";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        var columns = Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? "" : reader.GetValue(i).ToString()!);
        Assert.DoesNotContain(columns.Values, v => v.Contains(token["jst_".Length..]));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))), columns["TokenHash"]);
    }

    [Fact]
    public async Task RevokedExpiredUnknownOrMalformedTokens_GetExactlyTheAnswerOfAWrongPassword()
    {
        var revoked = await CreateTokenAsync("to revoke");
        Assert.Equal(HttpStatusCode.OK, (await WithBearer(revoked).GetAsync("/admin/api/journeys")).StatusCode);
        Assert.IsType<AdminApiTokenRevokeResult.Revoked>(await fixture.Tokens.RevokeAsync((await SummaryAsync("to revoke")).Id, Admin));
        var expiring = await CreateTokenAsync("short lived", fixture.Clock.GetUtcNow().AddMinutes(30));
        Assert.Equal(HttpStatusCode.OK, (await WithBearer(expiring).GetAsync("/admin/api/journeys")).StatusCode);
        fixture.Clock.Advance(TimeSpan.FromMinutes(31));
        var wrongPassword = fixture.Server.CreateClient();
        wrongPassword.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{StudioServer.AdminUsername}:Not-the-password-1")));
        var expected = await ResponseWireForm.OfAsync(await wrongPassword.GetAsync("/admin/api/journeys"));

        foreach (var token in new[] { revoked, expiring, AdminApiTokenRules.NewToken(), "jst_short", "not-a-token-at-all", "" })
        {
            var response = await WithBearer(token).GetAsync("/admin/api/journeys");

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal(expected, await ResponseWireForm.OfAsync(response));
        }
    }

    [Fact]
    public async Task RevokedToken_StopsWorkingAtOnce()
    {
        var token = await CreateTokenAsync("revoked at once");
        var client = WithBearer(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/api/identities")).StatusCode);

        await fixture.Tokens.RevokeAsync((await SummaryAsync("revoked at once")).Id, Admin);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/admin/api/identities")).StatusCode);
    }

    [Fact]
    public async Task LastUse_IsRecordedAtMostOncePerMinute_NotOnEveryRequest()
    {
        var client = WithBearer(await CreateTokenAsync("last used"));
        Assert.Null((await SummaryAsync("last used")).LastUsedAt);

        await client.GetAsync("/admin/api/journeys");
        var first = (await SummaryAsync("last used")).LastUsedAt;
        for (var i = 0; i < 5; i++) await client.GetAsync("/admin/api/journeys");
        var withinTheMinute = (await SummaryAsync("last used")).LastUsedAt;
        fixture.Clock.Advance(TimeSpan.FromSeconds(61));
        await client.GetAsync("/admin/api/journeys");
        var aMinuteLater = (await SummaryAsync("last used")).LastUsedAt;

        Assert.NotNull(first);
        // The clock runs on between requests: a write per request would have moved the value.
        Assert.Equal(first, withinTheMinute);
        Assert.True(aMinuteLater >= first!.Value.AddSeconds(61), $"{aMinuteLater} should be a minute after {first}");
    }

    [Fact]
    public async Task TokenChecks_RunNoPasswordHash()
    {
        var client = WithBearer(await CreateTokenAsync("no hashing"));
        var hasher = fixture.Server.Services.GetRequiredService<BoundedPasswordHasher>();
        var before = hasher.VerificationCount;

        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/api/journeys")).StatusCode);

        Assert.Equal(before, hasher.VerificationCount);
    }

    [Fact]
    public async Task CreateAndRevoke_AreAudited_NeverWithTheToken()
    {
        var token = await CreateTokenAsync("audited");
        await fixture.Tokens.RevokeAsync((await SummaryAsync("audited")).Id, Admin);

        var created = Assert.Single(fixture.Audit.Of(AuditActions.TokenCreate), e => e.Target == "audited");
        var revoked = Assert.Single(fixture.Audit.Of(AuditActions.TokenRevoke), e => e.Target == "audited");
        Assert.Equal(StudioServer.AdminUsername, created.Actor);
        Assert.Equal(StudioServer.AdminUsername, revoked.Actor);
        var all = JsonSerializer.Serialize(fixture.Audit.Events);
        Assert.DoesNotContain(token["jst_".Length..], all);
        Assert.DoesNotContain(AdminApiTokenRules.Hash(token), all);
    }

    [Fact]
    public async Task FailedTokenUse_IsAuditedWithItsReason()
    {
        var revokedToken = await CreateTokenAsync("revoked for audit");
        await fixture.Tokens.RevokeAsync((await SummaryAsync("revoked for audit")).Id, Admin);

        await WithBearer(revokedToken).GetAsync("/admin/api/journeys");

        var failure = Assert.Single(fixture.Audit.Of(AuditActions.AdminSignIn), e => e.Actor == "token:revoked for audit");
        Assert.False(failure.Succeeded);
        Assert.Contains("revoked", failure.Detail);
    }

    [Fact]
    public async Task TokenCheck_ThatFailsInsideTheStudio_AnswersInTheApisJsonShape()
    {
        var token = await CreateTokenAsync("corrupted");
        var createdAt = (await SummaryAsync("corrupted")).CreatedAt;
        // A row some other tool broke: its timestamp no longer parses, so reading it throws.
        SetCreatedAt("corrupted", "yesterday");
        HttpResponseMessage response;
        try
        {
            response = await WithBearer(token).SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/admin/api/identities/nobody") { Content = Json("") });
        }
        finally { SetCreatedAt("corrupted", createdAt.UtcDateTime.ToString(Runtime.Persistence.UtcSortableDateTimeOffsetConverter.Format)); }

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal(500, body.GetProperty("code").GetInt32());
        Assert.DoesNotContain("Exception", body.GetRawText());
    }
}

public sealed class AdminApiTokenTestsOnSqlite(AdminApiTokenFixture fixture) : AdminApiTokenTests(fixture), IClassFixture<AdminApiTokenFixture>;

public sealed class AdminApiTokenTestsOnPostgres(AdminApiTokenFixture.OnPostgres fixture) : AdminApiTokenTests(fixture), IClassFixture<AdminApiTokenFixture.OnPostgres>;
