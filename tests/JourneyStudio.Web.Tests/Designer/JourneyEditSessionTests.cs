using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Web.Designer;

namespace JourneyStudio.Web.Tests.Designer;

public sealed class JourneyEditSessionTests
{
    private readonly JourneyEditSession _session = new(TestJourneys.Sample(), basedOnRevision: 3);

    [Fact]
    public void AddNode_GetsFreshIdAndDefaults_IsOneUndoableStep()
    {
        var id = _session.AddNode(NodeTypeIds.PushSender, 40, 60);

        var node = _session.Current.FindNode(id)!;
        Assert.True(Guid.TryParse(id, out _));
        Assert.Equal((40.0, 60.0), (node.X, node.Y));
        Assert.Equal(120000, new JourneyStudio.Journeys.Catalog.Nodes.PushSenderDescriptor().Bind(node.Config).MessageTimeoutMilliseconds);
        Assert.Equal("Push Sender", node.DisplayName);
        Assert.True(_session.IsDirty);

        _session.Undo();
        Assert.Null(_session.Current.FindNode(id));
        Assert.False(_session.IsDirty);
        _session.Redo();
        Assert.NotNull(_session.Current.FindNode(id));
    }

    [Fact]
    public void AddNode_UnknownType_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => _session.AddNode("NoSuchNode", 0, 0));
        Assert.Contains("NoSuchNode", error.Message);
    }

    [Fact]
    public void Connect_ReplacesTheOutcomesConnection_AndStartSetsTheEntry()
    {
        Assert.True(_session.Connect("decision", "false", "retry").Applied);
        Assert.Equal("retry", _session.Current.FindNode("decision")!.Connections["false"]);

        Assert.True(_session.Connect(StaticNodeIds.Start, JourneyEditSession.StartOutcome, "page").Applied);
        Assert.Equal("page", _session.Current.EntryNodeId);
    }

    [Fact]
    public void Connect_ToAPageChildOrFromAMissingOutcome_IsRefusedWithoutAStep()
    {
        var toChild = _session.Connect("decision", "false", "user");
        var badOutcome = _session.Connect("decision", "maybe", StaticNodeIds.Success);

        Assert.False(toChild.Applied);
        Assert.Contains("Page node", toChild.Error);
        Assert.Contains("no outcome 'maybe'", badOutcome.Error);
        Assert.False(_session.CanUndo);
    }

    [Fact]
    public void SetConfig_RemovingAnOutcome_DropsAndReportsItsConnection_UndoRestoresIt()
    {
        var push = _session.Current.FindNode("push")!;

        var result = _session.SetConfig("push", push.Config.With("mandatory", true));

        Assert.Equal([("push", "SKIPPED", "Skipped")], result.RemovedConnections.Select(r => (r.NodeId, r.OutcomeId, r.OutcomeLabel)));
        Assert.Contains("Push Sender: Skipped", result.DescribeRemovedConnections());
        Assert.False(_session.Current.FindNode("push")!.Connections.ContainsKey("SKIPPED"));
        Assert.Equal(StaticNodeIds.Success, _session.Current.FindNode("push")!.Connections["SENT"]);

        _session.Undo();
        Assert.Equal(StaticNodeIds.Failure, _session.Current.FindNode("push")!.Connections["SKIPPED"]);
    }

    [Fact]
    public void SetConfig_ThatKeepsOutcomes_ReportsNothing()
    {
        var push = _session.Current.FindNode("push")!;
        var result = _session.SetConfig("push", push.Config.With("messageTimeout", 5000));
        Assert.True(result.Applied);
        Assert.Empty(result.RemovedConnections);
        Assert.Null(result.DescribeRemovedConnections());
    }

    [Fact]
    public void MoveIntoPage_RefusesNodesThatDoNotCollectInput()
    {
        var result = _session.MoveIntoPage("retry", "page");

        Assert.False(result.Applied);
        Assert.Contains("Retry Limit Decision cannot be placed on a page", result.Error);
        Assert.Null(_session.Current.FindParentPage("retry"));
    }

    [Fact]
    public void MoveIntoPage_AppendsTheNode_DropsItsOwnConnections_AndRedirectsConnectionsToThePage()
    {
        _session.Connect("decision", "false", "password");

        var result = _session.MoveIntoPage("password", "page");

        var page = _session.Current.FindNode("page")!;
        Assert.Equal(["user", "password"], page.Children.Select(c => c.Id));
        Assert.Empty(page.Children[1].Connections);
        Assert.Equal("page", _session.Current.FindNode("decision")!.Connections["false"]);
        Assert.DoesNotContain(_session.Current.Nodes, n => n.Id == "password");
        Assert.Equal([("password", "outcome")], result.RemovedConnections.Select(r => (r.NodeId, r.OutcomeId)));
    }

    [Fact]
    public void PageOutcomes_FollowTheLastChild_AndConnectionsOfVanishedOutcomesAreReported()
    {
        var added = _session.AddNodeToPage(NodeTypeIds.MfaRegistrationOptions, "page");
        Assert.True(added.Result.Applied);
        // The page now ends with MFA Registration Options: its "outcome" connection has no outcome any more.
        Assert.Contains(added.Result.RemovedConnections, r => r.NodeId == "page" && r.OutcomeId == "outcome");
        Assert.Equal(NodeCatalog.Default.GetOutcomes(_session.Current.FindNode(added.NodeId!)!).Select(o => o.Id),
            NodeCatalog.Default.GetOutcomes(_session.Current.FindNode("page")!).Select(o => o.Id));

        _session.Connect("page", "registerOutcome", StaticNodeIds.Success);
        var moved = _session.MoveChild(added.NodeId!, -1);
        Assert.Equal([added.NodeId, "user"], _session.Current.FindNode("page")!.Children.Select(c => c.Id));
        Assert.Contains(moved.RemovedConnections, r => r.OutcomeId == "registerOutcome");
    }

    [Fact]
    public void AddNodeToPage_RefusesAPageInAPage()
    {
        var (result, id) = _session.AddNodeToPage(NodeTypeIds.PageNode, "page");
        Assert.Null(id);
        Assert.Contains("cannot be placed inside another Page node", result.Error);
    }

    [Fact]
    public void TakeOutOfPage_PutsTheChildOnTheCanvas()
    {
        _session.TakeOutOfPage("user", 900, 40);

        Assert.Empty(_session.Current.FindNode("page")!.Children);
        var user = Assert.Single(_session.Current.Nodes, n => n.Id == "user");
        Assert.Equal(new NodePosition(900, 40), user.Position);
    }

    [Fact]
    public void DeleteSelection_RemovesNodesConnectionsToThemAndTheEntry_InOneStep_StaticNodesStay()
    {
        var result = _session.DeleteSelection(["decision", StaticNodeIds.Success], [("push", "SENT")]);

        Assert.True(result.Applied);
        Assert.Null(_session.Current.FindNode("decision"));
        Assert.Equal("", _session.Current.EntryNodeId);
        Assert.False(_session.Current.FindNode("page")!.Connections.ContainsKey("outcome"));
        Assert.False(_session.Current.FindNode("push")!.Connections.ContainsKey("SENT"));

        _session.Undo();
        Assert.Equal(TestJourneys.Sample().Nodes.Count, _session.Current.Nodes.Count);
        Assert.False(_session.CanUndo);
    }

    [Fact]
    public void DeleteSelection_OfAPageChild_RemovesItFromThePage()
    {
        _session.DeleteNodes(["user"]);
        Assert.Empty(_session.Current.FindNode("page")!.Children);
    }

    [Fact]
    public void MoveNodes_IsOneStepForSeveralNodes_AndNoStepWhenNothingMoved()
    {
        var result = _session.MoveNodes(new Dictionary<string, NodePosition>
        {
            ["push"] = new(1, 2),
            [StaticNodeIds.Success] = new(3, 4),
        });
        Assert.True(result.Applied);
        Assert.Equal(new NodePosition(1, 2), _session.Current.FindNode("push")!.Position);
        Assert.Equal(new NodePosition(3, 4), _session.Current.SuccessPosition);

        Assert.False(_session.MoveNodes(new Dictionary<string, NodePosition> { ["push"] = new(1, 2) }).Applied);
        _session.Undo();
        Assert.False(_session.CanUndo);
    }

    [Fact]
    public void SetDisplayName_RenamesPageChildrenToo()
    {
        _session.SetDisplayName("user", "  Who are you?  ");
        Assert.Equal("Who are you?", _session.Current.FindNode("user")!.DisplayName);
    }

    [Fact]
    public void MarkSaved_MakesTheStateClean_AndRebasesTheRevision()
    {
        _session.AddNode(NodeTypeIds.PushWait, 0, 0);
        _session.MarkSaved(4);

        Assert.False(_session.IsDirty);
        Assert.Equal(4, _session.BasedOnRevision);
        _session.Undo();
        Assert.True(_session.IsDirty); // the undone state differs from what revision 4 holds
    }

    [Fact]
    public void Reload_ReplacesTheJourneyAndClearsHistory()
    {
        _session.AddNode(NodeTypeIds.PushWait, 0, 0);
        _session.Reload(new Journey { Name = "Sample" }, 7);

        Assert.Empty(_session.Current.Nodes);
        Assert.False(_session.CanUndo);
        Assert.False(_session.IsDirty);
        Assert.Equal(7, _session.BasedOnRevision);
    }

    [Fact]
    public void LoadContent_IsUndoable_AndKeepsTheName()
    {
        _session.LoadContent(new Journey { Name = "Old name", Description = "old" });

        Assert.Equal("Sample", _session.Current.Name);
        Assert.Equal("old", _session.Current.Description);
        _session.Undo();
        Assert.Equal(TestJourneys.Sample().Nodes.Count, _session.Current.Nodes.Count);
    }

    [Fact]
    public void Changed_IsRaisedForEditsAndUndo()
    {
        var raised = 0;
        _session.Changed += () => raised++;
        _session.AddNode(NodeTypeIds.PushWait, 0, 0);
        _session.Undo();
        Assert.Equal(2, raised);
    }

    [Fact]
    public void AutoLayout_PlacesNodesLeftToRightByLongestPath_WithoutOverlaps()
    {
        _session.AutoLayout();
        var j = _session.Current;
        double X(string id) => j.FindNode(id)!.X;

        Assert.True(j.StartPosition.X < X("decision"));
        Assert.True(X("decision") < X("push"));
        Assert.True(X("push") < j.SuccessPosition.X);
        Assert.True(X("page") < X("decision"), "page leads to decision, so it is in an earlier column");

        // Nodes sharing a column do not overlap, Page nodes counting their children.
        foreach (var column in j.Nodes.GroupBy(n => n.X))
        {
            var ordered = column.OrderBy(n => n.Y).ToList();
            for (var i = 1; i < ordered.Count; i++)
                Assert.True(ordered[i].Y >= ordered[i - 1].Y + NodeMetrics.HeightOf(ordered[i - 1], NodeCatalog.Default));
        }
        _session.Undo();
        Assert.Equal(200, _session.Current.FindNode("decision")!.X);
    }
}
