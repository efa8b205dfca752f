using System.Text.RegularExpressions;
using JourneyStudio.Runtime.Administration;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Web.Components.Dialogs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;
using MudBlazor;

namespace JourneyStudio.Web.Components.Pages;

/// <summary>
/// The journey list: state at a glance (enabled, validation, realm default, last change, revision, preview
/// URL) and the whole-journey actions. The logic the admin API shares lives in <see cref="JourneyAdminService"/>.
/// </summary>
public sealed partial class Home
{
    /// <summary>Large enough for any real export; stops a stray upload from filling the server's memory.</summary>
    public const long MaxImportBytes = 10 * 1024 * 1024;

    [Inject] private JourneyAdminService Admin { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IConfiguration Configuration { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private StudioActor Actor { get; set; } = default!;

    private IReadOnlyList<JourneyOverview> _rows = [];
    private string _search = "";
    private bool _loading = true;
    private StudioFiles? _files;

    private StudioFiles Files => _files ??= new StudioFiles(JS);

    protected override async Task OnInitializedAsync() => await ReloadAsync();

    private async Task ReloadAsync()
    {
        _loading = true;
        _rows = await Admin.ListAsync();
        _loading = false;
    }

    private bool Matches(JourneyOverview row) =>
        string.IsNullOrWhiteSpace(_search)
        || row.Summary.Name.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase)
        || row.Summary.Description.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase);

    private string PreviewUrl(string name) => StudioUrls.Preview(Configuration, Navigation.BaseUri, name);

    private static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";

