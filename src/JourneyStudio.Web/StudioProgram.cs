using JourneyStudio.Web.Components;
using Microsoft.Extensions.FileProviders;
using MudBlazor.Services;

namespace JourneyStudio.Web;

/// <summary>
/// The one program: with no arguments it serves the studio; with <c>journeys ...</c> it runs that
/// command line and exits.
/// </summary>
public static class StudioProgram
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        ConfigureServices(builder);
        var app = builder.Build();
        Configure(app);
        await app.RunAsync();
        return 0;
    }

    public static void ConfigureServices(WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
    }

    public static void Configure(WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);

        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(FindBesideProgram("wwwroot-assets")),
            RequestPath = "/assets",
        });
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }

    /// <summary>A folder copied beside the program at build time, or found up the tree when run from the sources.</summary>
    public static string FindBesideProgram(string folder)
    {
        var beside = Path.Combine(AppContext.BaseDirectory, folder);
        if (Directory.Exists(beside)) return beside;
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, folder);
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"The folder '{folder}' was found neither beside the program nor above the working directory.");
    }
}
