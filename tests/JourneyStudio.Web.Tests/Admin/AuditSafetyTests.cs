using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using JourneyStudio.Journeys.Frodo;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Administration;
using JourneyStudio.Runtime.Audit;
using JourneyStudio.Runtime.Realms;
using JourneyStudio.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static JourneyStudio.Web.Tests.Admin.AdminApiFixture;

namespace JourneyStudio.Web.Tests.Admin;

/// <summary>
/// What the audit log must never do: keep a secret, or fail the action it records. Each test has a studio of its
/// own, so the whole log is looked at.
/// </summary>
public sealed class AuditSafetyTests
{
    // Recognisable values, each sent where an admin action carries a secret.
    private const string CreatedPassword = "Quokka-created-pw-4711";
    private const string UpdatedPassword = "Quokka-updated-pw-4712";
    private const string TooShortPassword = "Qk-4713";
    private const string WrongAdminPassword = "Quokka-wrong-admin-4714";
    private const string SnsSecret = "QuokkaSnsSecretAccessKey4715xyz";
    private const string NodeSecret = "Quokka-node-config-4716";
    private static readonly string[] Secrets = [CreatedPassword, UpdatedPassword, TooShortPassword, WrongAdminPassword, SnsSecret, NodeSecret];

    private static HttpClient Basic(StudioServer server, string password)
    {
        var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{StudioServer.AdminUsername}:{password}")));
        return client;
    }

    private static string WithSecretConfig(string name, string secret) => FrodoJourneyWriter.WriteSingle(new Journey
    {
        Name = name,
        EntryNodeId = "collector",
        Nodes =
        [
            new JourneyNode
            {
                Id = "collector", NodeType = "UsernameCollectorNode", DisplayName = "Username",
                Config = NodeConfig.FromObject([new("clientSecret", secret)]),
                Connections = new Dictionary<string, string> { ["outcome"] = StaticNodeIds.Success },
            },
        ],
    });