    // AM descriptions may carry HTML; the list shows the text only.
    private static string StripMarkup(string text) => Regex.Replace(text, "<[^>]*>", " ").Trim();

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<NewJourneyDialog>("New journey",
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: string name })
            Navigation.NavigateTo(StudioUrls.Editor(name));
    }

    private async Task RenameAsync(JourneyOverview row)
    {
        var parameters = new DialogParameters<RenameJourneyDialog>
        {
            { d => d.Name, row.Summary.Name },
            { d => d.Revision, row.Summary.CurrentRevision },
        };
        var dialog = await Dialogs.ShowAsync<RenameJourneyDialog>($"Rename {row.Summary.Name}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: string newName })
        {
            Snackbar.Add($"Renamed '{row.Summary.Name}' to '{newName}'.", Severity.Success);
            await ReloadAsync();
        }
    }

    private async Task DuplicateAsync(JourneyOverview row)
    {
        var (result, name) = await Admin.DuplicateAsync(row.Summary.Name, await Actor.GetAsync());
        if (result is SaveResult.Saved)
            Snackbar.Add($"Duplicated '{row.Summary.Name}' as '{name}'.", Severity.Success);
        else
            Snackbar.Add($"'{row.Summary.Name}' was not duplicated: {Describe(result)}", Severity.Error);
        await ReloadAsync();
    }

    private async Task ToggleEnabledAsync(JourneyOverview row)
    {
        var enable = !row.Summary.Enabled;
        var result = await Admin.SetEnabledAsync(row.Summary.Name, enable, await Actor.GetAsync());
        if (result is SaveResult.Saved)
            Snackbar.Add($"'{row.Summary.Name}' is {(enable ? "enabled" : "disabled")}.", Severity.Success);
        else
            Snackbar.Add($"'{row.Summary.Name}' was not changed: {Describe(result)}", Severity.Error);
        await ReloadAsync();
    }

    private async Task DeleteAsync(JourneyOverview row)
    {
        var name = row.Summary.Name;
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete journey",
            $"Delete '{name}' and all its {row.Summary.CurrentRevision} revisions? This cannot be undone.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true) return;
        if (await Admin.DeleteAsync(name, await Actor.GetAsync()))
            Snackbar.Add($"Deleted '{name}'.", Severity.Success);
        else
            Snackbar.Add($"'{name}' was already gone.", Severity.Warning);
        await ReloadAsync();
    }

    private async Task ExportAsync(JourneyOverview row)
    {
        var export = await Admin.ExportWithDependenciesAsync(row.Summary.Name);
        if (export is null)
        {
            Snackbar.Add($"'{row.Summary.Name}' no longer exists.", Severity.Warning);
            await ReloadAsync();
            return;
        }
        await Files.DownloadAsync($"{row.Summary.Name}.journeys.json", export.Json);
        if (export.MissingReferences.Count > 0)
            Snackbar.Add($"Exported without the inner journeys it names but that do not exist: {string.Join(", ", export.MissingReferences)}.", Severity.Warning);
    }

    private async Task ExportAllAsync()
    {
        var export = await Admin.ExportAllAsync();
        await Files.DownloadAsync("journeys.json", export.Json);
    }

    private async Task CopyAsync(string text)
    {
        if (await Files.CopyAsync(text))
            Snackbar.Add("Preview URL copied.", Severity.Normal);
        else
            Snackbar.Add($"The browser refused the clipboard; copy it by hand: {text}", Severity.Warning);
    }

    private async Task ImportAsync(IBrowserFile? file)
    {
        if (file is null) return;
        if (file.Size > MaxImportBytes)
        {
            Snackbar.Add($"{file.Name} is {file.Size / 1024 / 1024} MB; an import can be at most {MaxImportBytes / 1024 / 1024} MB.", Severity.Error);
            return;
        }
        string text;
        await using (var stream = file.OpenReadStream(MaxImportBytes))
        using (var reader = new StreamReader(stream))
            text = await reader.ReadToEndAsync();

        // An import publishes at once; replacing journeys that exist is worth a question first.
        var (parsed, _) = Admin.Parse(text);
        var existing = parsed.Select(j => _rows.FirstOrDefault(r => string.Equals(r.Summary.Name, j.Name, StringComparison.OrdinalIgnoreCase)))
            .OfType<JourneyOverview>().ToList();
        if (existing.Count > 0)
        {
            var names = string.Join(", ", existing.Select(r => $"'{r.Summary.Name}'"));
            var drafts = existing.Where(r => r.Summary.DraftRevision is not null).Select(r => $"'{r.Summary.Name}'").ToList();
            var go = await Dialogs.ShowMessageBoxAsync("Replace existing journeys?",
                $"{file.Name} holds {names}, which already exist{(existing.Count == 1 ? "s" : "")}. Importing saves the file's content as a new revision that end users run at once"
                + (drafts.Count > 0 ? $"; the unpublished draft of {string.Join(", ", drafts)} stays in the history but is no longer the draft." : ".")
                + " Earlier revisions stay in the history.",
                yesText: "Import and replace", cancelText: "Cancel");
            if (go != true) return;
        }

        switch (await Admin.ImportAsync(text, await Actor.GetAsync()))
        {
            case JourneyImportResult.Rejected rejected:
                var parameters = new DialogParameters<ImportErrorsDialog>
                {
                    { d => d.FileName, file.Name },
                    { d => d.Errors, rejected.Errors },
                };
                await Dialogs.ShowAsync<ImportErrorsDialog>("Import failed", parameters,
                    new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseOnEscapeKey = true });
                break;
            case JourneyImportResult.Imported imported:
                Snackbar.Add($"Imported {string.Join(", ", imported.Journeys.Select(j => j.Created ? $"'{j.Name}'" : $"'{j.Name}' (revision {j.Revision})"))}.",
                    Severity.Success);
                await ReloadAsync();
                break;
        }
    }

    private static string Describe(SaveResult result) => result switch
    {
        SaveResult.Conflict conflict => $"it was changed meanwhile (now revision {conflict.CurrentRevision}).",
        SaveResult.NotFound => "it no longer exists.",
        SaveResult.NameTaken taken => $"the name is taken by '{taken.ExistingName}'.",
        SaveResult.InvalidName invalid => invalid.Message,
        _ => result.ToString(),
    };

    public async ValueTask DisposeAsync()
    {
        if (_files is not null) await _files.DisposeAsync();
    }
}
