using Bunit;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Frodo;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Testing;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.JourneyTests;
using JourneyStudio.Web.Designer;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace JourneyStudio.Web.Tests.Designer;

/// <summary>The designer's Tests panel as an admin sees it, running scenarios on the real sandbox runner.</summary>
public sealed class JourneyTestsPanelTests : BunitContext, IAsyncLifetime
{
    private readonly JourneyTestRunner _runner = new(NodeCatalog.Default);

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await _runner.DisposeAsync();
        await base.DisposeAsync();
    }

    public JourneyTestsPanelTests()
    {
        Services.AddMudServices();
        Services.AddSingleton<IJourneyTestRuns>(new RunnerOnly(_runner));
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private sealed class RunnerOnly(JourneyTestRunner runner) : IJourneyTestRuns
    {
        public Task<JourneyTestRun> RunAsync(Journey journey, int revision, CancellationToken cancellationToken = default) =>
            runner.RunAsync(new ResolvedJourney(journey, revision), cancellationToken: cancellationToken);
    }

    private static Journey ShippedLogin() =>
        FrodoJourneyReader.Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "journeys", "Login.journey.json"))).Single();

    [Fact]
    public void RunAll_ShowsEachScenarioPassedAndDrawsThePath()
    {
        JourneyTestScenarioResult? shown = null;
        var panel = Render<JourneyTestsPanel>(p => p.Add(t => t.Journey, ShippedLogin()).Add(t => t.Revision, 1)
            .Add(t => t.OnShowPath, (JourneyTestScenarioResult r) => shown = r));

        Assert.Equal(2, panel.FindAll("[data-testid=test-scenario]").Count);
        panel.Find("[data-testid=tests-run-all]").Click();

        panel.WaitForAssertion(() => Assert.Equal("2 of 2 passed", panel.Find("[data-testid=tests-summary]").TextContent.Trim()));
        Assert.All(panel.FindAll("[data-testid=test-scenario]"), row => Assert.Equal("passed", row.GetAttribute("data-result")));
        Assert.NotNull(shown);
        Assert.NotEmpty(shown!.Path);
    }

    [Fact]
    public void RunAll_FailingScenario_SaysWhy()
    {
        var journey = JourneyTestFormat.WithTests(new Journey { Name = "Ends in failure", EntryNodeId = StaticNodeIds.Failure }, new JourneyTestSuite
        {
            Scenarios = [new JourneyTestScenario { Name = "Signs on", User = new JourneyTestUser { Username = "sandbox.ui", Password = "Sandbox-Passw0rd!" }, Expect = JourneyTestExpectation.Success }],
        });
        var panel = Render<JourneyTestsPanel>(p => p.Add(t => t.Journey, journey));

        panel.Find("[data-testid=tests-run-all]").Click();

        panel.WaitForAssertion(() => Assert.Equal("failed", panel.Find("[data-testid=test-scenario]").GetAttribute("data-result")));
        Assert.Contains("Expected Success, but the journey ended in Failure", panel.Find("[data-testid=test-reason]").TextContent);
    }

    [Fact]
    public void AddScenario_WithTheForm_HandsTheNewSuiteToTheEditor()
    {
        JourneyTestSuite? changed = null;
        var panel = Render<JourneyTestsPanel>(p => p.Add(t => t.Journey, new Journey { Name = "Empty", EntryNodeId = StaticNodeIds.Success })
            .Add(t => t.OnChange, (JourneyTestSuite s) => changed = s));

        panel.Find("[data-testid=test-add]").Click();
        panel.Find("input[data-testid=test-name], [data-testid=test-name] input").Change("Signs on at once");
        panel.Find("input[data-testid=test-username], [data-testid=test-username] input").Change("sandbox.form");
        panel.Find("input[data-testid=test-password], [data-testid=test-password] input").Change("Sandbox-Passw0rd!");
        panel.Find("textarea[data-testid=test-step-values], [data-testid=test-step-values] textarea").Change("NameCallback=sandbox.form");
        panel.Find("[data-testid=test-save]").Click();

        var scenario = Assert.Single(changed!.Scenarios);
        Assert.Equal("Signs on at once", scenario.Name);
        Assert.Equal("sandbox.form", scenario.User.Username);
        Assert.Equal("NameCallback", Assert.Single(Assert.Single(scenario.Steps).Values).Callback);
        Assert.Equal(JourneyTestEndKind.Success, scenario.Expect.End);
    }

    [Fact]
    public void AddScenario_WithoutAUser_ShowsTheProblemAndKeepsTheSuite()
    {
        JourneyTestSuite? changed = null;
        var panel = Render<JourneyTestsPanel>(p => p.Add(t => t.Journey, new Journey { Name = "Empty", EntryNodeId = StaticNodeIds.Success })
            .Add(t => t.OnChange, (JourneyTestSuite s) => changed = s));

        panel.Find("[data-testid=test-add]").Click();
        panel.Find("input[data-testid=test-name], [data-testid=test-name] input").Change("No user");
        panel.Find("[data-testid=test-save]").Click();

        Assert.Null(changed);
        Assert.Contains("username", panel.Find("[data-testid=test-form-error]").TextContent);
    }

    [Fact]
    public void DeleteScenario_HandsTheSuiteWithoutIt()
    {
        JourneyTestSuite? changed = null;
        var panel = Render<JourneyTestsPanel>(p => p.Add(t => t.Journey, ShippedLogin()).Add(t => t.OnChange, (JourneyTestSuite s) => changed = s));

        panel.FindAll("[data-testid=test-delete]")[0].Click();

        Assert.Equal(["Refuses a wrong password"], changed!.Scenarios.Select(s => s.Name));
    }
}
