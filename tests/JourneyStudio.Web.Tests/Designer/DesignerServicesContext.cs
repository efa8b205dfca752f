using Bunit;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Testing;
using JourneyStudio.Runtime.JourneyTests;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Web.Designer;
using JourneyStudio.Web.Tests.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace JourneyStudio.Web.Tests.Designer;

/// <summary>
/// The designer's non-visual parts (Save, Publish, revisions) against the real stores on SQLite, the real journey test
/// runner, and MudBlazor's dialogs and snackbars rendered as in the page, so a test answers a dialog as an admin would.
/// </summary>
public abstract class DesignerServicesContext : StudioPageContext
{
    protected DesignerServicesContext()
    {
        Services.AddJourneyStudioJourneyTests(Configuration);
        Services.AddScoped<DraftPublisher>();
        Services.AddScoped<DraftSaver>();
    }

    /// <summary>The dialog and snackbar providers, where dialogs and notices appear.</summary>
    protected IRenderedComponent<IComponent> Providers { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Providers = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(2);
            builder.CloseComponent();
        });
    }

    /// <summary>The notices shown so far, oldest first.</summary>
    protected IReadOnlyList<string> Notices => Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message ?? "").Reverse().ToList();

    /// <summary>Runs <paramref name="work"/> as the page would (on the renderer), without waiting for the dialogs it opens.</summary>
    protected Task<T> OnPage<T>(Func<Task<T>> work) => Providers.InvokeAsync(work);

    /// <summary>Start → decision: true → <paramref name="trueTo"/> (Success by default), false → Failure.</summary>
    protected static Journey Small(string name, string? trueTo = null) => new()
    {
        Name = name,
        EntryNodeId = "decision",
        Nodes = [TestJourneys.Node(Journeys.Catalog.NodeTypeIds.DataStoreDecision, "decision", 300, 150,
            ("true", trueTo ?? StaticNodeIds.Success), ("false", StaticNodeIds.Failure))],
        StartPosition = new NodePosition(60, 180),
        SuccessPosition = new NodePosition(800, 120),
        FailurePosition = new NodePosition(800, 300),
    };

    /// <summary>
    /// Start wired straight to <paramref name="entry"/> (Success or Failure), with one scenario of no steps named
    /// <paramref name="scenario"/> that expects Success: it passes when the journey ends in Success, fails otherwise.
    /// </summary>
    protected static Journey StraightTo(string name, string entry, string scenario) =>
        JourneyTestFormat.WithTests(new Journey { Name = name, EntryNodeId = entry }, new JourneyTestSuite
        {
            Scenarios =
            [
                new JourneyTestScenario
                {
                    Name = scenario,
                    User = new JourneyTestUser { Username = "sandbox.designer", Password = "Sandbox-Passw0rd!" },
                    Expect = new JourneyTestExpectation { End = JourneyTestEndKind.Success },
                },
            ],
        });

    /// <summary>Stores <paramref name="live"/> as revision 1 (live) and <paramref name="draft"/> as draft revision 2.</summary>
    protected async Task LiveAndDraftAsync(Journey live, Journey draft)
    {
        Assert.IsType<SaveResult.Saved>(await Store.CreateAsync(live, "test"));
        Assert.IsType<SaveResult.Saved>(await Store.SaveDraftAsync(draft, 1, "test"));
    }
}
