using Blazor.Diagrams.Core.Anchors;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Web.Designer;

namespace JourneyStudio.Web.Tests.Designer;

/// <summary>The diagram mirrors the session's journey; these run the sync without a browser.</summary>
public sealed class DesignerDiagramTests
{
    private sealed class NoActions : IDesignerActions
    {
        public string? SelectedNodeId => null;
        public bool ReadOnly => false;
        public void SelectChild(string childId) { }
        public void MoveChild(string childId, int delta) { }
        public void TakeOutOfPage(string childId) { }
    }

    private readonly JourneyEditSession _session = new(TestJourneys.Sample(), 1);
    private readonly DesignerDiagram _diagram = new(NodeCatalog.Default, new NoActions());

    private IReadOnlyList<(string, string, string)> Links() => _diagram.Diagram.Links
        .Select(l => (((SinglePortAnchor)l.Source).Port, ((SinglePortAnchor)l.Target!).Port))
        .Select(p => (p.Item1.Parent.Id, ((OutcomePort)p.Item1).OutcomeId, p.Item2.Parent.Id))
        .OrderBy(l => l.Item1).ThenBy(l => l.Item2).ToList();

    [Fact]
    public void Sync_DrawsStaticNodesEveryTopLevelNodeAPortPerOutcomeAndALinkPerConnection()
    {
        _diagram.Sync(_session.Current, []);

        Assert.Equal(_session.Current.Nodes.Count + 3, _diagram.Diagram.Nodes.Count);
        Assert.Null(_diagram.FindNode(StaticNodeIds.Start)!.Input);
        Assert.Empty(_diagram.FindNode(StaticNodeIds.Success)!.OutcomePorts);
        Assert.Equal(["SENT", "NOT_REGISTERED", "SKIPPED"], _diagram.FindNode("push")!.OutcomePorts.Select(p => p.OutcomeId));
        Assert.Equal(["Sent", "Not Registered", "Skipped"], _diagram.FindNode("push")!.OutcomePorts.Select(p => p.Label));
        Assert.Equal(["user"], _diagram.FindNode("page")!.Children.Select(c => c.Id));
        Assert.Null(_diagram.FindNode("user")); // page children are rows of their page, not diagram nodes
        Assert.Equal(
        [
            ("decision", "false", StaticNodeIds.Failure), ("decision", "true", "push"), ("page", "outcome", "decision"),
            ("password", "outcome", "decision"), ("push", "SENT", StaticNodeIds.Success), ("push", "SKIPPED", StaticNodeIds.Failure),
            (StaticNodeIds.Start, JourneyEditSession.StartOutcome, "decision"),
        ], Links());
    }

    [Fact]
    public void Sync_RedrawsOnlyTheNodesThatLookDifferent()
    {
        _diagram.Sync(_session.Current, []);
        var redrawn = new List<string>();
        foreach (var node in _diagram.Diagram.Nodes.OfType<StepNode>()) node.Changed += m => redrawn.Add(((StepNode)m).Id);

        _diagram.Sync(_session.Current, []); // e.g. after a save: the same content
        Assert.Empty(redrawn);

        _session.SetDisplayName("push", "Send the push");
        _diagram.Sync(_session.Current, []);
        Assert.Equal(["push"], redrawn.Distinct());
        Assert.Equal("Send the push", _diagram.FindNode("push")!.DisplayName);

        redrawn.Clear();
        _diagram.Sync(_session.Current, [new JourneyStudio.Journeys.Validation.ValidationFinding(JourneyStudio.Journeys.Validation.FindingSeverity.Warning, "test", "Check it", "decision")]);
        Assert.Equal(["decision"], redrawn.Distinct());
        Assert.Equal(1, _diagram.FindNode("decision")!.FindingCount);
    }

    [Fact]
    public void SetReadOnly_LocksEveryNodeAndPort_AndRedrawsOnlyWhenTheLockChanges()
    {
        _diagram.Sync(_session.Current, []);
        var redrawn = 0;
        foreach (var node in _diagram.Diagram.Nodes) node.Changed += _ => redrawn++;

        _diagram.SetReadOnly(true);
        Assert.All(_diagram.Diagram.Nodes, n => Assert.True(n.Locked && n.Ports.All(p => p.Locked)));
        Assert.Equal(_diagram.Diagram.Nodes.Count, redrawn);

        _diagram.SetReadOnly(true);
        Assert.Equal(_diagram.Diagram.Nodes.Count, redrawn);
        _diagram.SetReadOnly(false);
        Assert.All(_diagram.Diagram.Nodes, n => Assert.False(n.Locked || n.Ports.Any(p => p.Locked)));
    }

    [Fact]
    public void FindNode_FollowsNodesAddedAndRemovedBySync()
    {
        _diagram.Sync(_session.Current, []);
        var push = _diagram.FindNode("push");
        Assert.NotNull(push);

        _session.DeleteNodes(["push"]);
        _diagram.Sync(_session.Current, []);
        Assert.Null(_diagram.FindNode("push"));

        _session.Undo();
        _diagram.Sync(_session.Current, []);
        Assert.NotSame(push, _diagram.FindNode("push"));
        Assert.Same(_diagram.Diagram.Nodes.OfType<StepNode>().Single(n => n.Id == "push"), _diagram.FindNode("push"));
    }

