using System.Collections.Immutable;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Email;
using JourneyStudio.Runtime.Sessions;
using JourneyStudio.Testing;
using JourneyStudio.Web.Tests.Api;
using JourneyStudio.Web.Tests.EndToEnd;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Web.Tests.Email;

/// <summary>
/// Email Suspend over real HTTP with the embedded transport: the client gets AM's SuspendedTextOutputCallback, the link
/// lands in the mailbox (read through the admin API), resumes the sign-on once at the next node, and is refused when used,
/// expired or unknown.
/// </summary>
public sealed partial class EmailSuspendHttpTests : IAsyncLifetime
{
    public const string Journey = "Test Email Suspend";
    private readonly AdjustableClock _clock = new();
    private StudioServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = StudioServer.Start(configureServices: services => services.AddSingleton<TimeProvider>(_clock));
        await SignOnJourneys.SeedAsync(_server, EmailSuspendJourney());
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>Username, then Email Suspend (the identity looked up by username, the resetPassword template), then the password.</summary>
    public static Journey EmailSuspendJourney(string name = Journey) => new()
    {
        Name = name,
        EntryNodeId = "user",
        Nodes =
        [
            Node("user", NodeTypeIds.UsernameCollector, ("outcome", "suspend")),
            Node("suspend", NodeTypeIds.EmailSuspend, ("outcome", "password")) with
            {
                Config = NodeConfig.FromObject(
                [
                    KeyValuePair.Create<string, object?>("emailTemplateName", "resetPassword"),
                    KeyValuePair.Create<string, object?>("objectLookup", true),
                    KeyValuePair.Create<string, object?>("identityAttribute", "userName"),
                    KeyValuePair.Create<string, object?>("emailAttribute", "mail"),
                ]),
            },
            Node("password", NodeTypeIds.PasswordCollector, ("outcome", "check")),
            Node("check", NodeTypeIds.DataStoreDecision, ("true", StaticNodeIds.Success), ("false", StaticNodeIds.Failure)),
        ],
    };

    /// <summary>Username, password, then Email Suspend, then Data Store Decision: the password must outlast the suspension.</summary>
    public static Journey PasswordThenSuspendJourney(string name) => EmailSuspendJourney(name) with
    {
        Nodes =
        [
            Node("user", NodeTypeIds.UsernameCollector, ("outcome", "password")),
            Node("password", NodeTypeIds.PasswordCollector, ("outcome", "suspend")),
            EmailSuspendJourney(name).Nodes.Single(n => n.Id == "suspend") with
            {
                Connections = ImmutableDictionary<string, string>.Empty.Add("outcome", "check"),
            },
            Node("check", NodeTypeIds.DataStoreDecision, ("true", StaticNodeIds.Success), ("false", StaticNodeIds.Failure)),
        ],
    };

    private static JourneyNode Node(string id, string type, params (string Outcome, string Target)[] connections) => new()
    {
        Id = id, NodeType = type, DisplayName = id,
        Connections = connections.ToImmutableDictionary(c => c.Outcome, c => c.Target),
    };

    private HttpClient Admin()
    {
        var client = _server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{StudioServer.AdminUsername}:{StudioServer.AdminPassword}")));
        return client;
    }

    private async Task<JsonArray> MailboxAsync()
    {
        using var admin = Admin();
        using var response = await admin.GetAsync("admin/api/mailbox");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
    }

    [GeneratedRegex(@"suspendedId=([A-Za-z0-9_\-]+)")]
    private static partial Regex SuspendedIdPattern();

    private async Task<(AmClient Client, AmResponse Suspended)> SuspendAsync(string username = SignOnJourneys.Username)
    {
        var client = new AmClient(_server);
        var name = await client.StartAsync(Journey);
        return (client, await client.SubmitAsync(AmClient.Fill(name.Body, username), Journey));
    }

    private static Task<AmResponse> ResumeAsync(AmClient client, string suspendedId) =>
        client.PostAsync($"{AmClient.AlphaPath}/authenticate?suspendedId={Uri.EscapeDataString(suspendedId)}", "");

    [Fact]
    public async Task EmailSuspend_SendsAmsSuspendedCallback_MailsTheLink_AndTheLinkResumesAtTheNextNodeOnce()
    {
        var (client, suspended) = await SuspendAsync();
        using var _ = client;

        Assert.True(suspended.Status == HttpStatusCode.OK, suspended.Text);
        Assert.Equal(
            """[{"type":"SuspendedTextOutputCallback","output":[{"name":"message","value":"An email has been sent to the address you entered. Click the link in that email to proceed."},{"name":"messageType","value":"0"}],"_id":0}]""",
            suspended.Body["callbacks"]!.ToJsonString());

        var mail = Assert.Single(await MailboxAsync())!;
        Assert.Equal(SignOnJourneys.Mail, (string?)mail["to"]);
        Assert.Equal("Reset your password", (string?)mail["subject"]);
        Assert.Equal(EmailSettings.DefaultFrom, (string?)mail["from"]);
        Assert.Contains($"Hello {SignOnJourneys.GivenName},", (string?)mail["text"]);
        var link = SuspendedIdPattern().Match((string)mail["html"]!);
        Assert.True(link.Success, (string?)mail["html"]);
        Assert.Contains($"{_server.BaseAddress}login?suspendedId={link.Groups[1].Value}", (string?)mail["text"]);

        // The authId alone must not get past the email.
        var skipped = await client.SubmitAsync(suspended.Body, Journey);
        Assert.Equal(HttpStatusCode.BadRequest, skipped.Status);
        Assert.Equal(JourneySessionRunner.SuspendedMessage, skipped.ErrorMessage);

        var resumed = await ResumeAsync(client, link.Groups[1].Value);
        Assert.True(resumed.Status == HttpStatusCode.OK, resumed.Text);
        Assert.Equal("PasswordCallback", (string?)resumed.Body["callbacks"]![0]!["type"]);

        var again = await ResumeAsync(client, link.Groups[1].Value);
        Assert.Equal(HttpStatusCode.Unauthorized, again.Status);
        Assert.Equal(JourneySessionRunner.ResumeRefusedMessage, again.ErrorMessage);

        var done = await client.SubmitAsync(AmClient.Fill(resumed.Body, SignOnJourneys.Password), Journey);
        Assert.Equal(HttpStatusCode.OK, done.Status);
        Assert.False(string.IsNullOrEmpty((string?)done.Body["tokenId"]));
    }

