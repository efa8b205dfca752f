using System.Collections.Immutable;
using System.Text.Json;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Journeys.Frodo;
using JourneyStudio.Journeys.Json;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Validation;
using JourneyStudio.Runtime.Audit;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Scripts;
using JourneyStudio.Journeys.Scripts;

namespace JourneyStudio.Runtime.Administration;

/// <summary>One row of the admin journey list: the stored summary plus what validation says about it.</summary>
public sealed record JourneyOverview(JourneySummary Summary, int ValidationErrors, int ValidationWarnings);

/// <summary>A journey's findings, for the revision they were computed on.</summary>
public sealed record JourneyValidationReport(string Name, int Revision, IReadOnlyList<ValidationFinding> Findings)
{
    public int ErrorCount => Findings.Count(f => f.Severity == FindingSeverity.Error);

    public int WarningCount => Findings.Count(f => f.Severity == FindingSeverity.Warning);
}

/// <summary>A multi-journey export: the journeys it carries and the inner journeys it names that do not exist.</summary>
public sealed record JourneyExport(string Json, IReadOnlyList<string> JourneyNames, IReadOnlyList<string> MissingReferences);

/// <summary>The outcome of an import: everything saved, or nothing saved and every problem listed.</summary>
public abstract record JourneyImportResult
{
    private JourneyImportResult() { }

    public sealed record Imported(IReadOnlyList<ImportedJourney> Journeys) : JourneyImportResult;

    /// <summary>Nothing was saved; <paramref name="Errors"/> point into the file (JSON paths).</summary>
    public sealed record Rejected(IReadOnlyList<JourneyFormatError> Errors) : JourneyImportResult;
}

