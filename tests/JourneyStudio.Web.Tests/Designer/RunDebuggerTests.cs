using Bunit;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Sessions;
using JourneyStudio.Testing;
using JourneyStudio.Web.Designer;
using JourneyStudio.Web.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace JourneyStudio.Web.Tests.Designer;

/// <summary>The run debugger as an admin sees it, on a sign-on recorded by a real server.</summary>
public sealed class RunDebuggerTests : BunitContext, IAsyncLifetime
{
    private StudioServer _server = null!;
    private JourneySessionSummary _run = null!;
    private int _journeyId;

    public RunDebuggerTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public async Task InitializeAsync()
    {
        _server = StudioServer.Start();
        await SignOnJourneys.SeedAsync(_server);
        using var client = new AmClient(_server);
        await client.SignOnAsync(SignOnJourneys.Plain, SignOnJourneys.Username, SignOnJourneys.Password);
        var sessions = _server.Services.GetRequiredService<JourneySessionStore>();
        Services.AddSingleton(sessions);
        _journeyId = (await _server.Services.GetRequiredService<JourneyStore>().GetLatestAsync(SignOnJourneys.Plain))!.JourneyId;
        _run = (await sessions.ListRunsAsync(_journeyId)).First();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await _server.DisposeAsync();
    }

    private IRenderedComponent<RunDebugger> RenderDebugger(Action<RunStepChoice> chosen, int? step = null) =>
        Render<RunDebugger>(p => p
            .Add(d => d.Run, _run)
            .Add(d => d.JourneyId, _journeyId)
            .Add(d => d.StepIndex, step)
            .Add(d => d.NameOfNode, (id, _) => "Node " + id)
            .Add(d => d.OnStepChosen, chosen));

    [Fact]
    public void ListsTheSteps_AndNextChoosesTheFirst()
    {
        RunStepChoice? chosen = null;
        var debugger = RenderDebugger(c => chosen = c);

        debugger.WaitForAssertion(() => Assert.Equal(3, debugger.FindAll("[data-testid=debug-step]").Count));
        Assert.Equal("3 step(s)", debugger.Find("[data-testid=debug-position]").TextContent.Trim());
        Assert.Contains("→ Node user", debugger.FindAll("[data-testid=debug-step]")[0].TextContent);
        Assert.Contains("→ Success", debugger.FindAll("[data-testid=debug-step]")[2].TextContent);
        Assert.Contains("success", debugger.Find("[data-testid=path-legend]").TextContent);

        debugger.Find("[data-testid=debug-next]").Click();
        Assert.Equal(0, chosen!.Index);
        Assert.Equal(3, chosen.Trace.Count);
    }

    [Fact]
    public void AStep_ShowsAnswersRedacted_OutcomesAndSharedState()
    {
        var debugger = RenderDebugger(_ => { }, step: 2);

        debugger.WaitForAssertion(() => Assert.NotEmpty(debugger.FindAll("[data-testid=debug-detail]")));
        Assert.Equal("Step 3 of 3", debugger.Find("[data-testid=debug-position]").TextContent.Trim());
        var answer = debugger.Find("[data-testid=debug-answer]");
        Assert.Equal("PasswordCallback", answer.GetAttribute("data-type"));
        Assert.Contains("redacted", answer.TextContent);
        Assert.DoesNotContain(SignOnJourneys.Password, debugger.Markup);
        Assert.Equal(["Node password → outcome", "Node check → true"],
            debugger.FindAll("[data-testid=debug-outcome]").Select(o => o.TextContent.Trim()));
        Assert.Contains("Ended: success", debugger.Find("[data-testid=debug-detail]").TextContent);
        Assert.True(debugger.Find("[data-testid=debug-next]").HasAttribute("disabled"));

        debugger.Render(p => p.Add(d => d.StepIndex, 1));
        Assert.Contains(debugger.FindAll("[data-testid=debug-state]"), s => s.GetAttribute("data-key") == "username" && s.TextContent.Contains(SignOnJourneys.Username));
        Assert.Contains($"“{SignOnJourneys.Username}”", debugger.Find("[data-testid=debug-answer]").TextContent);
    }

    [Fact]
    public async Task SteppingMovesTheCanvasMark_FromNodeToNode()
    {
        var journey = (await _server.Services.GetRequiredService<JourneyStore>().GetLatestAsync(SignOnJourneys.Plain))!.Journey;
        var trace = (await _server.Services.GetRequiredService<JourneySessionStore>().GetTraceAsync(_journeyId, _run.SessionId))!;

        Assert.Equal(["user", "password", StaticNodeIds.Success],
            Enumerable.Range(0, trace.Count).Select(i => PathHighlight.BuildStep(journey, _run, trace, i).CurrentNodeId));
        Assert.Equal(0, PathHighlight.BuildStep(journey, _run, trace, 0).VisitsOf("password"));
        Assert.Equal(1, PathHighlight.BuildStep(journey, _run, trace, 1).VisitsOf("password"));
        Assert.Null(PathHighlight.Build(journey, _run).CurrentNodeId);
    }
}
