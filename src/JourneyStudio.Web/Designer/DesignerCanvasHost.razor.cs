using Blazor.Diagrams.Core.Geometry;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace JourneyStudio.Web.Designer;

/// <summary>
/// Draws a <see cref="DesignerCanvas"/> and connects it to the browser. One host per canvas (the editor keys it by its
/// canvas), so a journey opened in the same page starts measuring afresh.
/// </summary>
public sealed partial class DesignerCanvasHost : IDisposable
{
    private readonly DesignerWork _work;
    private ElementReference _element;
    private bool _started;
    private bool? _compact;
    private DesignerCanvas? _subscribed;

    public DesignerCanvasHost() => _work = new DesignerWork(DispatchExceptionAsync);

    [Parameter, EditorRequired] public DesignerCanvas Canvas { get; set; } = null!;

    [Parameter, EditorRequired] public DesignerScript Script { get; set; } = null!;

    /// <summary>Whether the page has its small-screen layout; a change opens the view again for the new canvas size.</summary>
    [Parameter] public bool Compact { get; set; }

    /// <summary>Something dragged from the palette was dropped at this canvas point.</summary>
    [Parameter] public EventCallback<Point> OnDropAt { get; set; }

    /// <summary>The canvas became ready (every node measured, the view opened).</summary>
    [Parameter] public EventCallback OnReady { get; set; }

    /// <summary>The zoom changed (wheel, buttons, fit), so the toolbar's percentage is redrawn.</summary>
    [Parameter] public EventCallback OnZoomChanged { get; set; }

    protected override void OnParametersSet()
    {
        if (_compact is { } before && before != Compact || _compact is null && Compact) Canvas.ReopenOnNextResize();
        _compact = Compact;
        if (ReferenceEquals(_subscribed, Canvas)) return;
        Unsubscribe();
        _subscribed = Canvas;
        Canvas.Diagram.Diagram.ContainerChanged += OnContainerChanged;
        Canvas.Diagram.Diagram.ZoomChanged += OnZoom;
        Script.NodesMeasured = OnNodesMeasured;
        Script.NavigatorPoint = OnNavigatorPoint;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Once, after the render that drew the canvas.
        if (_started || _element.Id is null) return;
        _started = true;
        await Script.LoadAsync();
        // Normally measuring has already started (see attach in designer.js); this makes sure of it.
        if (!await Script.StartMeasuringAsync(_element))
            throw new InvalidOperationException("The designer canvas was not found in the page, so its nodes cannot be measured.");
        // Normally the measures (or the canvas size) find everything measured and open the view.
        await OpenedAsync(Canvas.OpenWhenMeasured());
    }

    private Task OnNodesMeasured(IReadOnlyList<NodeMeasure> nodes) => InvokeAsync(() => OpenedAsync(Canvas.ApplyMeasures(nodes)));

    private Task OnNavigatorPoint(double x, double y) => InvokeAsync(() => Canvas.Diagram.CentreOn(x, y));

    // A canvas size that arrives after the nodes' measures completes the opening view.
    private void OnContainerChanged() => _work.Run(() => InvokeAsync(async () =>
    {
        var wasReady = Canvas.Ready;
        if (!Canvas.OnContainerChanged()) return;
        StateHasChanged();
        if (!wasReady) await OnReady.InvokeAsync();
        else await OnZoomChanged.InvokeAsync();
    }));

    // The diagram's events fire while it still uses its models, so the page renders after the gesture.
    private void OnZoom() => _work.Run(() => InvokeAsync(() => OnZoomChanged.InvokeAsync()));

    private async Task OpenedAsync(bool opened)
    {
        if (!opened) return;
        StateHasChanged();
        await OnReady.InvokeAsync();
    }

    private Task OnDrop(DragEventArgs e) => OnDropAt.InvokeAsync(Canvas.Diagram.Diagram.GetRelativeMousePoint(e.ClientX, e.ClientY));

    private void Unsubscribe()
    {
        if (_subscribed is null) return;
        _subscribed.Diagram.Diagram.ContainerChanged -= OnContainerChanged;
        _subscribed.Diagram.Diagram.ZoomChanged -= OnZoom;
        if (Script.NodesMeasured == OnNodesMeasured) Script.NodesMeasured = null;
        if (Script.NavigatorPoint == OnNavigatorPoint) Script.NavigatorPoint = null;
        _subscribed = null;
    }

    public void Dispose() => Unsubscribe();
}
