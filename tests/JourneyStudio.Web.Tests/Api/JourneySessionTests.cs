using System.Net;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Sessions;
using JourneyStudio.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace JourneyStudio.Web.Tests.Api;

/// <summary>Server-side journey sessions: latest step only, single run of a step, expiry, restarts, revision pinning.</summary>
public sealed class JourneySessionTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task OlderAuthId_ResubmittedAfterTheNextStep_IsRefused()
    {
        using var client = fixture.CreateClient();
        var first = await client.StartAsync(SignOnJourneys.PageWithRetry);
        var second = await client.SubmitAsync(AmClient.Fill(first.Body, SignOnJourneys.Username, "wrong-password"));
        Assert.Equal(HttpStatusCode.OK, second.Status);

        // Replaying the first step would run the page and the retry counter from the old state again.
        var replay = await client.SubmitAsync(AmClient.Fill(first.Body, SignOnJourneys.Username, "wrong-password"));

        AuthenticateErrorTests.AssertError(replay, 401, "only the latest step of a sign-on can be submitted");
        var latest = await client.SubmitAsync(AmClient.Fill(second.Body, SignOnJourneys.Username, SignOnJourneys.Password));
        Assert.NotNull(latest.Body["tokenId"]);
    }

    [Fact]
    public async Task FinalAuthId_ResubmittedAfterSuccess_IsRefused()
    {
        using var client = fixture.CreateClient();
        var step = await client.StartAsync(SignOnJourneys.Plain);
        step = await client.SubmitAsync(AmClient.Fill(step.Body, SignOnJourneys.Username));
        var last = AmClient.Fill(step.Body, SignOnJourneys.Password);
        Assert.Equal(HttpStatusCode.OK, (await client.SubmitAsync(last)).Status);

        AuthenticateErrorTests.AssertError(await client.SubmitAsync(last), 401, "already ended");
    }

    [Fact]
    public async Task SameStepSubmittedTwiceAtOnce_RunsOnce()
    {
        using var client = fixture.CreateClient();
        var step = await client.StartAsync(SignOnJourneys.Plain);
        var filled = AmClient.Fill(step.Body, SignOnJourneys.Username);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.SubmitAsync(filled)));

        var accepted = Assert.Single(responses, r => r.Status == HttpStatusCode.OK);
        Assert.Equal("PasswordCallback", accepted.Body["callbacks"]![0]!["type"]!.GetValue<string>());
        Assert.All(responses.Where(r => r != accepted), r => AuthenticateErrorTests.AssertError(r, 401, "only the latest step"));
    }

    [Fact]
    public async Task IdleTimeout_StepAfterIt_AnswersSessionHasTimedOut()
    {
        await using var server = StudioServer.Start(new Dictionary<string, string?> { ["JourneyStudio:Sessions:IdleTimeout"] = "00:00:01" });
        await SignOnJourneys.SeedAsync(server);
        using var client = new AmClient(server);
        var step = await client.StartAsync(SignOnJourneys.Plain);

        await Task.Delay(TimeSpan.FromMilliseconds(1500));
        var late = await client.SubmitAsync(AmClient.Fill(step.Body, SignOnJourneys.Username));

        Assert.Equal(HttpStatusCode.Unauthorized, late.Status);
        Assert.Equal("""{"code":401,"reason":"Unauthorized","message":"Session has timed out"}""", late.Text);
    }

    [Fact]
    public async Task MaximumDuration_OfTheJourney_EndsAnActiveSignOn()
    {
        // Steps keep the idle timer alive; the maximum duration still ends the sign-on.
        await using var server = StudioServer.Start(new Dictionary<string, string?>
        {
            ["JourneyStudio:Sessions:MaxDuration"] = "00:00:01",
            ["JourneyStudio:Sessions:IdleTimeout"] = "00:10:00",
        });
        await SignOnJourneys.SeedAsync(server);
        using var client = new AmClient(server);
        var step = await client.StartAsync(SignOnJourneys.Plain);
        step = await client.SubmitAsync(AmClient.Fill(step.Body, SignOnJourneys.Username));
        Assert.Equal(HttpStatusCode.OK, step.Status);

        await Task.Delay(TimeSpan.FromMilliseconds(1200));
        var late = await client.SubmitAsync(AmClient.Fill(step.Body, SignOnJourneys.Password));

        AuthenticateErrorTests.AssertError(late, 401, "Session has timed out");
    }

    [Fact]
    public async Task JourneySetting_MaximumSessionDuration_OverridesTheDefault()
    {
        await using var server = StudioServer.Start(new Dictionary<string, string?> { ["JourneyStudio:Sessions:MaxDuration"] = "00:00:01" });
        var journey = SignOnJourneys.PlainJourney("Test Long") with { Settings = new Journeys.Model.JourneySettings { MaximumSessionDurationMinutes = 10 } };
        await SignOnJourneys.SeedAsync(server, journey);
        using var client = new AmClient(server);
        var step = await client.StartAsync("Test Long");

        await Task.Delay(TimeSpan.FromMilliseconds(1200));
        var next = await client.SubmitAsync(AmClient.Fill(step.Body, SignOnJourneys.Username));

        Assert.Equal(HttpStatusCode.OK, next.Status);
    }

    [Fact]
    public async Task TimedOutSessions_ArePurged()
    {
        await using var server = StudioServer.Start(new Dictionary<string, string?> { ["JourneyStudio:Sessions:IdleTimeout"] = "00:00:01" });
        await SignOnJourneys.SeedAsync(server);
        using var client = new AmClient(server);
        await client.StartAsync(SignOnJourneys.Plain);
        var store = server.Services.GetRequiredService<JourneySessionStore>();
        Assert.Single(await store.ListRecentAsync(SignOnJourneys.Plain));

        await Task.Delay(TimeSpan.FromMilliseconds(1200));
        var purged = await store.PurgeExpiredAsync();

        Assert.Equal(1, purged);
        Assert.Empty(await store.ListRecentAsync(SignOnJourneys.Plain));
    }

    [Fact]
    public async Task PurgeService_DeletesPushMessagesExpiredLongerThanTheRetention_KeepsTheRest()
    {
        await using var server = StudioServer.Start(new Dictionary<string, string?> { ["JourneyStudio:Sessions:FinishedRetention"] = "00:01:00" });
        var messages = server.Services.GetRequiredService<PushMessageStore>();
        var now = DateTimeOffset.UtcNow;
        PushMessageRecord Message(string id, DateTimeOffset expiresAt) => new()
        {
            MessageId = id, Kind = PushMessageKind.Authenticate, Username = "alice", Realm = "alpha", ProtectedSecret = "x",
            Challenge = "c", CreatedAt = expiresAt.AddMinutes(-2), ExpiresAt = expiresAt,
        };
        await messages.AddAsync(Message("AUTHENTICATE:long-gone", now.AddMinutes(-5)));
        await messages.AddAsync(Message("AUTHENTICATE:just-expired", now.AddSeconds(-10)));
        await messages.AddAsync(Message("AUTHENTICATE:pending", now.AddMinutes(2)));

        await server.Services.GetServices<IHostedService>().OfType<JourneySessionPurgeService>().Single().PurgeOnceAsync(default);

        Assert.Null(await messages.FindAsync("AUTHENTICATE:long-gone"));
        Assert.NotNull(await messages.FindAsync("AUTHENTICATE:just-expired"));
        Assert.NotNull(await messages.FindAsync("AUTHENTICATE:pending"));
    }

    [Fact]
    public async Task SignOn_SurvivesARestartOnTheSameDataDirectory()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("journeystudio-api-restart-").FullName;
        Step before;
        await using (var first = StudioServer.Start(dataDirectory: dataDirectory, keepDataDirectory: true))
        {
            await SignOnJourneys.SeedAsync(first);
            using var client = new AmClient(first);
            var step = await client.StartAsync(SignOnJourneys.Plain);
            step = await client.SubmitAsync(AmClient.Fill(step.Body, SignOnJourneys.Username));
            before = new Step(AmClient.Fill(step.Body, SignOnJourneys.Password));
        }

        await using var second = StudioServer.Start(dataDirectory: dataDirectory);
        using var again = new AmClient(second);
        var success = await again.SubmitAsync(before.Body);

        Assert.Equal(HttpStatusCode.OK, success.Status);
        Assert.NotNull(success.Body["tokenId"]);
    }

    [Fact]
    public async Task SignOnInFlight_StaysOnItsRevision_WhenAnAdminSavesANewOne()
    {
        await using var server = StudioServer.Start();
        await SignOnJourneys.SeedAsync(server, SignOnJourneys.PageRetryJourney("Test Pinned", header: "Old header"));
        using var client = new AmClient(server);
        var first = await client.StartAsync("Test Pinned");
        Assert.Equal("Old header", first.Body["header"]!.GetValue<string>());

        // The new revision rejects everyone: its Data Store Decision's true outcome also goes to Failure,
        // and its page has another header.
        var store = server.Services.GetRequiredService<JourneyStore>();
        var current = (await store.GetAsync("Test Pinned"))!;
        var edited = SignOnJourneys.PageRetryJourney("Test Pinned", header: "New header");
        edited = edited with
        {
            Nodes = edited.Nodes.Select(n => n.NodeType == NodeTypeIds.DataStoreDecision
                ? n with { Connections = new Dictionary<string, string> { ["true"] = Journeys.Model.StaticNodeIds.Failure, ["false"] = "retry" } }
                : n).ToList(),
        };
        Assert.IsType<SaveResult.Saved>(await store.SaveAsync(edited, current.Revision, "admin"));

        var retry = await client.SubmitAsync(AmClient.Fill(first.Body, SignOnJourneys.Username, "wrong-password"));
        Assert.Equal("Old header", retry.Body["header"]!.GetValue<string>());
        var success = await client.SubmitAsync(AmClient.Fill(retry.Body, SignOnJourneys.Username, SignOnJourneys.Password));
        Assert.Equal(HttpStatusCode.OK, success.Status);

        var fresh = await new AmClient(server).StartAsync("Test Pinned");
        Assert.Equal("New header", fresh.Body["header"]!.GetValue<string>());
        var recent = await server.Services.GetRequiredService<JourneySessionStore>().ListRecentAsync("Test Pinned");
        Assert.Equal([2, 1], recent.Select(r => r.Revision));
    }

    [Fact]
    public async Task StoredSession_NeverHoldsThePassword()
    {
        using var client = fixture.CreateClient();
        const string secret = "Wrong-but-secret-42";
        var step = await client.StartAsync(SignOnJourneys.PageWithRetry);
        var retry = await client.SubmitAsync(AmClient.Fill(step.Body, SignOnJourneys.Username, secret));
        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.DoesNotContain(secret, retry.Text);

        var factory = fixture.Server.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<JourneyStudioDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var rows = db.Set<JourneySessionRecord>().AsEnumerable().Where(r => r.JourneyName == SignOnJourneys.PageWithRetry).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.DoesNotContain(secret, r.StateJson + r.CallbacksJson + r.VisitedPathJson));
        Assert.Contains(rows, r => r.CallbacksJson.Contains("PasswordCallback"));
    }

    private sealed record Step(System.Text.Json.Nodes.JsonObject Body);
}
