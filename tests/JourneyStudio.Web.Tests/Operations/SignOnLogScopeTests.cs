using System.Collections.Immutable;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Diagnostics;
using JourneyStudio.Runtime.Sessions;
using JourneyStudio.Testing;
using JourneyStudio.Web.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JourneyStudio.Web.Tests.Operations;

/// <summary>
/// Every log line written inside an authenticate step carries the sign-on's scope (SignOnId = the journey session
/// id, Journey, Realm), whoever writes it: the engine about a node, EF Core, the session runner.
/// </summary>
public sealed class SignOnLogScopeTests
{
    private const string FailingJourney = "Test Failing Node";

    [Fact]
    public async Task FirstStep_ANodesFailureIsLogged_UnderTheSignOnsId()
    {
        var logs = new CapturingLoggerProvider();
        await using var server = StudioServer.Start(configureServices: services => services.AddSingleton<ILoggerProvider>(logs));
        // A Push Sender with nobody signed in yet throws: the engine logs the node's failure.
        await SignOnJourneys.CreateAsync(server, new Journey
        {
            Name = FailingJourney,
            EntryNodeId = "sender",
            Nodes =
            [
                new JourneyNode
                {
                    Id = "sender", NodeType = NodeTypeIds.PushSender, DisplayName = "Push Sender",
                    Connections = ImmutableDictionary<string, string>.Empty.Add("SENT", StaticNodeIds.Success),
                },
            ],
        });
        using var client = new AmClient(server);

        var response = await client.StartAsync(FailingJourney);

        Assert.Equal(401, (int)response.Status);
        var signOnId = Assert.Single(await server.Services.GetRequiredService<JourneySessionStore>().ListRecentAsync(FailingJourney)).SessionId;
        var nodeFailure = Assert.Single(logs.Entries, e => e.Category == "JourneyStudio.Runtime.Engine.JourneyEngine" && e.Level == LogLevel.Error);
        Assert.Contains("sender", nodeFailure.Message);
        Assert.Equal(signOnId, nodeFailure.ScopeValue(SignOnLogScope.SignOnIdField));
        Assert.Equal(FailingJourney, nodeFailure.ScopeValue(SignOnLogScope.JourneyField));
        Assert.Equal("alpha", nodeFailure.ScopeValue(SignOnLogScope.RealmField));
    }

    [Fact]
    public async Task LaterStep_EveryLineOfTheRequest_CarriesTheSignOnsId()
    {
        var logs = new CapturingLoggerProvider();
        await using var server = StudioServer.Start(
            // EF's SQL lines are off by default (they would flood a production log); this test is about their scope.
            settings: new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information" },
            configureServices: services => services.AddSingleton<ILoggerProvider>(logs));
        await SignOnJourneys.SeedAsync(server);
        using var client = new AmClient(server);
        var step = await client.StartAsync(SignOnJourneys.Plain);
        step = await client.SubmitAsync(AmClient.Fill(step.Body, SignOnJourneys.Username), SignOnJourneys.Plain);

        var submittedAt = logs.Entries.Count;
        var failed = await client.SubmitAsync(AmClient.Fill(step.Body, "wrong-password"), SignOnJourneys.Plain);

        Assert.Equal(401, (int)failed.Status);
        var signOnId = Assert.Single(await server.Services.GetRequiredService<JourneySessionStore>().ListRecentAsync(SignOnJourneys.Plain)).SessionId;
        var inStep = logs.Entries.Skip(submittedAt).Where(e => e.ScopeValue(SignOnLogScope.SignOnIdField) == signOnId).ToList();
        var failure = Assert.Single(inStep, e => e.Category == typeof(JourneySessionRunner).FullName);
        Assert.Equal(signOnId, failure.Properties["SessionId"]);
        Assert.Equal(SignOnJourneys.Plain, failure.ScopeValue(SignOnLogScope.JourneyField));
        // The Data Store Decision's database reads happen inside the step too.
        Assert.Contains(inStep, e => e.Category == "Microsoft.EntityFrameworkCore.Database.Command");
    }
}
