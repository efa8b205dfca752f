using System.Collections.Immutable;
using Blazor.Diagrams.Components;
using Blazor.Diagrams.Core.Geometry;
using Bunit;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Web.Designer;
using Microsoft.AspNetCore.Components;

namespace JourneyStudio.Web.Tests.Designer;

/// <summary>A recorded run (the engine's visited path) mapped onto the journey the designer shows.</summary>
public sealed class PathHighlightTests : BunitContext
{
    private const string Success = StaticNodeIds.Success;
    private const string Failure = StaticNodeIds.Failure;

    private static readonly Journey Journey = TestJourneys.Sample() with { EntryNodeId = "page" };

    private static VisitedNode Step(string nodeId, string outcome, string journey = "Sample") => new(journey, nodeId, outcome);

    [Fact]
    public void SuccessfulRun_MarksItsNodesStartAndTheTerminalReached_AndOnlyTheOutcomesTaken()
    {
        var highlight = PathHighlight.Build(Journey,
            [Step("user", "outcome"), Step("page", "outcome"), Step("decision", "true"), Step("push", "SENT")], JourneySessionStatus.Succeeded);

        Assert.Equal(
            new[] { StaticNodeIds.Start, "user", "page", "decision", "push", Success }.Order(),
            highlight.Visits.Where(v => v.Value > 0).Select(v => v.Key).Order());
        Assert.Equal(0, highlight.VisitsOf(Failure));
        Assert.Equal(0, highlight.VisitsOf("password"));
        Assert.Equal(
            new[] { (StaticNodeIds.Start, JourneyEditSession.StartOutcome), ("page", "outcome"), ("decision", "true"), ("push", "SENT") }.Order(),
            highlight.FollowedOutcomes.Order());
    }

    [Fact]
    public void RetryLoop_CountsVisits_AndTheStartLinkOnlyOnce()
    {
        var journey = Journey.ReplaceNode(Journey.FindNode("decision")! with
        {
            Connections = ImmutableDictionary<string, string>.Empty.Add("true", Success).Add("false", "page"),
        });

        var highlight = PathHighlight.Build(journey,
            [Step("page", "outcome"), Step("decision", "false"), Step("page", "outcome"), Step("decision", "false")], JourneySessionStatus.InProgress);

        Assert.Equal(2, highlight.VisitsOf("page"));
        Assert.Equal(2, highlight.VisitsOf("decision"));
        Assert.Equal(0, highlight.VisitsOf(Success));
        Assert.True(highlight.IsFollowed("decision", "false"));
        Assert.False(highlight.IsFollowed("decision", "true"));
    }

    [Fact]
    public void RunWaitingAtItsFirstNode_MarksStartAndTheEntryNode()
    {
        var highlight = PathHighlight.Build(Journey, [], JourneySessionStatus.InProgress);

        Assert.Equal(1, highlight.VisitsOf(StaticNodeIds.Start));
        Assert.Equal(1, highlight.VisitsOf("page"));
        Assert.True(highlight.IsFollowed(StaticNodeIds.Start, JourneyEditSession.StartOutcome));
        Assert.Equal(0, highlight.VisitsOf("decision"));
    }

    [Fact]
    public void InnerJourneySteps_AreSummarisedNotMarked_AndNodesGoneFromTheShownRevisionAreCounted()
    {
        var highlight = PathHighlight.Build(Journey,
        [
            Step("page", "outcome"),
            Step("x1", "outcome", "Inner"), Step("x2", "true", "inner"),
            Step("removed-node", "outcome"),
            Step("x1", "outcome", "Inner"),
        ], JourneySessionStatus.Failed);

        Assert.Equal([new InnerJourneySteps("Inner", 2), new InnerJourneySteps("Inner", 1)], highlight.InnerJourneys);
        Assert.Equal(["removed-node"], highlight.MissingNodeIds);
        Assert.Equal(0, highlight.VisitsOf("x1"));
        Assert.Equal(1, highlight.VisitsOf("decision")); // reached through page → decision
    }

    [Fact]
    public void Canvas_MarksVisitedNodesPageChildrenAndFollowedLinks_AndClearingRemovesTheMarks()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        JSInterop.Setup<Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true).SetResult(new Rectangle(0, 0, 800, 600));
        var diagram = new DesignerDiagram(NodeCatalog.Default, new NoActions());
        var highlight = PathHighlight.Build(Journey, [Step("user", "outcome"), Step("page", "outcome"), Step("decision", "false")], JourneySessionStatus.Failed);
        diagram.Sync(Journey, [], highlight);

        var canvas = Render<CascadingValue<Blazor.Diagrams.BlazorDiagram>>(p => p
            .Add(c => c.Value, diagram.Diagram).Add(c => c.IsFixed, true)
            .AddChildContent<DiagramCanvas>());

        string? Visited(string id) => canvas.Find($"[data-testid=journey-node][data-node-id='{id}']").GetAttribute("data-visited");
        string? Followed(string source, string outcome) =>
            canvas.Find($"[data-testid=journey-link][data-source='{source}'][data-outcome='{outcome}']").GetAttribute("data-followed");
        Assert.Equal(["true", "true", "true", "true", "false", "false"],
            new[] { StaticNodeIds.Start, "page", "decision", Failure, Success, "push" }.Select(Visited));
        Assert.Equal("true", canvas.Find("[data-testid=page-child][data-node-id='user']").GetAttribute("data-visited"));
        Assert.Contains("jn-unvisited", canvas.Find("[data-testid=journey-node][data-node-id='push']").ClassName);
        Assert.Equal("true", Followed("decision", "false"));
        Assert.Equal("false", Followed("decision", "true"));

        diagram.Sync(Journey, []);

        canvas.WaitForAssertion(() => Assert.Equal("false", Visited("page")));
        Assert.Equal("false", Followed("decision", "false"));
        Assert.DoesNotContain("jn-unvisited", canvas.Find("[data-testid=journey-node][data-node-id='push']").ClassName);
    }

    private sealed class NoActions : IDesignerActions
    {
        public string? SelectedNodeId => null;
        public bool ReadOnly => false;
        public void SelectChild(string childId) { }
        public void MoveChild(string childId, int delta) { }
        public void TakeOutOfPage(string childId) { }
    }
}
