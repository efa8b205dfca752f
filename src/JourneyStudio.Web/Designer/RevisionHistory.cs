using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Administration;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Web.Components;
using MudBlazor;

namespace JourneyStudio.Web.Designer;

/// <summary>What changed from revision <paramref name="From"/> to <paramref name="To"/>, with the node names to list it by.</summary>
public sealed record RevisionChanges(int From, int To, string? ToLabel, JourneyDiff Diff, IReadOnlyDictionary<string, string> Names)
{
    public int Count => Diff.Nodes.Count + Diff.Connections.Count + Diff.Journey.Count;
}

/// <summary>
/// The designer's revisions of one journey: the list (the Revisions drawer), an old revision viewed read-only, restoring
/// one as a new draft (asked first), and the changes between two revisions marked on the canvas and listed.
/// </summary>
public sealed class RevisionHistory(string journeyName, JourneyStore store, JourneyAdminService admin, StudioActor actor,
    IDialogService dialogs, ISnackbar snackbar)
{
    public IReadOnlyList<JourneyRevisionSummary> Revisions { get; private set; } = [];

    /// <summary>Whether the Revisions drawer is open.</summary>
    public bool IsOpen { get; private set; }

    /// <summary>The revision shown read-only instead of the edited journey, if any.</summary>
    public (int Revision, Journey Journey)? Viewing { get; private set; }

    /// <summary>The changes marked on the canvas, if any.</summary>
    public RevisionChanges? Changes { get; private set; }

    public async Task ToggleAsync()
    {
        IsOpen = !IsOpen;
        if (IsOpen) await LoadAsync();
    }

    public async Task LoadAsync() => Revisions = await store.ListRevisionsAsync(journeyName) ?? [];

    /// <summary>Reloads the list when the drawer is open (after a save or publish).</summary>
    public async Task RefreshAsync()
    {
        if (IsOpen) await LoadAsync();
    }

    /// <summary>Shows <paramref name="revision"/> read-only; false when it does not exist.</summary>
    public async Task<bool> ViewAsync(int revision)
    {
        var stored = await store.GetRevisionAsync(journeyName, revision);
        if (stored is null) return false;
        Viewing = (revision, stored.Journey);
        return true;
    }

    public void StopViewing() => Viewing = null;

    /// <summary>Stops viewing and gives the viewed revision, to be loaded into the editor.</summary>
    public (int Revision, Journey Journey)? TakeViewed()
    {
        var viewed = Viewing;
        Viewing = null;
        return viewed;
    }

    /// <summary>
    /// Asks, then saves <paramref name="revision"/>'s content as a new draft; the journey as stored afterwards (its newest
    /// revision), or null when nothing was restored.
    /// </summary>
    public async Task<StoredJourney?> RestoreAsync(int revision, int basedOnRevision, int liveRevision, bool unsavedChanges)
    {
        var go = await dialogs.ShowMessageBoxAsync($"Restore revision {revision}?",
            $"Its content is saved as a new draft; end users keep running revision {liveRevision} until you publish."
            + (unsavedChanges ? " Your unsaved changes on the canvas are replaced." : ""),
            yesText: "Restore as draft", cancelText: "Cancel");
        if (go != true) return null;
        var result = await admin.RestoreAsync(journeyName, revision, basedOnRevision, await actor.GetAsync());
        StoredJourney? restored = null;
        if (result is SaveResult.Conflict conflict)
        {
            snackbar.Add($"Someone else saved revision {conflict.CurrentRevision}; open the revisions again and retry.", Severity.Warning);
        }
        else if (result is SaveResult.Saved saved)
        {
            restored = await store.GetLatestAsync(journeyName);
            Viewing = null;
            snackbar.Add($"Revision {revision} restored as draft revision {saved.Revision}; publish it to make it live.", Severity.Success);
        }
        await LoadAsync();
        return restored;
    }

    /// <summary>
    /// Compares revision <paramref name="from"/> with <paramref name="to"/> (the one on the canvas, <paramref name="shown"/>);
    /// false (with a notice) when either does not exist.
    /// </summary>
    public async Task<bool> CompareAsync(int from, int to, int liveRevision, Journey shown, Func<JourneyNode, string> nameOf)
    {
        var result = await admin.DiffAsync(journeyName, from, to);
        if (result is not RevisionDiffResult.Compared compared)
        {
            snackbar.Add($"Revision {from} or {to} of this journey does not exist.", Severity.Warning);
            return false;
        }
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var older = await store.GetRevisionAsync(journeyName, from);
        foreach (var journey in new[] { older?.Journey, shown })
            foreach (var node in journey?.AllNodes() ?? [])
                names[node.Id] = nameOf(node);
        var label = to == liveRevision ? "live" : to > liveRevision ? "draft" : null;
        Changes = new RevisionChanges(compared.From, compared.To, label, compared.Diff, names);
        return true;
    }

    public void HideChanges() => Changes = null;
}
