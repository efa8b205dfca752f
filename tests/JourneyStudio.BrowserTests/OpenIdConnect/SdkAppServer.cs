using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace JourneyStudio.BrowserTests.OpenIdConnect;

/// <summary>
/// The test app's own origin: a tiny Kestrel server on another loopback port that serves the SDK app (index.html for
/// <c>/</c> and the <c>/callback</c> redirect URI, app.js) and the SDK's published files from tests/sdk-client/node_modules.
/// </summary>
public sealed class SdkAppServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SdkAppServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>e.g. http://127.0.0.1:40123 (no trailing slash: it is also the app's origin).</summary>
    public Uri BaseAddress { get; }

    public string Origin => BaseAddress.GetLeftPart(UriPartial.Authority);

    public string CallbackUri => Origin + "/callback";

    public static async Task<SdkAppServer> StartAsync()
    {
        var appFolder = Path.Combine(AppContext.BaseDirectory, "OpenIdConnect", "SdkApp");
        var nodeModules = Path.Combine(SdkClientFolder(), "node_modules");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var index = Path.Combine(appFolder, "index.html");
        app.MapGet("/", () => Results.File(index, "text/html; charset=utf-8"));
        app.MapGet("/callback", () => Results.File(index, "text/html; charset=utf-8"));
        app.MapGet("/signed-out", () => Results.Text("signed out", "text/plain"));
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(appFolder) });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(nodeModules),
            RequestPath = "/node_modules",
            ServeUnknownFileTypes = true,
            DefaultContentType = "text/javascript",
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SdkAppServer(app, new Uri(address.TrimEnd('/')));
    }

    private static string SdkClientFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "sdk-client");
            if (Directory.Exists(Path.Combine(candidate, "node_modules", "@forgerock", "javascript-sdk"))) return candidate;
        }
        throw new DirectoryNotFoundException("tests/sdk-client/node_modules was not found above the test binaries; run tests/run.sh or `npm ci` there.");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