    [Fact]
    public async Task EmailSuspend_KeepsThePasswordCollectedBeforeIt_EncryptedInTheStoredSession_ForTheNodesAfterTheResume()
    {
        const string journey = "Test Password Then Suspend";
        await SignOnJourneys.SeedAsync(_server, PasswordThenSuspendJourney(journey));
        using var client = new AmClient(_server);
        var name = await client.StartAsync(journey);
        var password = await client.SubmitAsync(AmClient.Fill(name.Body, SignOnJourneys.Username), journey);
        var suspended = await client.SubmitAsync(AmClient.Fill(password.Body, SignOnJourneys.Password), journey);
        Assert.Equal("SuspendedTextOutputCallback", (string?)suspended.Body["callbacks"]![0]!["type"]);

        // AM's secure state: kept for the resume, never in the clear.
        await using (var db = _server.OpenDatabaseConnection())
        {
            await using var query = db.CreateCommand();
            query.CommandText = "SELECT StateJson FROM JourneySessions";
            await using var reader = await query.ExecuteReaderAsync();
            var states = new List<string>();
            while (await reader.ReadAsync()) states.Add(reader.GetString(0));
            Assert.Contains(states, s => s.Contains("\"secureState\":\"", StringComparison.Ordinal));
            Assert.DoesNotContain(states, s => s.Contains(SignOnJourneys.Password, StringComparison.Ordinal));
        }

        var link = SuspendedIdPattern().Match((string)(await MailboxAsync())[0]!["text"]!).Groups[1].Value;
        var resumed = await ResumeAsync(client, link);

        Assert.True(resumed.Status == HttpStatusCode.OK, resumed.Text);
        Assert.False(string.IsNullOrEmpty((string?)resumed.Body["tokenId"]), resumed.Text);
    }

    [Fact]
    public async Task EmailSuspend_LinkOpenedAfterItsLifetime_IsRefused()
    {
        var (client, _) = await SuspendAsync();
        using var __ = client;
        var link = SuspendedIdPattern().Match((string)(await MailboxAsync())[0]!["text"]!).Groups[1].Value;

        _clock.Advance(EmailSettings.DefaultSuspendedLifetime + TimeSpan.FromSeconds(1));
        var late = await ResumeAsync(client, link);

        Assert.Equal(HttpStatusCode.Unauthorized, late.Status);
        Assert.Equal(JourneySessionRunner.ResumeRefusedMessage, late.ErrorMessage);
    }

    [Theory]
    [InlineData("not-a-link-this-server-issued")]
    [InlineData("%00%FF")]
    [InlineData("x")]
    public async Task Resume_WithAnUnknownSuspendedId_IsRefusedWithAmsError(string suspendedId)
    {
        using var client = new AmClient(_server);

        var refused = await client.PostAsync($"{AmClient.AlphaPath}/authenticate?suspendedId={suspendedId}", "");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal(401, (int?)refused.Body["code"]);
        Assert.Equal(JourneySessionRunner.ResumeRefusedMessage, refused.ErrorMessage);
    }

    [Fact]
    public async Task EmailSuspend_ForAnUnknownUser_SuspendsAlikeAndMailsNothing()
    {
        var (client, suspended) = await SuspendAsync("nobody-" + Guid.NewGuid().ToString("N")[..6]);
        using var _ = client;

        Assert.Equal(HttpStatusCode.OK, suspended.Status);
        Assert.Equal("SuspendedTextOutputCallback", (string?)suspended.Body["callbacks"]![0]!["type"]);
        Assert.Empty(await MailboxAsync());
    }

    [Fact]
    public async Task MailboxApi_DeletesOneMessage_AndClearsAll()
    {
        var (first, _) = await SuspendAsync();
        var (second, _) = await SuspendAsync();
        first.Dispose();
        second.Dispose();
        var messages = await MailboxAsync();
        Assert.Equal(2, messages.Count);
        using var admin = Admin();

        using (var deleted = await admin.DeleteJsonAsync($"admin/api/mailbox/{(long)messages[0]!["id"]!}"))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Single(await MailboxAsync());
        using (var missing = await admin.DeleteJsonAsync($"admin/api/mailbox/{(long)messages[0]!["id"]!}"))
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using (var bad = await admin.GetAsync("admin/api/mailbox/abc"))
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using (var cleared = await admin.DeleteJsonAsync("admin/api/mailbox"))
            Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Empty(await MailboxAsync());
    }
}
