using System.Collections.Immutable;
using System.Net;
using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Sessions;
using JourneyStudio.Testing;
using JourneyStudio.Web.Designer;
using JourneyStudio.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Web.Tests.Designer;

/// <summary>
/// What the run debugger gets from a sign-on run over real HTTP: a trace per step (answers redacted by callback kind),
/// runs that belong to the journey's identity, an unwired outcome recorded as such, and no run for a page only opened.
/// </summary>
public sealed class RunTraceTests : IAsyncLifetime
{
    private StudioServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = StudioServer.Start();
        await SignOnJourneys.SeedAsync(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private JourneySessionStore Sessions => _server.Services.GetRequiredService<JourneySessionStore>();

    private JourneyStore Journeys => _server.Services.GetRequiredService<JourneyStore>();

    private async Task<int> JourneyIdAsync(string name) => (await Journeys.GetLatestAsync(name))!.JourneyId;

    private async Task<string> RawTraceAsync(string sessionId)
    {
        var factory = _server.Services.GetRequiredService<IDbContextFactory<JourneyStudioDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var row = await db.Set<JourneySessionRecord>().AsNoTracking().SingleAsync(s => s.Id == sessionId);
        return row.TraceJson + row.StateJson + row.CallbacksJson;
    }

    [Fact]
    public async Task SignOn_RecordsEachStep_WithThePasswordRedacted_AndNeverStored()
    {
        using var client = new AmClient(_server);
        var done = await client.SignOnAsync(SignOnJourneys.Plain, SignOnJourneys.Username, SignOnJourneys.Password);
        Assert.Equal(HttpStatusCode.OK, done.Status);

        var run = (await Sessions.ListRunsAsync(await JourneyIdAsync(SignOnJourneys.Plain))).First();
        var trace = (await Sessions.GetTraceAsync(await JourneyIdAsync(SignOnJourneys.Plain), run.SessionId))!;

        Assert.Equal(3, trace.Count);
        Assert.Empty(trace[0].Answers);
        Assert.Equal(new TracedNodeRef(SignOnJourneys.Plain, "user"), trace[0].WaitingAt);
        Assert.Equal("NameCallback", Assert.Single(trace[0].Sent).Type);
        var name = Assert.Single(trace[1].Answers);
        Assert.Equal(("NameCallback", SignOnJourneys.Username), (name.Type, name.Value));
        Assert.Contains(trace[1].SharedStateChanges, c => c.Key == "username" && c.Value == SignOnJourneys.Username);
        Assert.Equal([("user", "outcome")], trace[1].Outcomes.Select(o => (o.NodeId, o.Outcome)));
        var password = Assert.Single(trace[2].Answers);
        Assert.Equal(("PasswordCallback", StepTrace.Redacted), (password.Type, password.Value));
        Assert.Equal([("password", "outcome"), ("check", "true")], trace[2].Outcomes.Select(o => (o.NodeId, o.Outcome)));
        Assert.Equal(JourneySessionStatus.Succeeded, trace[2].Status);
        Assert.Null(trace[2].WaitingAt);
        Assert.All(trace, t => Assert.True(t.DurationMs >= 0));
        Assert.DoesNotContain(SignOnJourneys.Password, await RawTraceAsync(run.SessionId));
    }

    [Fact]
    public async Task RecoveryCodeAnswer_IsRedactedByItsCallback_AndNeverStored()
    {
        var name = "Trace Recovery " + Guid.NewGuid().ToString("N")[..6];
        await SignOnJourneys.CreateAsync(_server, new Journey
        {
            Name = name,
            EntryNodeId = "user",
            Nodes =
            [
                Node("user", NodeTypeIds.UsernameCollector, ("outcome", "code")),
                Node("code", NodeTypeIds.RecoveryCodeCollectorDecision, ("true", StaticNodeIds.Success), ("false", StaticNodeIds.Failure)),
            ],
        });
        const string code = "Zq7Rw2Kx9P";
        using var client = new AmClient(_server);
        var step = await client.StartAsync(name);
        step = await client.SubmitAsync(AmClient.Fill(step.Body, SignOnJourneys.Username), name);
        Assert.Equal("NameCallback", step.Body["callbacks"]![0]!["type"]!.GetValue<string>());
        await client.SubmitAsync(AmClient.Fill(step.Body, code), name);

        var journeyId = await JourneyIdAsync(name);
        var run = Assert.Single(await Sessions.ListRunsAsync(journeyId));
        var trace = (await Sessions.GetTraceAsync(journeyId, run.SessionId))!;
        Assert.Equal(StepTrace.Redacted, Assert.Single(trace[^1].Answers).Value);
        Assert.Equal(SignOnJourneys.Username, Assert.Single(trace[1].Answers).Value);
        Assert.DoesNotContain(code, await RawTraceAsync(run.SessionId));
    }

    [Fact]
    public async Task RunsBelongToTheJourneysIdentity_NotToANewJourneyOfTheSameName()
    {
        var name = "Trace Owner " + Guid.NewGuid().ToString("N")[..6];
        await SignOnJourneys.CreateAsync(_server, SignOnJourneys.PlainJourney(name));
        using var client = new AmClient(_server);
        await client.SignOnAsync(name, SignOnJourneys.Username, SignOnJourneys.Password);
        var oldId = await JourneyIdAsync(name);
        var oldRun = Assert.Single(await Sessions.ListRunsAsync(oldId));
        var exported = (await Journeys.GetLatestAsync(name))!.Journey;

        Assert.True(await Journeys.DeleteAsync(name));
        await Journeys.ImportAsync([exported], "tests");
        var newId = await JourneyIdAsync(name);

        Assert.NotEqual(oldId, newId);
        Assert.Empty(await Sessions.ListRunsAsync(newId));
        Assert.Null(await Sessions.GetTraceAsync(newId, oldRun.SessionId));
    }

    [Fact]
    public async Task RunThatFailedOnAnUnwiredOutcome_IsRecordedAndDrawnAsSuch()
    {
        var name = "Trace Unwired " + Guid.NewGuid().ToString("N")[..6];
        var journey = SignOnJourneys.PlainJourney(name) with
        {
            Nodes = [.. SignOnJourneys.PlainJourney(name).Nodes.Select(n => n.Id == "password" ? n with { Connections = ImmutableDictionary<string, string>.Empty } : n)],
        };
        await SignOnJourneys.CreateAsync(_server, journey);
        using var client = new AmClient(_server);
        await client.SignOnAsync(name, SignOnJourneys.Username, SignOnJourneys.Password);

        var journeyId = await JourneyIdAsync(name);
        var run = Assert.Single(await Sessions.ListRunsAsync(journeyId));
        var trace = (await Sessions.GetTraceAsync(journeyId, run.SessionId))!;
        var unwired = Assert.Single(trace[^1].Outcomes);
        Assert.Equal(("password", "outcome", true), (unwired.NodeId, unwired.Outcome, unwired.Unwired));
        Assert.Equal(JourneySessionStatus.Failed, run.Status);

        var highlight = PathHighlight.BuildStep(journey, run, trace, trace.Count - 1);
        Assert.Equal(("password", "outcome"), highlight.UnwiredOutcome);
        Assert.Equal("password", highlight.CurrentNodeId);
        Assert.Equal(("password", "outcome"), PathHighlight.Build(journey, run).UnwiredOutcome);
    }

    [Fact]
    public async Task OpeningTheSignOnPage_WithoutAnswering_AddsNoRun()
    {
        var name = "Trace Empty " + Guid.NewGuid().ToString("N")[..6];
        await SignOnJourneys.CreateAsync(_server, SignOnJourneys.PlainJourney(name));
        using var client = new AmClient(_server);
        var first = await client.StartAsync(name);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        var journeyId = await JourneyIdAsync(name);

        Assert.Empty(await Sessions.ListRunsAsync(journeyId));

        await client.SubmitAsync(AmClient.Fill(first.Body, SignOnJourneys.Username), name);
        var run = Assert.Single(await Sessions.ListRunsAsync(journeyId));
        Assert.Equal(JourneySessionStatus.InProgress, run.Status);
    }

    [Fact]
    public async Task TheTraceStaysBounded_InStepsAndValueLength()
    {
        using var client = new AmClient(_server);
        var step = await client.StartAsync(SignOnJourneys.PageWithRetry);
        step = await client.SubmitAsync(AmClient.Fill(step.Body, new string('x', 500), "wrong"), SignOnJourneys.PageWithRetry);
        var journeyId = await JourneyIdAsync(SignOnJourneys.PageWithRetry);
        var run = (await Sessions.ListRunsAsync(journeyId)).First();
        var answers = (await Sessions.GetTraceAsync(journeyId, run.SessionId))!.SelectMany(t => t.Answers).ToList();
        Assert.Contains(answers, a => a.Value!.StartsWith("xxx", StringComparison.Ordinal));
        Assert.All(answers, a => Assert.True(a.Value!.Length <= StepTrace.MaxValueLength));

        // Many more steps than a trace keeps, each stored by its one UPDATE.
        const int ownerId = -7;
        var state = new JourneySessionState { JourneyName = "bounded", Revision = 1, Realm = "alpha" };
        var session = await Sessions.CreateAsync(state, journeyId: ownerId, trace: new StepTrace { Status = JourneySessionStatus.InProgress });
        for (var i = 0; i < StepTrace.MaxSteps + 10; i++)
            session = (await Sessions.TrySaveUnclaimedStepAsync(session, state, trace: new StepTrace { Status = JourneySessionStatus.InProgress, DurationMs = i }))!;

        var trace = (await Sessions.GetTraceAsync(ownerId, session.Id))!;
        Assert.Equal(StepTrace.MaxSteps, trace.Count);
        Assert.Equal(StepTrace.MaxSteps - 2, trace[^1].DurationMs);
    }

    private static JourneyNode Node(string id, string type, params (string Outcome, string Target)[] connections) => new()
    {
        Id = id,
        NodeType = type,
        DisplayName = id,
        Connections = connections.ToImmutableDictionary(c => c.Outcome, c => c.Target),
    };
}
