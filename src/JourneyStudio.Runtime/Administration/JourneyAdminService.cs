using System.Collections.Immutable;
using System.Text.Json;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Frodo;
using JourneyStudio.Journeys.Json;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Validation;
using JourneyStudio.Runtime.Persistence;

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
/// What the admin API and the studio pages both do with whole journeys: list with validation state, import
/// all-or-nothing, export with the inner journeys a journey depends on, duplicate with fresh node ids.
/// UI-free, so that each front end stays a thin translation to HTTP or to components.
/// </summary>
public sealed class JourneyAdminService(JourneyStore store, NodeCatalog catalog)
{
    /// <summary>Config property of the Inner Tree Evaluator that names the journey it runs.</summary>
    public const string InnerTreeProperty = "tree";

    public async Task<IReadOnlyList<JourneyOverview>> ListAsync(CancellationToken cancellationToken = default)
    {
        var summaries = await store.ListAsync(cancellationToken);
        var journeys = await LoadAllAsync(summaries, cancellationToken);
        return summaries.Select(summary =>
        {
            if (!journeys.TryGetValue(summary.Name, out var journey)) return new JourneyOverview(summary, 0, 0);
            var findings = JourneyValidator.Validate(journey, catalog, name => journeys.GetValueOrDefault(name));
            return new JourneyOverview(summary,
                findings.Count(f => f.Severity == FindingSeverity.Error),
                findings.Count(f => f.Severity == FindingSeverity.Warning));
        }).ToList();
    }

    /// <summary>The findings of the journey's current revision; null when there is no such journey.</summary>
    public async Task<JourneyValidationReport?> ValidateAsync(string name, CancellationToken cancellationToken = default)
    {
        var stored = await store.GetAsync(name, cancellationToken);
        if (stored is null) return null;
        var others = new Dictionary<string, Journey?>(StringComparer.OrdinalIgnoreCase);
        // The validator asks synchronously; inner journeys are few, so each is loaded once on demand.
        var findings = JourneyValidator.Validate(stored.Journey, catalog, other =>
        {
            if (!others.TryGetValue(other, out var found))
                others[other] = found = store.GetAsync(other, cancellationToken).GetAwaiter().GetResult()?.Journey;
            return found;
        });
        return new JourneyValidationReport(stored.Journey.Name, stored.Revision, findings);
    }

    /// <summary>
    /// Reads a frodo single- or multi-journey export and saves every journey in it, or none: any format
    /// error, bad name, repeated name or second realm default rejects the whole file. Existing journeys get a
    /// new revision.
    /// </summary>
    public async Task<JourneyImportResult> ImportAsync(string json, string savedBy, CancellationToken cancellationToken = default)
    {
        var (journeys, errors) = Parse(json);
        if (errors.Count > 0) return new JourneyImportResult.Rejected(errors);
        var saved = await store.ImportAsync(journeys, savedBy, "Imported", cancellationToken);
        return new JourneyImportResult.Imported(saved);
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
        var errors = new List<JourneyFormatError>();
        foreach (var journey in journeys)
            if (JourneyNameRules.Validate(journey.Name) is { } problem)
                errors.Add(new JourneyFormatError(NamePath(journey), problem));
        foreach (var group in journeys.GroupBy(j => j.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            errors.Add(new JourneyFormatError(NamePath(group.Last()),
                $"the journey name '{group.Key}' is used more than once (names are unique without regard to letter case)"));
        var defaults = journeys.Where(j => j.Settings.IsRealmDefault).ToList();
        if (defaults.Count > 1)
            errors.Add(new JourneyFormatError(NamePath(defaults[1]),
                $"only one journey can be the realm default; {string.Join(", ", defaults.Select(d => $"'{d.Name}'"))} all are"));
        return errors.Count > 0 ? ([], errors) : (journeys, []);
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
        return new JourneyExport(FrodoJourneyWriter.WriteMulti(included, catalog), included.Select(j => j.Name).ToList(), missing);
    }

    /// <summary>Every journey as one multi-journey export.</summary>
    public async Task<JourneyExport> ExportAllAsync(CancellationToken cancellationToken = default)
    {
        var summaries = await store.ListAsync(cancellationToken);
        var journeys = (await LoadAllAsync(summaries, cancellationToken)).Values.OrderBy(j => j.Name, StringComparer.OrdinalIgnoreCase).ToList();
        return new JourneyExport(FrodoJourneyWriter.WriteMulti(journeys, catalog), journeys.Select(j => j.Name).ToList(), []);
    }

    /// <summary>
    /// Saves a copy of the journey under a free name ("X copy", "X copy 2", …) with new ids for every node.
    /// The copy is never the realm default. Returns the store's answer and the name it used.
    /// </summary>
    public async Task<(SaveResult Result, string? Name)> DuplicateAsync(string name, string savedBy, CancellationToken cancellationToken = default)
    {
        var stored = await store.GetAsync(name, cancellationToken);
        if (stored is null) return (new SaveResult.NotFound(), null);
        var taken = (await store.ListAsync(cancellationToken)).Select(s => s.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var copyName = FreeCopyName(stored.Journey.Name, taken);
        var copy = Duplicate(stored.Journey, copyName);
        return (await store.CreateAsync(copy, savedBy, cancellationToken), copyName);
    }

    /// <summary>Turns the journey on or off for end users, as a new revision based on the current one.</summary>
    public async Task<SaveResult> SetEnabledAsync(string name, bool enabled, string savedBy, CancellationToken cancellationToken = default)
    {
        var stored = await store.GetAsync(name, cancellationToken);
        if (stored is null) return new SaveResult.NotFound();
        if (stored.Journey.Settings.Enabled == enabled) return new SaveResult.Saved(stored.Revision);
        var changed = stored.Journey with { Settings = stored.Journey.Settings with { Enabled = enabled } };
        return await store.SaveAsync(changed, stored.Revision, savedBy, enabled ? "Enabled" : "Disabled", cancellationToken);
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
            .Where(n => n.NodeType == NodeCatalog.InnerTreeNodeType)
            .Select(n => n.Config.GetString(InnerTreeProperty))
            .Where(name => !string.IsNullOrWhiteSpace(name))
            .Select(name => name!)
            .Distinct(StringComparer.OrdinalIgnoreCase);

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
