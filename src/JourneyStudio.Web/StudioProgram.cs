using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Runtime.Administration;
using JourneyStudio.Runtime.BruteForce;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Push;
using JourneyStudio.Runtime.Realms;
using JourneyStudio.Runtime.Sessions;
using JourneyStudio.Web.Api;
using JourneyStudio.Web.CommandLine;
using JourneyStudio.Web.Components;
using JourneyStudio.Web.Operations;
using JourneyStudio.Web.Security;
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
        if (JourneyCommand.IsJourneyCommand(args))
            return await RunCommandLineAsync(args);

        var builder = WebApplication.CreateBuilder(args);
        ConfigureServices(builder);
        var app = builder.Build();
        await InitializeAsync(app);
        Configure(app);
        await app.RunAsync();
        return 0;
    }

    private static async Task<int> RunCommandLineAsync(string[] args)
    {
        var command = JourneyCommand.Parse(args, out var usageError);
        if (command is null)
        {
            await Console.Error.WriteLineAsync(usageError);
            await Console.Error.WriteLineAsync(JourneyCommand.Usage);
            return 2;
        }
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. command.ConfigurationArguments] });
        builder.Logging.ClearProviders(); // the command's own output is what pipelines read
        ConfigureServices(builder);
        await using var app = builder.Build();
        try
        {
            return await new JourneyCommandRunner(app.Services, Console.Out, Console.Error).RunAsync(command);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"journeys {command.Verb} failed: {e.Message}");
            return 1;
        }
    }

    public static void ConfigureServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddSingleton(NodeCatalog.Default);
        services.AddJourneyStudioData(builder.Configuration);
        services.AddSingleton<IJourneyCodec, FrodoJourneyCodec>();
        services.AddScoped<IJourneyResolver, StoreJourneyResolver>();
        services.AddJourneyStudioIdentities();
        services.AddJourneyStudioDevices();
        services.AddJourneyStudioPush(builder.Configuration);
        services.AddJourneyStudioRealmServices(builder.Configuration);
        services.AddJourneyStudioAdministration();
        services.AddJourneyStudioBruteForce(builder.Configuration);
        services.AddJourneyEngine();
        services.AddJourneySessions(builder.Configuration);
        services.AddStudioAdminAuthentication();
        services.AddStudioOperations(builder.Configuration);
        services.AddScoped<StudioActor>();
    }

    /// <summary>Database, first admin and shipped journeys, before the first request is served.</summary>
    public static async Task InitializeAsync(WebApplication app)
    {
        // A studio that cannot deliver pushes would fail every push sign-on later; say so now, naming the settings.
        var pushProblems = app.Services.CheckPushConfiguration();
        if (pushProblems.Count > 0)
            throw new InvalidOperationException("Push delivery is not configured: " + string.Join(" ", pushProblems));
        var firstStart = await StudioStartup.InitializeAsync(app.Services);
        if (firstStart.GeneratedAdminPassword is { } password)
        {
            // Printed once, never logged: the log may be kept where the console is not.
            Console.WriteLine();
            Console.WriteLine("  ================================================================");
            Console.WriteLine($"  First admin created: {firstStart.AdminUsername}");
            Console.WriteLine($"  Password:            {password}");
            Console.WriteLine("  It is shown only this once. Set JourneyStudio:Admin:Password to choose it yourself.");
            Console.WriteLine("  ================================================================");
            Console.WriteLine();
        }
    }

    public static void Configure(WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseMiddleware<EndpointFamilyBoundary>();

        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(FindBesideProgram("wwwroot-assets")),
            RequestPath = "/assets",
        });
        app.UseAdminApiRequestGuard();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapAdminLoginEndpoints();
        app.MapEndUserApi();
        app.MapAdminApi();
        app.MapPushEndpoints();
        app.MapStudioOperations();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .RequireAuthorization(AdminAuthentication.StudioPolicy);
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
