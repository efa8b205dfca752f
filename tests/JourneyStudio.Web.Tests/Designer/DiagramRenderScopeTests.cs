using Bunit;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Web.Designer;

namespace JourneyStudio.Web.Tests.Designer;

/// <summary>Changes run through the canvas's render scope behave as if they ran in place: at once, failures included.</summary>
public sealed class DiagramRenderScopeTests : BunitContext
{
    private sealed class NoActions : IDesignerActions
    {
        public string? SelectedNodeId => null;
        public bool ReadOnly => false;
        public void SelectChild(string childId) { }
        public void MoveChild(string childId, int delta) { }
        public void TakeOutOfPage(string childId) { }
    }

    private readonly DesignerDiagram _diagram = new(NodeCatalog.Default, new NoActions());

    [Fact]
    public async Task RenderTogether_RunsTheChangeBeforeItReturns_AndItsFailureReachesTheCaller()
    {
        var scope = Render<DiagramRenderScope>(p => p.Add(s => s.Diagram, _diagram));
        var session = new JourneyEditSession(TestJourneys.Sample(), 1);

        // A sync through the scope (it is attached now) has drawn the journey when it returns.
        await scope.InvokeAsync(() => _diagram.Sync(session.Current, []));
        Assert.Equal(session.Current.Nodes.Count + 3, _diagram.Diagram.Nodes.Count);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            scope.InvokeAsync(() => _diagram.RenderTogether(() => throw new InvalidOperationException("broken sync"))));
        Assert.Equal("broken sync", failure.Message);

        // Still usable after a failure.
        var ran = false;
        await scope.InvokeAsync(() => _diagram.RenderTogether(() => ran = true));
        Assert.True(ran);
    }

    [Fact]
    public void RenderTogether_WithoutACanvas_RunsTheChangeDirectly()
    {
        var ran = false;
        _diagram.RenderTogether(() => ran = true); // no canvas drawn yet
        Assert.True(ran);

        var scope = Render<DiagramRenderScope>(p => p.Add(s => s.Diagram, _diagram));
        scope.Instance.Dispose(); // the canvas went away
        ran = false;
        _diagram.RenderTogether(() => ran = true);
        Assert.True(ran);
    }
}
