using Microsoft.JSInterop;

namespace JourneyStudio.Web.Designer;

/// <summary>
/// The designer's browser side (wwwroot/designer/designer.js): keyboard shortcuts, window size, node measuring, the
/// navigator, the unsaved-changes guard, new tabs and the clipboard. Loaded by the editor while it reads the journey,
/// so measuring starts the moment the canvas is drawn; the parts of the editor subscribe to what the browser reports.
/// Handlers run on the caller's thread: each subscriber dispatches to its own component.
/// </summary>
public sealed class DesignerScript : IAsyncDisposable
{
    private readonly IJSRuntime _js;
    private IJSObjectReference? _module;
    private DotNetObjectReference<DesignerScript>? _self;

    public DesignerScript(IJSRuntime js) => _js = js;

    /// <summary>The window's width when the script attached (0 before).</summary>
    public int InitialWindowWidth { get; private set; }

    /// <summary>Ctrl+S, Ctrl+Z, Ctrl+Shift+Z / Ctrl+Y: "save", "undo" or "redo".</summary>
    public Func<string, Task>? Shortcut { get; set; }

    public Func<int, Task>? WindowResized { get; set; }

    /// <summary>Sizes and port offsets of the nodes the browser drew or resized, one call per frame.</summary>
    public Func<IReadOnlyList<NodeMeasure>, Task>? NodesMeasured { get; set; }

    /// <summary>A click or drag on the navigator: the canvas point to show in the middle of the view.</summary>
    public Func<double, double, Task>? NavigatorPoint { get; set; }

    private Task<int>? _loading;

    /// <summary>Imports the module and attaches it to the page (once; later calls wait for the same load); the window's width.</summary>
    public Task<int> LoadAsync() => _loading ??= LoadOnceAsync();

    private async Task<int> LoadOnceAsync()
    {
        var module = await _js.InvokeAsync<IJSObjectReference>("import", "./designer/designer.js");
        _self = DotNetObjectReference.Create(this);
        InitialWindowWidth = await module.InvokeAsync<int>("attach", _self);
        _module = module;
        return InitialWindowWidth;
    }

    /// <summary>Starts measuring the nodes inside <paramref name="canvasHost"/>; false when the canvas is not in the page.</summary>
    public async Task<bool> StartMeasuringAsync(Microsoft.AspNetCore.Components.ElementReference canvasHost) =>
        _module is not null && await _module.InvokeAsync<bool>("startMeasuring", canvasHost);

    /// <summary>Whether leaving the page (closing the tab) asks first.</summary>
    public async Task SetDirtyAsync(bool dirty)
    {
        if (_module is not null) await _module.InvokeVoidAsync("setDirty", dirty);
    }

    public async Task OpenTabAsync(string url)
    {
        if (_module is not null) await _module.InvokeVoidAsync("openTab", url);
    }

    public async Task<bool> CopyTextAsync(string text) => _module is not null && await _module.InvokeAsync<bool>("copyText", text);

    [JSInvokable]
    public Task OnShortcut(string action) => Shortcut?.Invoke(action) ?? Task.CompletedTask;

    [JSInvokable]
    public Task OnWindowResized(int width) => WindowResized?.Invoke(width) ?? Task.CompletedTask;

    [JSInvokable]
    public Task OnNodesMeasured(IReadOnlyList<NodeMeasure> nodes) => NodesMeasured?.Invoke(nodes) ?? Task.CompletedTask;

    [JSInvokable]
    public Task OnNavigatorPoint(double x, double y) => NavigatorPoint?.Invoke(x, y) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.InvokeVoidAsync("detach");
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException) { }
        }
        _self?.Dispose();
    }
}