    [Fact]
    public void Sync_AfterAnOutcomeDisappears_RemovesItsPortAndLink_KeepsTheOtherPortsAndLinks()
    {
        _diagram.Sync(_session.Current, []);
        var sent = _diagram.FindNode("push")!.Outcome("SENT");
        var sentLink = _diagram.Diagram.Links.Single(l => ((SinglePortAnchor)l.Source).Port == sent);

        _session.SetConfig("push", _session.Current.FindNode("push")!.Config.With("mandatory", true).With("captureFailure", true));
        _diagram.Sync(_session.Current, []);

        Assert.Equal(["SENT", "NOT_REGISTERED", "FAILURE"], _diagram.FindNode("push")!.OutcomePorts.Select(p => p.OutcomeId));
        Assert.Same(sent, _diagram.FindNode("push")!.Outcome("SENT"));
        Assert.Contains(sentLink, _diagram.Diagram.Links);
        Assert.DoesNotContain(Links(), l => l.Item2 == "SKIPPED");
    }

    [Fact]
    public void Sync_FollowsUndo_MovesAndDeletes()
    {
        _diagram.Sync(_session.Current, []);
        _session.MoveNodes(new Dictionary<string, NodePosition> { ["push"] = new(900, 40) });
        _session.DeleteNodes(["password"]);
        _diagram.Sync(_session.Current, []);
        Assert.Equal((900.0, 40.0), (_diagram.FindNode("push")!.Position.X, _diagram.FindNode("push")!.Position.Y));
        Assert.Null(_diagram.FindNode("password"));

        _session.Undo();
        _session.Undo();
        _diagram.Sync(_session.Current, []);
        Assert.Equal((500.0, 100.0), (_diagram.FindNode("push")!.Position.X, _diagram.FindNode("push")!.Position.Y));
        Assert.Contains(Links(), l => l.Item1 == "password");
    }

    [Fact]
    public void Sync_MarksNodesWithTheirWorstFinding()
    {
        _diagram.Sync(_session.Current,
        [
            new(Journeys.Validation.FindingSeverity.Warning, "W", "w", "push"),
            new(Journeys.Validation.FindingSeverity.Error, "E", "e", "push"),
            new(Journeys.Validation.FindingSeverity.Warning, "W", "w", "user"),
        ]);

        Assert.Equal(Journeys.Validation.FindingSeverity.Error, _diagram.FindNode("push")!.Severity);
        Assert.Equal(2, _diagram.FindNode("push")!.FindingCount);
        Assert.Equal(Journeys.Validation.FindingSeverity.Warning, _diagram.FindNode("page")!.Children.Single().Severity);
        Assert.Null(_diagram.FindNode("decision")!.Severity);
    }

    [Fact]
    public void OutcomePorts_LinkOnlyToOtherNodesInputs_AndNeverToStart()
    {
        _diagram.Sync(_session.Current, []);
        var port = _diagram.FindNode("push")!.Outcome("SENT")!;

        Assert.True(port.CanAttachTo(_diagram.FindNode("decision")!.Input!));
        Assert.True(port.CanAttachTo(_diagram.FindNode(StaticNodeIds.Success)!));
        Assert.False(port.CanAttachTo(_diagram.FindNode("push")!.Input!));
        Assert.False(port.CanAttachTo(_diagram.FindNode(StaticNodeIds.Start)!));
        Assert.False(port.CanAttachTo(_diagram.FindNode("decision")!.Outcome("true")!));
        Assert.False(_diagram.FindNode("decision")!.Input!.CanAttachTo(port));
    }

    [Fact]
    public void ApplyMeasures_SizesTheNodeAndPlacesItsPortsRelativeToIt_SoItsLinksCanBeDrawn()
    {
        _diagram.Sync(_session.Current, []);
        var push = _diagram.FindNode("push")!;
        var sent = push.Outcome("SENT")!;
        var link = _diagram.Diagram.Links.Single(l => ((SinglePortAnchor)l.Source).Port == sent);
        Assert.Null(link.Source.GetPosition(link)); // not measured yet: nothing to draw from

        _diagram.ApplyMeasures(
        [
            new NodeMeasure("push", 180, 132, [new PortMeasure("push|in", -8, 19, 14, 14), new PortMeasure("push|SENT", 173, 58, 14, 14)]),
            new NodeMeasure("no-such-node", 180, 80, []),
        ]);

        Assert.Equal((180d, 132d), (push.Size!.Width, push.Size.Height));
        Assert.True(sent.Initialized);
        Assert.Equal((500d + 173, 100d + 58), (sent.Position.X, sent.Position.Y)); // push is at (500, 100)
        Assert.Equal((492d, 119d), (push.Input!.Position.X, push.Input.Position.Y));
        Assert.False(push.Outcome("SKIPPED")!.Initialized); // not in the report: left to be measured later
        var start = link.Source.GetPosition(link)!;
        Assert.Equal((687d, 165d), (Math.Round(start.X, 6), Math.Round(start.Y, 6))); // the right-hand edge of the SENT port
    }
}