    private static async Task SignInWithTheFormAsync(StudioServer server, string password)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
            { BaseAddress = server.BaseAddress };
        var page = await client.GetStringAsync("/admin/login");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/admin/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Username"] = StudioServer.AdminUsername, ["Password"] = password, ["ReturnUrl"] = "/",
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task<string> AllStoredRowsAsync(StudioServer server)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(server.DataDirectory, "journeystudio.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM AuditEntries";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new StringBuilder();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++) rows.Append(reader.IsDBNull(i) ? "" : reader.GetValue(i)).Append('|');
            rows.AppendLine();
        }
        return rows.ToString();
    }

    [Fact]
    public async Task EveryAuditedAction_WithSecretValues_LeavesNoSecretInTheStoredRowsOrTheApi()
    {
        await using var server = StudioServer.Start();
        using var admin = Basic(server, StudioServer.AdminPassword);
        var studio = AuditActor.Studio(StudioServer.AdminUsername, "127.0.0.1");
        var journeys = server.Services.GetRequiredService<JourneyAdminService>();

        // Admin sign-in, right and wrong, on the form and on the API.
        await SignInWithTheFormAsync(server, WrongAdminPassword);
        await SignInWithTheFormAsync(server, StudioServer.AdminPassword);
        using (var wrong = Basic(server, WrongAdminPassword))
            Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/admin/api/journeys")).StatusCode);

        // Journeys through the API: create, save, stale save, import, delete; the node config holds a secret.
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsync("/admin/api/journeys/Secretive", Json(WithSecretConfig("Secretive", NodeSecret)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/admin/api/journeys/Secretive?revision=1", Json(WithSecretConfig("Secretive", NodeSecret + "-2")))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutAsync("/admin/api/journeys/Secretive?revision=1", Json(WithSecretConfig("Secretive", NodeSecret)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/admin/api/journeys/import", Json(WithSecretConfig("Secretive import", NodeSecret)))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/admin/api/journeys/import", Json("{\"tree\": {\"_id\": \"" + NodeSecret + "\", \"nodes\": 5}}"))).StatusCode);
        // And what only the studio does, through the same operations the pages call.
        Assert.IsType<Runtime.Persistence.SaveResult.Saved>(await journeys.RenameAsync("Secretive import", "Secretive renamed", 1, studio));
        var (duplicated, copyName) = await journeys.DuplicateAsync("Secretive renamed", studio);
        Assert.IsType<Runtime.Persistence.SaveResult.Saved>(duplicated);
        Assert.IsType<Runtime.Persistence.SaveResult.Saved>(await journeys.SetEnabledAsync(copyName!, false, studio));
        Assert.IsType<Runtime.Persistence.SaveResult.Saved>(await journeys.RestoreAsync("Secretive", 1, 2, studio));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteJsonAsync("/admin/api/journeys/Secretive")).StatusCode);

        // Identities: create, update with a new password, a refused update, device reset, delete.
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/admin/api/identities",
            Json(JsonSerializer.Serialize(new { username = "secret.sam", password = CreatedPassword, mail = "sam@example.com" })))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/admin/api/identities/secret.sam", Json(JsonSerializer.Serialize(new { password = UpdatedPassword })))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsync("/admin/api/identities/secret.sam", Json(JsonSerializer.Serialize(new { password = TooShortPassword })))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/admin/api/identities",
            Json(JsonSerializer.Serialize(new { username = "secret.tim", password = TooShortPassword })))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteJsonAsync("/admin/api/identities/secret.sam/devices")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteJsonAsync("/admin/api/identities/secret.sam")).StatusCode);

        // Realm services (a studio page): a save with the SNS secret, a refused one, a reset.
        var services = server.Services.GetRequiredService<RealmServiceAdminService>();
        Assert.IsType<RealmServiceSaveResult.Saved>(await services.SaveAsync(RealmNames.Alpha, new RealmServiceChanges
        {
            Transport = "sns", Region = "eu-west-1", AccessKeyId = "AKIAQUOKKA0000004717", SecretAccessKey = SnsSecret, SkippableAttributeName = "push2faEnabled",
        }, studio));
        Assert.IsType<RealmServiceSaveResult.Invalid>(await services.SaveAsync(RealmNames.Alpha, new RealmServiceChanges
        {
            Transport = "sns", Region = "nowhere " + SnsSecret, AccessKeyId = "AKIAQUOKKA0000004717", SecretAccessKey = SnsSecret + " x", SkippableAttributeName = "push2faEnabled",
        }, studio));
        Assert.True(await services.ResetAsync(RealmNames.Alpha, studio));

        var rows = await AllStoredRowsAsync(server);
        var api = await (await admin.GetAsync($"/admin/api/audit?limit={AuditQuery.MaxLimit}")).Content.ReadAsStringAsync();

        // The log is not empty: every action above left its entry.
        foreach (var action in new[] { "journey.create", "journey.save", "journey.import", "journey.rename", "journey.duplicate", "journey.settings",
                     "journey.restore", "journey.delete", "identity.create", "identity.update", "identity.devices.reset", "identity.delete",
                     "services.save", "services.reset" })
            Assert.Contains(action, rows);
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret, rows);
            Assert.DoesNotContain(secret, api);
        }
    }

    [Fact]
    public async Task Action_WhenTheAuditLogCannotStore_StillSucceeds_AndTheErrorIsLogged()
    {
        var logs = new RecordingLoggerProvider();
        await using var server = StudioServer.Start(configureServices: services => services.AddSingleton<ILoggerProvider>(logs));
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(server.DataDirectory, "journeystudio.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE AuditEntries";
            await drop.ExecuteNonQueryAsync();
        }
        using var admin = Basic(server, StudioServer.AdminPassword);

        var created = await admin.PutAsync("/admin/api/journeys/Unaudited", Json(SimpleExport("Unaudited")));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/api/journeys/Unaudited")).StatusCode);
        Assert.Contains(logs.Messages, m => m.Level == LogLevel.Error && m.Text.Contains("journey.create") && m.Text.Contains("Unaudited"));
    }
}

/// <summary>Keeps every log message of the server, for assertions.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly List<(LogLevel Level, string Text)> _messages = [];

    public IReadOnlyList<(LogLevel Level, string Text)> Messages { get { lock (_messages) return [.. _messages]; } }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose() { }

    private sealed class Logger(RecordingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (provider._messages) provider._messages.Add((logLevel, formatter(state, exception)));
        }
    }
}
