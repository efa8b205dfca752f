using Microsoft.JSInterop;

namespace JourneyStudio.Web.Components;

/// <summary>Downloads and clipboard for the studio pages, through the small JS module <c>js/studio-files.js</c>.</summary>
public sealed class StudioFiles(IJSRuntime js) : IAsyncDisposable
{
    public const string ModulePath = "./js/studio-files.js";

    private IJSObjectReference? _module;

    public async Task DownloadAsync(string fileName, string text, string contentType = "application/json")
    {
        var module = await GetModuleAsync();
        await module.InvokeVoidAsync("downloadText", fileName, text, contentType);
    }

    public async Task<bool> CopyAsync(string text)
    {
        var module = await GetModuleAsync();
        return await module.InvokeAsync<bool>("copyText", text);
    }

    private async Task<IJSObjectReference> GetModuleAsync() =>
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", ModulePath);

    public async ValueTask DisposeAsync()
    {
        if (_module is null) return;
        try { await _module.DisposeAsync(); }
        catch (JSDisconnectedException) { } // the circuit is gone, and the module with it
    }
}
