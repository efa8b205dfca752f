using JourneyStudio.Journeys.Catalog;
using JourneyStudio.OpenIdConnect;
using JourneyStudio.Runtime.Administration;
using JourneyStudio.Runtime.BruteForce;
using JourneyStudio.Runtime.Scripts;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Email;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.JourneyTests;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Push;
using JourneyStudio.Runtime.Realms;
using JourneyStudio.Runtime.Sessions;
using JourneyStudio.Web.Api;
using JourneyStudio.Web.CommandLine;
using JourneyStudio.Web.Components;
using JourneyStudio.Web.Operations;
using JourneyStudio.Web.Hosting;
using JourneyStudio.Web.Security;
using Microsoft.AspNetCore.Hosting.StaticWebAssets;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
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

        var builder = CreateBuilder(args);
        ConfigureServices(builder);
        var app = builder.Build();
        await InitializeAsync(app);
        Configure(app);
        await app.RunAsync();
        return 0;
    }

    /// <summary>
    /// The host builder of the studio and of the command line. Whatever the working directory, the program's
    /// own folder is the content root (its appsettings.json, its wwwroot when published), so that relative
    /// paths on the command line and the default <c>data/</c> folder stay the caller's.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        // Run from the build output (dotnet run, dotnet bin/.../JourneyStudio.Web.dll), the packages' files
        // (_framework/blazor.web.js, _content/MudBlazor/...) are found through the static web assets manifest,
        // which ASP.NET Core reads only in Development by default; in Production every one of them would be a
        // 500 and the studio a blank page. Published output has no manifest and this does nothing.
        if (!builder.Environment.IsDevelopment())
            StaticWebAssetsLoader.UseStaticWebAssets(builder.Environment, builder.Configuration);
        if (!HasConfiguredAddresses(builder.Configuration))
            builder.WebHost.UseUrls(DefaultUrl);
        FirstAdminNotice.ConfigureLogging(builder.Logging);
        return builder;
    }

    /// <summary>Where the studio listens unless <c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c> or Kestrel endpoints say otherwise.</summary>
    public const string DefaultUrl = "http://localhost:5080";

    private static bool HasConfiguredAddresses(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey])
        || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpPortsKey])
        || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpsPortsKey])
        || configuration.GetSection("Kestrel:Endpoints").Exists();

    private static async Task<int> RunCommandLineAsync(string[] args)
    {
        var command = JourneyCommand.Parse(args, out var usageError);
        if (command is null)
        {
            await Console.Error.WriteLineAsync(usageError);
            await Console.Error.WriteLineAsync(JourneyCommand.Usage);
            return 2;
        }
        var builder = CreateBuilder([.. command.ConfigurationArguments]);
        builder.Logging.ClearProviders(); // the command's own output is what pipelines read
        ConfigureServices(builder);
        await using var app = builder.Build();
        try
        {
            return await new JourneyCommandRunner(app.Services, Console.Out, Console.Error).RunAsync(command);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or OptionsValidationException
                                       or System.Data.Common.DbException)
        {
            await Console.Error.WriteLineAsync($"journeys {command.Verb} failed: {e.Message}");
            return 1;
        }
    }

    public static void ConfigureServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddStudioSecurityHeaders();
        services.AddMudServices();
        services.AddSingleton(NodeCatalog.Default);
        services.AddJourneyStudioData(builder.Configuration);
        services.AddSingleton<IJourneyCodec, FrodoJourneyCodec>();
        services.AddScoped<IJourneyResolver, StoreJourneyResolver>();
        services.AddJourneyStudioIdentities();
        services.AddJourneyStudioDevices();
        services.AddJourneyStudioPush(builder.Configuration);
        services.AddJourneyStudioEmail(builder.Configuration);
        services.AddJourneyStudioRealmServices(builder.Configuration);
        services.AddJourneyStudioAdministration();
        services.AddJourneyStudioBruteForce(builder.Configuration);
        services.AddJourneyStudioScripting(builder.Configuration);
        services.AddJourneyEngine();
        services.AddJourneySessions(builder.Configuration);
        services.AddJourneyStudioJourneyTests(builder.Configuration);
        services.AddJourneyStudioOpenIdConnect(builder.Configuration);
        services.AddStudioAdminAuthentication();
        services.AddStudioOperations(builder.Configuration);
        services.AddScoped<StudioActor>();
        services.AddScoped<Designer.DraftPublisher>();
        services.AddScoped<Designer.DraftSaver>();
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
            FirstAdminNotice.ShowWhenStarted(app, firstStart.AdminUsername!, password);
    }

    public static void Configure(WebApplication app)
    {
        // First, so that every response, error pages included, carries the headers.
        app.UseStudioSecurityHeaders();
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseMiddleware<EndpointFamilyBoundary>();
        // Apps on other origins (the ForgeRock SDK) sign on and get tokens with the user's cookie: their preflights are answered here.
        app.UseClientCors();
        app.UseStudioCookiePolicy();

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
        app.MapOpenIdConnectEndpoints();
        app.MapAdminApi();
        app.MapPushEndpoints();
        app.MapStudioOperations();
        app.MapRazorComponents<App>()
            // Blazor's own frame-ancestors-only policy would take the place of the full one (UseStudioSecurityHeaders).
            .AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null)
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
