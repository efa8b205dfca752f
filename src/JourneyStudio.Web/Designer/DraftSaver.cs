using JourneyStudio.Runtime.Administration;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Web.Components;
using MudBlazor;

namespace JourneyStudio.Web.Designer;

/// <summary>What a Save did to the editor's journey.</summary>
public abstract record DraftSaveOutcome
{
    private DraftSaveOutcome() { }

    /// <summary>Stored as draft <paramref name="Revision"/>.</summary>
    public sealed record Saved(int Revision) : DraftSaveOutcome;

    /// <summary>Someone else had saved; the admin loaded their version (live revision <paramref name="LiveRevision"/>).</summary>
    public sealed record Reloaded(int LiveRevision) : DraftSaveOutcome;

    /// <summary>Nothing was stored (the admin kept editing, or the journey is gone).</summary>
    public sealed record NotSaved : DraftSaveOutcome;
}

/// <summary>
/// The designer's Save: stores the canvas as a draft (end users keep the live revision) and, when someone else saved
/// meanwhile, asks whether to load their version, keep editing, or save over theirs.
/// </summary>
public sealed class DraftSaver(JourneyAdminService admin, JourneyStore store, StudioActor actor, IDialogService dialogs, ISnackbar snackbar)
{
    public async Task<DraftSaveOutcome> SaveAsync(JourneyEditSession session, int liveRevision)
    {
        var result = await admin.SaveDraftAsync(session.Current, session.BasedOnRevision, await actor.GetAsync());
        switch (result)
        {
            case SaveResult.Saved saved:
                session.MarkSaved(saved.Revision);
                snackbar.Add($"Saved as draft revision {saved.Revision}. End users keep revision {liveRevision} until you publish.", Severity.Success);
                return new DraftSaveOutcome.Saved(saved.Revision);
            case SaveResult.Conflict conflict:
                return await ResolveConflictAsync(session, liveRevision, conflict.CurrentRevision);
            case SaveResult.NotFound:
                snackbar.Add($"The journey '{session.Current.Name}' no longer exists; nothing was saved.", Severity.Error);
                return new DraftSaveOutcome.NotSaved();
            default:
                snackbar.Add($"Not saved: {result}", Severity.Error);
                return new DraftSaveOutcome.NotSaved();
        }
    }

    private async Task<DraftSaveOutcome> ResolveConflictAsync(JourneyEditSession session, int liveRevision, int currentRevision)
    {
        var choice = await dialogs.ShowMessageBoxAsync(
            "Someone else saved this journey",
            $"While you were editing, revision {currentRevision} was saved by someone else, so your changes were not saved. "
            + "Your version is still on the canvas. You can load their version (your changes are dropped), keep editing, "
            + $"or save your version over theirs as revision {currentRevision + 1}.",
            yesText: "Load their version", noText: "Save mine over theirs", cancelText: "Keep editing");
        if (choice == true)
        {
            if (await store.GetLatestAsync(session.Current.Name) is not { } stored) return new DraftSaveOutcome.NotSaved();
            session.Reload(stored.Journey, stored.Revision);
            return new DraftSaveOutcome.Reloaded(stored.LiveRevision);
        }
        if (choice == false)
        {
            session.Rebase(currentRevision);
            return await SaveAsync(session, liveRevision);
        }
        return new DraftSaveOutcome.NotSaved();
    }
}
