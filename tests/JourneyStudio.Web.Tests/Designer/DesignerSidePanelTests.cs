using Bunit;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Validation;
using JourneyStudio.Web.Designer;
using MudBlazor.Services;

namespace JourneyStudio.Web.Tests.Designer;

/// <summary>The side panel: properties with problems below on a large screen, tabs for problems (small screen) and changes.</summary>
public sealed class DesignerSidePanelTests : BunitContext, IAsyncLifetime
{
    private readonly JourneyEditSession _session = new(TestJourneys.Sample(), 1);
    private readonly IReadOnlyList<ValidationFinding> _findings =
        [new(FindingSeverity.Warning, FindingCodes.JourneyTestFailed, "Something to look at", "push")];

    public DesignerSidePanelTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    private IRenderedComponent<DesignerSidePanel> RenderPanel(bool compact, RevisionChanges? changes = null,
        DesignerSidePanel.Tab tab = DesignerSidePanel.Tab.Properties, Action<DesignerSidePanel.Tab>? chosen = null) =>
        Render<DesignerSidePanel>(p => p.Add(s => s.Session, _session).Add(s => s.NodeId, "push").Add(s => s.Compact, compact)
            .Add(s => s.Findings, _findings).Add(s => s.Changes, changes).Add(s => s.Current, tab)
            .Add(s => s.CurrentChanged, (DesignerSidePanel.Tab t) => chosen?.Invoke(t)));

    [Fact]
    public void LargeScreen_ShowsPropertiesAndProblemsTogether_WithoutTabs()
    {
        var panel = RenderPanel(compact: false);

        Assert.Empty(panel.FindAll("[role=tab]"));
        Assert.Contains("Something to look at", panel.Markup);
        Assert.NotEmpty(panel.FindAll("[data-testid=property-panel]"));
    }

    [Fact]
    public void SmallScreen_GivesProblemsATab_ChoosingItAsksTheEditor()
    {
        DesignerSidePanel.Tab? chosen = null;
        var panel = RenderPanel(compact: true, chosen: t => chosen = t);

        Assert.Equal("true", panel.Find("[data-testid=tab-properties]").GetAttribute("aria-selected"));
        Assert.Equal("Problems (1)", panel.Find("[data-testid=tab-problems]").TextContent.Trim());
        Assert.DoesNotContain("Something to look at", panel.Markup);
        panel.Find("[data-testid=tab-problems]").Click();
        Assert.Equal(DesignerSidePanel.Tab.Problems, chosen);

        panel.Render(p => p.Add(s => s.Current, DesignerSidePanel.Tab.Problems));
        Assert.Contains("Something to look at", panel.Markup);
    }

    [Fact]
    public void Changes_GetATabCountingThem_AndListThem()
    {
        var newer = TestJourneys.Sample() with { Nodes = TestJourneys.Sample().Nodes.Where(n => n.Id != "retry").ToList() };
        var diff = JourneyDiff.Compare(TestJourneys.Sample(), newer);
        var changes = new RevisionChanges(1, 2, "draft", diff, new Dictionary<string, string> { ["retry"] = "Retry Limit" });

        var panel = RenderPanel(compact: false, changes, DesignerSidePanel.Tab.Changes);

        Assert.Equal($"Changes ({changes.Count})", panel.Find("[data-testid=tab-changes]").TextContent.Trim());
        Assert.Contains("Retry Limit", panel.Markup);
        Assert.Empty(panel.FindAll("[data-testid=tab-problems]"));
    }
}
