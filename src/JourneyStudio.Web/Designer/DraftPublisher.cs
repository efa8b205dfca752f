using JourneyStudio.Journeys.Validation;
using JourneyStudio.Runtime.Administration;
using JourneyStudio.Web.Components;
using MudBlazor;

namespace JourneyStudio.Web.Designer;

/// <summary>
/// A check that must pass before the designer publishes a draft (e.g. the journey's tests). Registered in DI; every
/// registered check runs after the draft's findings allow publishing and before it is made live.
/// </summary>
public interface IDesignerPublishCheck
{
    /// <summary>Why <paramref name="draftRevision"/> of <paramref name="journeyName"/> must not be published; null when it may.</summary>
    Task<string?> RefusalAsync(string journeyName, int draftRevision, CancellationToken cancellationToken = default);
}

/// <summary>
/// The designer's Publish: makes the saved draft live, refused with the errors listed, asking first with warnings, and
/// refused when a <see cref="IDesignerPublishCheck"/> says so. The server checks again when publishing, so a draft changed
/// by someone else meanwhile is not published unseen.
/// </summary>
public sealed class DraftPublisher(JourneyAdminService admin, StudioActor actor, IDialogService dialogs, ISnackbar snackbar,
    IEnumerable<IDesignerPublishCheck> checks)
{
    /// <summary>Publishes <paramref name="draftRevision"/>; the new live revision, or null when nothing was published.</summary>
    public async Task<int?> PublishAsync(string journeyName, int draftRevision, int liveRevision, Func<ValidationFinding, string> placeOf)
    {
        var check = await admin.CheckDraftAsync(journeyName);
        if (check is not { Draft: { } draft } found || draft.Revision != draftRevision)
        {
            snackbar.Add($"Revision {draftRevision} is no longer the draft; someone saved or published meanwhile. Reload the journey.", Severity.Warning);
            return null;
        }
        var errors = found.Findings.Where(f => f.Severity == FindingSeverity.Error).ToList();
        var warnings = found.Findings.Where(f => f.Severity == FindingSeverity.Warning).ToList();
        if (errors.Count > 0)
        {
            await dialogs.ShowAsync<PublishFindingsDialog>("Not published", new DialogParameters<PublishFindingsDialog>
            {
                { d => d.Intro, $"Draft revision {draftRevision} has {Plural(errors.Count, "error")}; end users keep revision {liveRevision}. Fix these, save, and publish again:" },
                { d => d.Findings, errors.Concat(warnings).ToList() },
                { d => d.PlaceOf, placeOf },
                { d => d.ConfirmText, null },
            });
            return null;
        }
        if (warnings.Count > 0)
        {
            var dialog = await dialogs.ShowAsync<PublishFindingsDialog>("Publish with warnings?", new DialogParameters<PublishFindingsDialog>
            {
                { d => d.Intro, $"Draft revision {draftRevision} has {Plural(warnings.Count, "warning")}. Publish it anyway?" },
                { d => d.Findings, warnings },
                { d => d.PlaceOf, placeOf },
                { d => d.ConfirmText, "Publish anyway" },
            });
            if ((await dialog.Result) is not { Canceled: false }) return null;
        }
        foreach (var gate in checks)
        {
            if (await gate.RefusalAsync(journeyName, draftRevision) is { } refusal)
            {
                snackbar.Add($"Not published: {refusal}", Severity.Error);
                return null;
            }
        }
        var result = await admin.PublishAsync(journeyName, draftRevision, await actor.GetAsync());
        switch (result)
        {
            case PublishResult.Published published:
                snackbar.Add($"Revision {published.Revision} is live.", Severity.Success);
                return published.Revision;
            case PublishResult.Refused refused:
                snackbar.Add($"Not published: revision {refused.Revision} has {Plural(refused.Errors.Count(), "error")}.", Severity.Error);
                return null;
            case PublishResult.NotCurrentDraft:
                snackbar.Add($"Revision {draftRevision} is no longer the draft; someone saved or published meanwhile. Reload the journey.", Severity.Warning);
                return null;
            default:
                snackbar.Add($"The journey '{journeyName}' no longer exists.", Severity.Error);
                return null;
        }
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
