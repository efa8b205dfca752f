using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace JourneyStudio.Web.Designer;

/// <summary>
/// Makes a change to many nodes and links reach the browser as one render batch. Each node and link of the diagram
/// re-renders itself when its model is refreshed, and outside a render batch (after an await, in a call from the
/// browser) Blazor renders and sends every such refresh on its own: hundreds of batches for one sync of a large
/// journey, each waiting for the browser's acknowledgement. Work run through <see cref="Run"/> happens while this
/// component renders, so the refreshes it causes join that render's batch. Renders nothing; placed once in the canvas.
/// </summary>
public sealed class DiagramRenderScope : ComponentBase, IDisposable
{
    private Action? _work;
    private ExceptionDispatchInfo? _failure;

    [Parameter, EditorRequired] public DesignerDiagram Diagram { get; set; } = null!;

    protected override void OnInitialized() => Diagram.AttachRenderScope(this);

    public void Dispose() => Diagram.DetachRenderScope(this);

    /// <summary>Runs <paramref name="work"/> now (synchronously), with the renders it causes sent together.</summary>
    public void Run(Action work)
    {
        _work = work;
        // Outside a render batch this renders at once, running the work inside the render.
        StateHasChanged();
        if (_work is { } notRun)
        {
            // Inside a batch already (an event handler): the render was only queued, and the work's renders join
            // the batch anyway; run it now so the caller sees its effect when this returns.
            _work = null;
            notRun();
        }
        if (_failure is { } failure)
        {
            _failure = null;
            failure.Throw();
        }
    }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (_work is not { } work) return;
        _work = null;
        try
        {
            work();
        }
        catch (Exception e)
        {
            // Thrown to the caller of Run, as if it had run there, rather than failing the render.
            _failure = ExceptionDispatchInfo.Capture(e);
        }
    }
}