/// <summary>
/// What the admin API, the studio pages and the command line all do with journeys: list with validation state,
/// create, save, rename, restore, delete, import all-or-nothing, export with the inner journeys a journey depends
/// on, duplicate with fresh node ids, enable or disable. Every write is recorded in the audit log with the
/// <see cref="AuditActor"/> the front end passes in. UI-free, so that each front end stays a thin translation to
/// HTTP or to components.
/// </summary>
public sealed class JourneyAdminService(JourneyStore store, NodeCatalog catalog, IAuditLog audit, ScriptStore scripts,
    ScriptValidator scriptValidator, IEnumerable<IJourneyPublishCheck>? publishChecks = null)
{
    private readonly IReadOnlyList<IJourneyPublishCheck> _publishChecks = publishChecks?.ToList() ?? [];

    /// <summary>Config property of the Inner Tree Evaluator that names the journey it runs.</summary>
    public const string InnerTreeProperty = "tree";

    /// <summary>Every journey with the validation counts of its newest revision (the draft when there is one).</summary>
    public async Task<IReadOnlyList<JourneyOverview>> ListAsync(CancellationToken cancellationToken = default)
    {
        var summaries = await store.ListAsync(cancellationToken);
        var journeys = await LoadAllAsync(summaries, cancellationToken);
        var drafts = new Dictionary<string, Journey>(StringComparer.OrdinalIgnoreCase);
        foreach (var summary in summaries.Where(s => s.DraftRevision is not null))
            if (await store.GetLatestAsync(summary.Name, cancellationToken) is { } latest)
                drafts[summary.Name] = latest.Journey;
        var known = await scripts.FindManyAsync(journeys.Values.Concat(drafts.Values).SelectMany(ScriptReferences.Of), cancellationToken);
        return summaries.Select(summary =>
        {
            if (!drafts.TryGetValue(summary.Name, out var journey) && !journeys.TryGetValue(summary.Name, out journey))
                return new JourneyOverview(summary, 0, 0);
            // Inner journeys are checked as they run: live.
            var findings = JourneyValidator.Validate(journey, catalog, name => journeys.GetValueOrDefault(name))
                .Concat(scriptValidator.Validate(journey, known)).ToList();
            return new JourneyOverview(summary,
                findings.Count(f => f.Severity == FindingSeverity.Error),
                findings.Count(f => f.Severity == FindingSeverity.Warning));
        }).ToList();
    }

    /// <summary>The findings of the journey's newest revision (the draft when there is one); null when there is no such journey.</summary>
    public async Task<JourneyValidationReport?> ValidateAsync(string name, CancellationToken cancellationToken = default)
    {
        var stored = await store.GetLatestAsync(name, cancellationToken);
        if (stored is null) return null;
        return new JourneyValidationReport(stored.Journey.Name, stored.Revision, await FindingsAsync(stored.Journey, cancellationToken));
    }

    /// <summary>Validation of <paramref name="journey"/> and the scripts it names, with the inner journeys it runs read as they run (live).</summary>
    private async Task<IReadOnlyList<ValidationFinding>> FindingsAsync(Journey journey, CancellationToken cancellationToken)
    {
        // The validator asks synchronously, so the inner journeys it follows are read first, transitively.
        var others = new Dictionary<string, Journey?>(StringComparer.OrdinalIgnoreCase) { [journey.Name] = journey };
        var pending = new Queue<Journey>([journey]);
        while (pending.TryDequeue(out var next))
            foreach (var reference in InnerJourneyNames(next))
            {
                if (others.ContainsKey(reference)) continue;
                var inner = (await store.GetAsync(reference, cancellationToken))?.Journey;
                others[reference] = inner;
                if (inner is not null) pending.Enqueue(inner);
            }
        var known = await scripts.FindManyAsync(ScriptReferences.Of(journey), cancellationToken);
        return [.. JourneyValidator.Validate(journey, catalog, other => others.GetValueOrDefault(other)), .. scriptValidator.Validate(journey, known)];
    }

    /// <summary>
    /// Reads a frodo single- or multi-journey export and saves every journey in it, or none: any format
    /// error, bad name, repeated name or second realm default rejects the whole file. Existing journeys get a
    /// new revision. Each imported journey is recorded in the audit log with its revisions.
    /// </summary>
    public async Task<JourneyImportResult> ImportAsync(string json, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var (journeys, errors) = Parse(json);
        if (errors.Count > 0) return await RejectImportAsync(errors, actor, cancellationToken);
        var multi = IsMultiExport(json);
        return await SaveImportAsync(journeys, actor, "Imported",
            j => multi ? $"$.trees['{j.Name.Replace("'", "\\'")}'].{FrodoScriptSection.SectionName}" : $"$.{FrodoScriptSection.SectionName}", cancellationToken);
    }

    /// <summary>
    /// Saves journeys already read (e.g. from several files) the way <see cref="ImportAsync(string, AuditActor, CancellationToken)"/>
    /// does: all or none, after the same checks of names, repeats and realm defaults. <paramref name="placeOf"/>
    /// says where a journey's name is in its source, for the errors (default <c>$.tree._id</c>).
    /// </summary>
    public async Task<JourneyImportResult> ImportAsync(IReadOnlyList<Journey> journeys, AuditActor actor, string note,
        Func<Journey, string>? placeOf = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journeys);
        var errors = CheckImport(journeys, placeOf ?? (_ => "$.tree._id"));
        if (journeys.Count == 0) errors = [new JourneyFormatError("$", "there is no journey to import")];
        return errors.Count > 0
            ? await RejectImportAsync(errors, actor, cancellationToken)
            : await SaveImportAsync(journeys, actor, note, j => $"{placeOf?.Invoke(j) ?? $"journey '{j.Name}'"}: {FrodoScriptSection.SectionName}", cancellationToken);
    }

    /// <summary>
    /// Saves the journeys and the scripts their exports carry in one transaction. Scripts leave the journeys here: they are
    /// resources of their own, named by id, and exports put back the ones a journey uses.
    /// </summary>
    private async Task<JourneyImportResult> SaveImportAsync(IReadOnlyList<Journey> imported, AuditActor actor, string note,
        Func<Journey, string> scriptsPath, CancellationToken cancellationToken)
    {
        var (journeys, carried, errors) = ExtractScripts(imported, scriptsPath);
        foreach (var conflict in await scripts.FindConflictsAsync(carried, cancellationToken))
            errors.Add(new JourneyFormatError($"scripts['{conflict.ScriptId}']", conflict.Message));
        if (errors.Count > 0) return await RejectImportAsync(errors, actor, cancellationToken);

        IReadOnlyList<ScriptChange> changed = [];
        var saved = await store.ImportAsync(journeys, actor.SavedBy, note,
            carried.Count == 0 ? null : async (db, ct) => changed = await scripts.StageImportAsync(db, carried, actor.SavedBy, ct), cancellationToken);
        await RecordScriptChangesAsync(changed, actor, "the import", cancellationToken);
        foreach (var journey in saved)
            await audit.RecordAsync(actor.Event(AuditActions.JourneyImport, journey.Name) with
            {
                // An import adds exactly one revision to a journey that existed.
                RevisionBefore = journey.Created ? null : journey.Revision - 1,
                RevisionAfter = journey.Revision,
                Detail = journey.Created ? "created by the import" : "new revision from the import",
            }, cancellationToken);
        return new JourneyImportResult.Imported(saved);
    }

    private async Task<JourneyImportResult> RejectImportAsync(IReadOnlyList<JourneyFormatError> errors, AuditActor actor,
        CancellationToken cancellationToken)
    {
        await audit.RecordAsync(actor.Event(AuditActions.JourneyImport, null) with
        {
            Succeeded = false,
            Detail = $"rejected ({(errors.Count == 1 ? "1 problem" : $"{errors.Count} problems")}); nothing was saved",
        }, cancellationToken);
        return new JourneyImportResult.Rejected(errors);
    }

    private async Task RecordScriptChangesAsync(IReadOnlyList<ScriptChange> changes, AuditActor actor, string cause, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
            await audit.RecordAsync(actor.Event(AuditActions.ScriptSave, change.Name) with
            {
                RevisionBefore = change.RevisionBefore,
                RevisionAfter = change.RevisionAfter,
                Detail = change.RevisionBefore is null ? $"script {change.ScriptId} created by {cause}" : $"script {change.ScriptId}: new revision from {cause}",
            }, cancellationToken);
    }

    /// <summary>Creates a new journey as revision 1.</summary>
    public async Task<SaveResult> CreateAsync(Journey journey, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journey);
        var result = await store.CreateAsync(journey, actor.SavedBy, cancellationToken);
        await RecordAsync(actor.Event(AuditActions.JourneyCreate, journey.Name), result, null, "created", cancellationToken);
        return result;
    }

    /// <summary>
    /// Saves <paramref name="journey"/> as a new revision on top of <paramref name="basedOnRevision"/> (see
    /// <see cref="JourneyStore.SaveAsync"/>); the audit entry names what changed.
    /// </summary>
    public async Task<SaveResult> SaveAsync(Journey journey, int basedOnRevision, AuditActor actor, string? note = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journey);
        // A PUT of an export may carry scripts; they are saved as scripts, not inside the journey (when they read cleanly).
        var (stripped, carried, scriptErrors) = ExtractScripts([journey], _ => $"$.{FrodoScriptSection.SectionName}");
        if (scriptErrors.Count == 0 && (await scripts.FindConflictsAsync(carried, cancellationToken)).Count == 0) journey = stripped[0];
        else carried = [];
        var result = await store.SaveAsync(journey, basedOnRevision, actor.SavedBy, note, cancellationToken);
        if (result is SaveResult.Saved && carried.Count > 0)
            await RecordScriptChangesAsync(await scripts.SaveAsync(carried, actor.SavedBy, cancellationToken), actor, $"saving '{journey.Name}'", cancellationToken);
        string? detail = null;
        // Revisions are immutable, so the one the save was based on can be read afterwards to say what changed.
        if (result is SaveResult.Saved && await store.GetRevisionAsync(journey.Name, basedOnRevision, cancellationToken) is { } before)
            detail = JourneyChangeSummary.Describe(before.Journey, journey with { Name = before.Journey.Name });
        await RecordAsync(actor.Event(AuditActions.JourneySave, journey.Name), result, basedOnRevision, detail, cancellationToken);
        return result;
    }

    /// <summary>
    /// Saves <paramref name="journey"/> as a draft on top of <paramref name="basedOnRevision"/> (see
    /// <see cref="JourneyStore.SaveDraftAsync"/>): end users keep running the live revision.
    /// </summary>
    public async Task<SaveResult> SaveDraftAsync(Journey journey, int basedOnRevision, AuditActor actor, string? note = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journey);
        var result = await store.SaveDraftAsync(journey, basedOnRevision, actor.SavedBy, note, cancellationToken);
        string? detail = "draft";
        if (result is SaveResult.Saved && await store.GetRevisionAsync(journey.Name, basedOnRevision, cancellationToken) is { } before)
            detail = "draft: " + JourneyChangeSummary.Describe(before.Journey, journey with { Name = before.Journey.Name, Settings = journey.Settings with { Enabled = before.Journey.Settings.Enabled, IsRealmDefault = before.Journey.Settings.IsRealmDefault } });
        await RecordAsync(actor.Event(AuditActions.JourneySave, journey.Name), result, basedOnRevision, detail, cancellationToken);
        return result;
    }

    /// <summary>
    /// What publishing the current draft would say: its revision and findings (validation, then every
    /// <see cref="IJourneyPublishCheck"/>). Null when there is no such journey; Revision is null when there is no draft.
    /// </summary>
    public async Task<(StoredJourney? Draft, IReadOnlyList<ValidationFinding> Findings)?> CheckDraftAsync(string name,
        CancellationToken cancellationToken = default)
    {
        var latest = await store.GetLatestAsync(name, cancellationToken);
        if (latest is null) return null;
        if (!latest.IsDraft) return (null, []);
        var findings = (await FindingsAsync(latest.Journey, cancellationToken)).ToList();
        // Checks such as journey tests run only on a draft that validation lets through.
        if (findings.All(f => f.Severity != FindingSeverity.Error))
            foreach (var check in _publishChecks)
                findings.AddRange(await check.CheckAsync(latest, cancellationToken));
        return (latest, findings.OrderBy(f => f.Severity).ToList());
    }

    /// <summary>
    /// Makes the draft <paramref name="draftRevision"/> live, unless it is not the current draft or validation (or a
    /// publish check) finds errors; warnings do not stop it (the studio asks first). Recorded in the audit log either way.
    /// </summary>
    public async Task<PublishResult> PublishAsync(string name, int draftRevision, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var checkedDraft = await CheckDraftAsync(name, cancellationToken);
        var auditEvent = actor.Event(AuditActions.JourneyPublish, checkedDraft?.Draft?.Journey.Name ?? name);
        PublishResult result;
        if (checkedDraft is not { } found)
            result = new PublishResult.NotFound();
        else if (found.Draft is not { } draft || draft.Revision != draftRevision)
            result = new PublishResult.NotCurrentDraft(found.Draft?.Revision, found.Draft?.LiveRevision
                ?? (await store.GetAsync(name, cancellationToken))?.Revision);
        else if (found.Findings.Any(f => f.Severity == FindingSeverity.Error))
            result = new PublishResult.Refused(draftRevision, found.Findings);
        else
            result = await store.PublishAsync(name, draftRevision, cancellationToken) switch
            {
                SaveResult.Saved => new PublishResult.Published(draftRevision, found.Findings),
                SaveResult.NoDraft stale => new PublishResult.NotCurrentDraft(stale.DraftRevision, stale.LiveRevision),
                SaveResult.NotFound => new PublishResult.NotFound(),
                var other => throw new InvalidOperationException($"Unexpected publish result {other}."),
            };

        await audit.RecordAsync(result switch
        {
            PublishResult.Published published => auditEvent with
            {
                RevisionBefore = checkedDraft?.Draft?.LiveRevision, RevisionAfter = published.Revision,
                Detail = published.Warnings.Count == 0 ? $"published revision {published.Revision}"
                    : $"published revision {published.Revision} with {Count(published.Warnings.Count, "warning")}",
            },
            PublishResult.Refused refused => auditEvent with
            {
                Succeeded = false, RevisionAfter = null, RevisionBefore = checkedDraft?.Draft?.LiveRevision,
                Detail = $"refused: revision {refused.Revision} has {Count(refused.Errors.Count(), "error")}",
            },
            PublishResult.NotCurrentDraft stale => auditEvent with
            {
                Succeeded = false,
                Detail = stale.DraftRevision is { } current
                    ? $"refused: revision {draftRevision} is not the current draft (revision {current} is)"
                    : $"refused: there is no draft to publish (revision {draftRevision} asked for)",
            },
            _ => auditEvent with { Succeeded = false, Detail = "refused: there is no such journey" },
        }, cancellationToken);
        return result;
    }

    /// <summary>
    /// What changed from revision <paramref name="from"/> to <paramref name="to"/>; by default from the live revision to
    /// the newest one (the draft when there is one).
    /// </summary>
    public async Task<RevisionDiffResult> DiffAsync(string name, int? from = null, int? to = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var latest = await store.GetLatestAsync(name, cancellationToken);
        if (latest is null) return new RevisionDiffResult.NotFound();
        var fromRevision = from ?? latest.LiveRevision;
        var toRevision = to ?? latest.Revision;
        var older = await store.GetRevisionAsync(name, fromRevision, cancellationToken);
        if (older is null) return new RevisionDiffResult.RevisionNotFound(fromRevision);
        var newer = toRevision == latest.Revision ? latest : await store.GetRevisionAsync(name, toRevision, cancellationToken);
        if (newer is null) return new RevisionDiffResult.RevisionNotFound(toRevision);
        return new RevisionDiffResult.Compared(latest.Journey.Name, fromRevision, toRevision, JourneyDiff.Compare(older.Journey, newer.Journey));
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    /// <summary>
    /// Saves an old revision's content as a new <b>draft</b> (see <see cref="JourneyStore.RestoreAsync"/>); it goes live
    /// when it is published.
    /// </summary>
    public async Task<SaveResult> RestoreAsync(string name, int revision, int basedOnRevision, AuditActor actor,
        CancellationToken cancellationToken = default)
    {
        var result = await store.RestoreAsync(name, revision, basedOnRevision, actor.SavedBy, cancellationToken);
        await RecordAsync(actor.Event(AuditActions.JourneyRestore, name), result, basedOnRevision, $"restored revision {revision} as a draft", cancellationToken);
        return result;
    }

    /// <summary>Renames the journey as a new revision (see <see cref="JourneyStore.RenameAsync"/>); the entry's target is the old name.</summary>
    public async Task<SaveResult> RenameAsync(string name, string newName, int basedOnRevision, AuditActor actor,
        CancellationToken cancellationToken = default)
    {
        var result = await store.RenameAsync(name, newName, basedOnRevision, actor.SavedBy, cancellationToken);
        await RecordAsync(actor.Event(AuditActions.JourneyRename, name), result, basedOnRevision, $"renamed to '{newName}'", cancellationToken);
        return result;
    }

    /// <summary>Deletes the journey and its revisions; false when there was no such journey.</summary>
    public async Task<bool> DeleteAsync(string name, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var current = (await store.ListAsync(cancellationToken))
            .FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
        var deleted = await store.DeleteAsync(name, cancellationToken);
        await audit.RecordAsync(actor.Event(AuditActions.JourneyDelete, current?.Name ?? name) with
        {
            Succeeded = deleted,
            RevisionBefore = deleted ? current?.CurrentRevision : null,
            Detail = deleted
                ? $"deleted with its {(current?.CurrentRevision is 1 ? "1 revision" : $"{current?.CurrentRevision} revisions")}"
                : "refused: there is no such journey",
        }, cancellationToken);
        return deleted;
    }

    /// <summary>
    /// Reads a frodo export and checks what an import would refuse (names, repeats, realm defaults) without
    /// saving anything: either journeys and no errors, or every error found.
    /// </summary>
    public (IReadOnlyList<Journey> Journeys, IReadOnlyList<JourneyFormatError> Errors) Parse(string json)
    {
        IReadOnlyList<Journey> journeys;
        try { journeys = FrodoJourneyReader.Read(json, catalog); }
        catch (JourneyFormatException e) { return ([], e.Errors); }

        if (journeys.Count == 0)
            return ([], [new JourneyFormatError("$.trees", "the export contains no journey")]);

        var multi = IsMultiExport(json);
        string NamePath(Journey j) => multi ? $"$.trees['{j.Name.Replace("'", "\\'")}'].tree._id" : "$.tree._id";
        var errors = CheckImport(journeys, NamePath);
        return errors.Count > 0 ? ([], errors) : (journeys, []);
    }

    /// <summary>What an import refuses whatever the source: bad names, a name given twice, two realm defaults.</summary>
    private static IReadOnlyList<JourneyFormatError> CheckImport(IReadOnlyList<Journey> journeys, Func<Journey, string> namePath)
    {
        var errors = new List<JourneyFormatError>();
        foreach (var journey in journeys)
            if (JourneyNameRules.Validate(journey.Name) is { } problem)
                errors.Add(new JourneyFormatError(namePath(journey), problem));
        foreach (var group in journeys.GroupBy(j => j.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            errors.Add(new JourneyFormatError(namePath(group.Last()),
                $"the journey name '{group.Key}' is used more than once (names are unique without regard to letter case)"));
        var defaults = journeys.Where(j => j.Settings.IsRealmDefault).ToList();
        if (defaults.Count > 1)
            errors.Add(new JourneyFormatError(namePath(defaults[1]),
                $"only one journey can be the realm default; {string.Join(", ", defaults.Select(d => $"'{d.Name}'"))} all are"));
        return errors;
    }

    /// <summary>
    /// The journey and, recursively, every inner journey it runs, as one multi-journey export, so that an
    /// import elsewhere is complete. Null when there is no such journey.
    /// </summary>
    public async Task<JourneyExport?> ExportWithDependenciesAsync(string name, CancellationToken cancellationToken = default)
    {
        var root = await store.GetAsync(name, cancellationToken);
        if (root is null) return null;

        var included = new List<Journey> { root.Journey };
        var seen = new HashSet<string>([root.Journey.Name], StringComparer.OrdinalIgnoreCase);
        var missing = new List<string>();
        var pending = new Queue<Journey>([root.Journey]);
        while (pending.TryDequeue(out var journey))
        {
            foreach (var reference in InnerJourneyNames(journey))
            {
                if (!seen.Add(reference)) continue;
                var inner = await store.GetAsync(reference, cancellationToken);
                if (inner is null)
                {
                    missing.Add(reference);
                    continue;
                }
                included.Add(inner.Journey);
                pending.Enqueue(inner.Journey);
            }
        }
        return new JourneyExport(FrodoJourneyWriter.WriteMulti(await WithScriptsAsync(included, cancellationToken), catalog),
            included.Select(j => j.Name).ToList(), missing);
    }

    /// <summary>Every journey as one multi-journey export.</summary>
    public async Task<JourneyExport> ExportAllAsync(CancellationToken cancellationToken = default)
    {
        var summaries = await store.ListAsync(cancellationToken);
        var journeys = (await LoadAllAsync(summaries, cancellationToken)).Values.OrderBy(j => j.Name, StringComparer.OrdinalIgnoreCase).ToList();
        return new JourneyExport(FrodoJourneyWriter.WriteMulti(await WithScriptsAsync(journeys, cancellationToken), catalog),
            journeys.Select(j => j.Name).ToList(), []);
    }

    /// <summary>The journey with a <c>scripts</c> section holding the stored scripts its nodes name, ready to export.</summary>
    public async Task<Journey> WithScriptsAsync(Journey journey, CancellationToken cancellationToken = default) =>
        (await WithScriptsAsync([journey], cancellationToken))[0];

    private async Task<IReadOnlyList<Journey>> WithScriptsAsync(IReadOnlyList<Journey> journeys, CancellationToken cancellationToken)
    {
        var known = await scripts.FindManyAsync(journeys.SelectMany(ScriptReferences.Of), cancellationToken);
        return journeys.Select(journey =>
        {
            var used = ScriptReferences.Of(journey).Where(known.ContainsKey).Select(id => known[id].Script).ToList();
            if (used.Count == 0) return journey;
            var sections = journey.ExtraExportSections.ToImmutableDictionary(StringComparer.Ordinal)
                .SetItem(FrodoScriptSection.SectionName, FrodoScriptSection.Write(used));
            return journey with { ExtraExportSections = sections };
        }).ToList();
    }

    /// <summary>
    /// Takes the <c>scripts</c> sections out of the journeys and reads them; a script given twice must be given the same.
    /// <paramref name="sectionPath"/> says where a journey's section is, for the errors.
    /// </summary>
    private static (IReadOnlyList<Journey> Journeys, IReadOnlyList<ScriptDefinition> Scripts, List<JourneyFormatError> Errors) ExtractScripts(
        IReadOnlyList<Journey> journeys, Func<Journey, string> sectionPath)
    {
        var errors = new List<JourneyFormatError>();
        var byId = new Dictionary<string, ScriptDefinition>(StringComparer.Ordinal);
        var stripped = new List<Journey>();
        foreach (var journey in journeys)
        {
            if (!journey.ExtraExportSections.TryGetValue(FrodoScriptSection.SectionName, out var section))
            {
                stripped.Add(journey);
                continue;
            }
            var path = sectionPath(journey);
            foreach (var script in FrodoScriptSection.Read(section, path, errors))
            {
                if (!byId.TryGetValue(script.Id, out var earlier)) byId[script.Id] = script;
                else if (!earlier.SameContentAs(script))
                    errors.Add(new JourneyFormatError($"{path}['{script.Id}']",
                        $"the script '{script.Id}' ('{script.Name}') is given again with different content; expected one version of each script"));
            }
            stripped.Add(journey with
            {
                ExtraExportSections = journey.ExtraExportSections.ToImmutableDictionary(StringComparer.Ordinal).Remove(FrodoScriptSection.SectionName),
            });
        }
        return (stripped, byId.Values.ToList(), errors);
    }

    /// <summary>
    /// Saves a copy of the journey under a free name ("X copy", "X copy 2", …) with new ids for every node.
    /// The copy is never the realm default. Returns the store's answer and the name it used.
    /// </summary>
    public async Task<(SaveResult Result, string? Name)> DuplicateAsync(string name, AuditActor actor, CancellationToken cancellationToken = default)
    {
        // What the admin sees in the designer: the draft when there is one.
        var stored = await store.GetLatestAsync(name, cancellationToken);
        if (stored is null)
        {
            await RecordAsync(actor.Event(AuditActions.JourneyDuplicate, name), new SaveResult.NotFound(), null, null, cancellationToken);
            return (new SaveResult.NotFound(), null);
        }
        var taken = (await store.ListAsync(cancellationToken)).Select(s => s.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var copyName = FreeCopyName(stored.Journey.Name, taken);
        var copy = Duplicate(stored.Journey, copyName);
        var result = await store.CreateAsync(copy, actor.SavedBy, cancellationToken);
        await RecordAsync(actor.Event(AuditActions.JourneyDuplicate, copyName), result, null,
            $"copy of '{stored.Journey.Name}' revision {stored.Revision}", cancellationToken);
        return (result, copyName);
    }

    /// <summary>Turns the journey on or off for end users, as a new revision based on the current one.</summary>
    public async Task<SaveResult> SetEnabledAsync(string name, bool enabled, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var stored = await store.GetAsync(name, cancellationToken);
        var what = enabled ? "enabled" : "disabled";
        if (stored is null)
        {
            await RecordAsync(actor.Event(AuditActions.JourneySettings, name), new SaveResult.NotFound(), null, what, cancellationToken);
            return new SaveResult.NotFound();
        }
        if (stored.Journey.Settings.Enabled == enabled) return new SaveResult.Saved(stored.Revision); // nothing changed, nothing to record
        var result = await store.SetEnabledAsync(stored.Journey.Name, enabled, actor.SavedBy, cancellationToken);
        await RecordAsync(actor.Event(AuditActions.JourneySettings, stored.Journey.Name), result, stored.Revision, what, cancellationToken);
        return result;
    }

    /// <summary>
    /// A copy of <paramref name="source"/> named <paramref name="newName"/> in which every node (Page children
    /// included) has a new GUID; connections and the entry node follow. Static node ids stay.
    /// </summary>
    public static Journey Duplicate(Journey source, string newName)
    {
        ArgumentNullException.ThrowIfNull(source);
        var ids = source.AllNodes().Select(n => n.Id).Distinct(StringComparer.Ordinal)
            .ToDictionary(id => id, _ => Guid.NewGuid().ToString(), StringComparer.Ordinal);
        string Map(string id) => ids.GetValueOrDefault(id, id);

        JourneyNode Copy(JourneyNode node) => node with
        {
            Id = Map(node.Id),
            Connections = node.Connections.ToImmutableDictionary(c => c.Key, c => Map(c.Value), StringComparer.Ordinal),
            Children = node.Children.Select(Copy).ToImmutableList(),
        };

        // _rev belongs to the source tree's AM history, not to the new journey.
        var extras = source.ExtraTreeFields.Where(f => f.Key != "_rev").ToImmutableDictionary(StringComparer.Ordinal);
        return source with
        {
            Name = newName,
            EntryNodeId = Map(source.EntryNodeId),
            Nodes = source.Nodes.Select(Copy).ToImmutableList(),
            Settings = source.Settings with { IsRealmDefault = false },
            ExtraTreeFields = extras,
        };
    }

    /// <summary>"X copy", else "X copy 2", "X copy 3", …: the first one not in <paramref name="taken"/>, within the name length limit.</summary>
    public static string FreeCopyName(string name, IReadOnlySet<string> taken)
    {
        for (var n = 1; ; n++)
        {
            var suffix = n == 1 ? " copy" : $" copy {n}";
            var stem = name.Length + suffix.Length > JourneyNameRules.MaxLength
                ? name[..(JourneyNameRules.MaxLength - suffix.Length)].TrimEnd()
                : name;
            var candidate = stem + suffix;
            if (!taken.Contains(candidate)) return candidate;
        }
    }

    /// <summary>The journeys the Inner Tree Evaluators of <paramref name="journey"/> run, page children included.</summary>
    public static IEnumerable<string> InnerJourneyNames(Journey journey) =>
        journey.AllNodes()
            .Select(InnerTreeEvaluatorDescriptor.TreeOf)
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>Records a journey write: the new revision when it was saved, otherwise why it was refused.</summary>
    private Task RecordAsync(AuditEvent auditEvent, SaveResult result, int? revisionBefore, string? detail, CancellationToken cancellationToken) =>
        audit.RecordAsync(result is SaveResult.Saved saved
            ? auditEvent with { RevisionBefore = revisionBefore, RevisionAfter = saved.Revision, Detail = detail }
            : auditEvent with { Succeeded = false, RevisionBefore = revisionBefore, Detail = $"refused: {Refusal(result)}" }, cancellationToken);

    private static string Refusal(SaveResult result) => result switch
    {
        SaveResult.Conflict conflict => $"the journey was changed meanwhile (it is at revision {conflict.CurrentRevision})",
        SaveResult.NotFound => "there is no such journey",
        SaveResult.RevisionNotFound missing => $"there is no revision {missing.Revision}",
        SaveResult.NameTaken taken => $"the name is taken by '{taken.ExistingName}'",
        SaveResult.InvalidName => "the name is not valid",
        SaveResult.NoDraft => "there is no such draft",
        _ => result.GetType().Name,
    };

    private async Task<Dictionary<string, Journey>> LoadAllAsync(IEnumerable<JourneySummary> summaries, CancellationToken cancellationToken)
    {
        var journeys = new Dictionary<string, Journey>(StringComparer.OrdinalIgnoreCase);
        foreach (var summary in summaries)
            if (await store.GetAsync(summary.Name, cancellationToken) is { } stored)
                journeys[summary.Name] = stored.Journey;
        return journeys;
    }

    private static bool IsMultiExport(string json)
    {
        if (!StrictJson.TryParse(json, out var document, out _)) return false;
        using (document)
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("trees", out _);
    }
}
