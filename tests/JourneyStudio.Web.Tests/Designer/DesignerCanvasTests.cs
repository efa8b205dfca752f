using Blazor.Diagrams.Core.Geometry;
using Bunit;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.JourneyTests;
using JourneyStudio.Runtime.Sessions;
using JourneyStudio.Web.Designer;
using MudBlazor.Services;

namespace JourneyStudio.Web.Tests.Designer;

/// <summary>
/// The canvas and its host: the view opens only once every node is measured (the ready marker), drops become canvas
/// points, selection and read-only follow the editor, removed nodes of a comparison are drawn where they were, and the
/// path of a run or a test is marked.
/// </summary>
public sealed class DesignerCanvasTests : BunitContext, IAsyncLifetime
{
    private sealed class NoActions : IDesignerActions
    {
        public string? SelectedNodeId => null;
        public bool ReadOnly => false;
        public void SelectChild(string childId) { }
        public void MoveChild(string childId, int delta) { }
        public void TakeOutOfPage(string childId) { }
    }

    private readonly DesignerCanvas _canvas = new(NodeCatalog.Default, new NoActions());
    private readonly Journey _journey = TestJourneys.Sample();
    private readonly BunitJSModuleInterop _module;

    public DesignerCanvasTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        _module = JSInterop.SetupModule("./designer/designer.js");
        _module.Setup<int>("attach", _ => true).SetResult(1600);
        _module.Setup<bool>("startMeasuring", _ => true).SetResult(true);
        // The diagram library measures its canvas (and ports) itself: a canvas 1100 × 650 at (100, 50) of the page.
        JSInterop.Setup<Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true).SetResult(new Rectangle(100, 50, 1200, 700));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    /// <summary>What designer.js reports once the browser drew the nodes: a size per node, an offset per port.</summary>
    private IReadOnlyList<NodeMeasure> Measures() => _canvas.Diagram.Diagram.Nodes.Select(n => new NodeMeasure(n.Id, 220, 90,
        n.Ports.Select((p, i) => new PortMeasure(p.Id, 220, 20 + i * 16, 12, 12)).ToList())).ToList();

    private IRenderedComponent<DesignerCanvasHost> RenderHost(DesignerScript script, Action? onReady = null, Action<Point>? onDrop = null) =>
        Render<DesignerCanvasHost>(p => p.Add(h => h.Canvas, _canvas).Add(h => h.Script, script)
            .Add(h => h.OnReady, () => onReady?.Invoke()).Add(h => h.OnDropAt, (Point point) => onDrop?.Invoke(point)));

    [Fact]
    public async Task Host_OpensTheView_OnlyOnceEveryNodeIsMeasured()
    {
        _canvas.Show(_journey, [], PathHighlight.None, null, readOnly: false, selectedId: null);
        var script = new DesignerScript(JSInterop.JSRuntime);
        await script.LoadAsync();
        var ready = 0;
        var host = RenderHost(script, () => ready++);

        host.WaitForAssertion(() => Assert.Single(_module.Invocations, i => i.Identifier == "startMeasuring"));
        Assert.NotNull(_canvas.Diagram.Diagram.Container);
        Assert.False(_canvas.Ready); // the browser has not reported the nodes' sizes yet
        Assert.Equal(0, ready);
        Assert.Contains("jn-hidden", host.Find("[data-testid=navigator]").ClassName);

        await script.OnNodesMeasured(Measures());

        host.WaitForAssertion(() => Assert.True(_canvas.Ready));
        Assert.Equal(1, ready);
        Assert.InRange(_canvas.Zoom, DesignerDiagram.MinReadableZoom, 1);
        await script.OnNodesMeasured(Measures());
        Assert.Equal(1, ready);
    }

    [Fact]
    public async Task Host_ADropFromThePalette_IsReportedAsACanvasPoint()
    {
        _canvas.Show(_journey, [], PathHighlight.None, null, readOnly: false, selectedId: null);
        Point? dropped = null;
        var host = RenderHost(new DesignerScript(JSInterop.JSRuntime), onDrop: p => dropped = p);
        host.WaitForAssertion(() => Assert.NotNull(_canvas.Diagram.Diagram.Container));

        await host.Find("[data-testid=canvas]").TriggerEventAsync("ondrop", new Microsoft.AspNetCore.Components.Web.DragEventArgs { ClientX = 400, ClientY = 250 });

        Assert.Equal((300d, 200d), (dropped!.X, dropped.Y));
    }

    [Fact]
    public void Show_ReadOnlyLocksEveryNode_AndTheCanvasSelectsThePageOfAChosenChild()
    {
        _canvas.Show(_journey, [], PathHighlight.None, null, readOnly: true, selectedId: "user");

        Assert.All(_canvas.Diagram.Diagram.Nodes, n => Assert.True(n.Locked));
        Assert.Equal(["page"], _canvas.Diagram.SelectedNodeIds());

        _canvas.Show(_journey, [], PathHighlight.None, null, readOnly: false, selectedId: "push");
        Assert.All(_canvas.Diagram.Diagram.Nodes, n => Assert.False(n.Locked));
        Assert.Equal(["push"], _canvas.Diagram.SelectedNodeIds());
    }

    [Fact]
    public void Show_WithChanges_MarksAddedAndChangedNodes_AndDrawsARemovedOneWhereItWas()
    {
        var older = _journey with
        {
            Nodes = [.. _journey.Nodes.Where(n => n.Id != "retry"), TestJourneys.Node(NodeTypeIds.PushSender, "gone", 900, 120)],
        };
        var newer = _journey with { Nodes = _journey.Nodes.Select(n => n.Id == "push" ? n with { DisplayName = "Send the push" } : n).ToList() };
        var diff = JourneyDiff.Compare(older, newer);

        _canvas.Show(newer, [], PathHighlight.None, diff, readOnly: false, selectedId: null);

        Assert.Equal("added", _canvas.Diagram.FindNode("retry")!.Diff);
        Assert.Equal("changed", _canvas.Diagram.FindNode("push")!.Diff);
        var removed = _canvas.Diagram.FindNode("gone")!;
        Assert.Equal("removed", removed.Diff);
        Assert.Equal((900d, 120d), (removed.Position.X, removed.Position.Y));
        Assert.True(removed.Locked);
        Assert.Empty(removed.Links);
        Assert.True(_canvas.IsRemovedNode("gone"));

        _canvas.Show(newer, [], PathHighlight.None, null, readOnly: false, selectedId: null);
        Assert.Null(_canvas.Diagram.FindNode("gone"));
        Assert.Null(_canvas.Diagram.FindNode("push")!.Diff);
    }

    [Fact]
    public void Path_OfATest_ThenOfARunStep_ThenCleared()
    {
        var path = new CanvasPath();
        path.ShowTest(new JourneyTestScenarioResult
        {
            Name = "Denied", Passed = false, End = JourneyTestEnd.Failure,
            Path = [new("Sample", StaticNodeIds.Start, "outcome"), new("Sample", "decision", "false")],
        });

        var marks = path.Build(_journey);
        Assert.Equal(1, marks.VisitsOf("decision"));
        Assert.True(marks.IsFollowed("decision", "false"));
        Assert.Same(marks, path.Highlight);
        Assert.Null(path.Run);

        var run = new JourneySessionSummary("s1", DateTimeOffset.UnixEpoch, JourneySessionStatus.Succeeded, 3,
            [new("Sample", "decision", "true"), new("Sample", "push", "SENT")]);
        path.ShowRun(run);
        Assert.Null(path.TestPath);
        Assert.True(path.Build(_journey).IsFollowed("push", "SENT"));

        path.Clear();
        Assert.True(path.IsEmpty);
        Assert.Same(PathHighlight.None, path.Build(_journey));
    }

    [Theory]
    [InlineData(3, 3, false, false, null)]
    [InlineData(3, 3, false, true, "The canvas has unsaved changes since the run's revision; the path may not match.")]
    [InlineData(2, 3, false, true, "The run used revision 2; the canvas shows revision 3 with unsaved changes, so the path may not match.")]
    [InlineData(2, 3, true, true, "The run used revision 2; the canvas shows revision 3, so the path may not match.")]
    public void Path_CanvasNote_SaysWhenTheCanvasMayNotMatchTheRun(int runRevision, int shown, bool viewing, bool dirty, string? note)
    {
        var run = new JourneySessionSummary("s1", DateTimeOffset.UnixEpoch, JourneySessionStatus.Succeeded, runRevision, []);
        Assert.Equal(note, CanvasPath.CanvasNote(run, shown, viewing, dirty));
    }

    [Fact]
    public void Gestures_DropOntoAPageAddsAChild_ElsewhereANode_MovingOntoAPagePutsItIn()
    {
        var session = new JourneyEditSession(_journey, 1);
        var gestures = new CanvasGestures(session, _canvas);
        _canvas.Show(session.Current, [], PathHighlight.None, null, readOnly: false, selectedId: null);
        _canvas.ApplyMeasures(Measures());
        var password = NodeCatalog.Default.Find(NodeTypeIds.PasswordCollector)!;

        var intoPage = gestures.Drop(password, new Point(300, 440));
        Assert.True(intoPage.Result!.Applied);
        Assert.Equal(intoPage.Select, session.Current.FindNode("page")!.Children[1].Id);

        var alone = gestures.Drop(password, new Point(1000.4, 900.6));
        Assert.Null(alone.Result);
        Assert.Equal((1000d, 901d), (session.Current.FindNode(alone.Select!)!.X, session.Current.FindNode(alone.Select!)!.Y));

        // The password node at (600, 500) dragged so that its middle is inside the page's box.
        _canvas.Diagram.FindNode("password")!.SetPosition(210, 410);
        var moved = gestures.Move(new Dictionary<string, NodePosition> { ["password"] = new(210, 410) });
        Assert.Equal("password", moved.Select);
        Assert.Contains(session.Current.FindNode("page")!.Children, c => c.Id == "password");
    }

    [Fact]
    public void Gestures_DeleteKeepsStartSuccessFailure_AndAPageChildChosenInItsPageIsWhatGoes()
    {
        var session = new JourneyEditSession(_journey, 1);
        var gestures = new CanvasGestures(session, _canvas);
        _canvas.Show(session.Current, [], PathHighlight.None, null, readOnly: false, selectedId: null);

        var refused = gestures.Delete([StaticNodeIds.Start, StaticNodeIds.Failure], [], selectedId: null);
        Assert.Equal("Start, Success and Failure are part of every journey and cannot be deleted.", refused.Notice);
        Assert.Equal(_journey, session.Current);

        Assert.True(gestures.Delete(["page"], [], selectedId: "user").Result!.Applied);
        Assert.NotNull(session.Current.FindNode("page"));
        Assert.Empty(session.Current.FindNode("page")!.Children);
    }
}
