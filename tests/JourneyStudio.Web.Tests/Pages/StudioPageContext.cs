using Bunit;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Runtime.Administration;
using JourneyStudio.Runtime.BruteForce;
using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Web.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace JourneyStudio.Web.Tests.Pages;

/// <summary>
/// bUnit context for the studio pages: MudBlazor, loose JS interop with the file module set up, and the
/// real stores on a temporary SQLite file. Pages render inside the MudBlazor providers, as in MainLayout.
/// </summary>
public abstract class StudioPageContext : BunitContext, IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "journeystudio-bunit-" + Guid.NewGuid().ToString("N"));

    protected StudioPageContext()
    {
        Configuration = new ConfigurationManager();
        Configuration["JourneyStudio:DataDirectory"] = _dataDirectory;
        Services.AddSingleton<IConfiguration>(Configuration);
        Services.AddLogging();
        Services.AddSingleton(NodeCatalog.Default);
        Services.AddJourneyStudioData(Configuration);
        Services.AddSingleton<IJourneyCodec, FrodoJourneyCodec>();
        Services.AddJourneyStudioIdentities();
        Services.AddJourneyStudioDevices();
        Services.AddJourneyStudioAdministration();
        Services.AddScoped<StudioActor>();
        Services.AddJourneyStudioBruteForce(Configuration);
        Services.AddMudServices();
        AddAuthorization().SetAuthorized(AdminName);
        JSInterop.Mode = JSRuntimeMode.Loose;
        FilesModule = JSInterop.SetupModule(StudioFiles.ModulePath);
        FilesModule.SetupVoid("downloadText", _ => true);
        FilesModule.Setup<bool>("copyText", _ => true).SetResult(true);
    }

    /// <summary>The admin the pages act as (what the audit log records as the actor).</summary>
    protected const string AdminName = "page-admin";

    protected ConfigurationManager Configuration { get; }

    protected BunitJSModuleInterop FilesModule { get; }

    protected JourneyStore Store => Services.GetRequiredService<JourneyStore>();

    protected IdentityStore Identities => Services.GetRequiredService<IdentityStore>();

    /// <summary>What the audit log holds about <paramref name="target"/>, newest first.</summary>
    protected async Task<IReadOnlyList<Runtime.Audit.AuditEvent>> AuditAsync(string target) =>
        (await Services.GetRequiredService<Runtime.Audit.DatabaseAuditLog>().QueryAsync(new Runtime.Audit.AuditQuery { Target = target }))
            .Entries.Select(e => e.Event).ToList();

    public virtual async Task InitializeAsync() => await JourneyStudioDatabase.InitializeAsync(Services);

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory)) Directory.Delete(_dataDirectory, recursive: true);
    }

    /// <summary>Renders <typeparamref name="TPage"/> after the providers its dialogs, menus and snackbars need.</summary>
    protected IRenderedComponent<IComponent> RenderPage<TPage>() where TPage : IComponent => Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudDialogProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent<MudSnackbarProvider>(2);
        builder.CloseComponent();
        builder.OpenComponent<TPage>(3);
        builder.CloseComponent();
    });
}
