using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Frodo;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Validation;
using JourneyStudio.Runtime.Persistence;
using Microsoft.Extensions.Options;

namespace JourneyStudio.Web.CommandLine;

/// <summary>Runs a <see cref="JourneyCommand"/> against the studio's services. Returns the process exit code.</summary>
public sealed class JourneyCommandRunner(IServiceProvider services, TextWriter output, TextWriter error)
{
    private const string SavedBy = "command line";

    public async Task<int> RunAsync(JourneyCommand command, CancellationToken cancellationToken = default) => command.Verb switch
    {
        "validate" => await ValidateAsync(command.Arguments, cancellationToken),
        "import" => await ImportAsync(command.Arguments, cancellationToken),
        "export" => await ExportAsync(command.Arguments, command.OutputDirectory!, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };

    private async Task<int> ValidateAsync(IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var (loaded, ok) = await ReadFilesAsync(files, cancellationToken);
        var store = await OpenExistingStoreAsync(cancellationToken);
        foreach (var (file, journey) in loaded)
        {
            var others = loaded.Select(l => l.Journey).ToList();
            var findings = JourneyValidator.Validate(journey, NodeCatalog.Default, name =>
                others.FirstOrDefault(j => string.Equals(j.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? (store is null ? null : store.GetAsync(name, cancellationToken).GetAwaiter().GetResult()?.Journey));
            foreach (var f in findings)
            {
                var writer = f.Severity == FindingSeverity.Error ? error : output;
                await writer.WriteLineAsync($"{file}: journey '{journey.Name}'{Place(journey, f)}: {f.Severity.ToString().ToLowerInvariant()} {f.Code}: {f.Message}");
            }
            var errors = findings.Count(f => f.Severity == FindingSeverity.Error);
            ok &= errors == 0;
            await output.WriteLineAsync($"{file}: journey '{journey.Name}': {(errors == 0 ? "valid" : "INVALID")} ({errors} errors, {findings.Count - errors} warnings)");
        }
        return ok ? 0 : 1;
    }

    private async Task<int> ImportAsync(IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var (loaded, ok) = await ReadFilesAsync(files, cancellationToken);
        foreach (var duplicate in loaded.GroupBy(l => l.Journey.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            await error.WriteLineAsync($"{string.Join(", ", duplicate.Select(d => d.File).Distinct())}: journey '{duplicate.Key}' is given more than once.");
            ok = false;
        }
        foreach (var (file, journey) in loaded)
            if (JourneyNameRules.Validate(journey.Name) is { } problem)
            {
                await error.WriteLineAsync($"{file}: $.tree._id: {problem}");
                ok = false;
            }
        if (!ok)
        {
            await error.WriteLineAsync("Nothing was imported.");
            return 1;
        }

        await StudioStartupForCommandLine(cancellationToken);
        var store = services.GetRequiredService<JourneyStore>();
        var failed = false;
        foreach (var (file, journey) in loaded)
        {
            var existing = await store.GetAsync(journey.Name, cancellationToken);
            var result = existing is null
                ? await store.CreateAsync(journey, SavedBy, cancellationToken)
                : await store.SaveAsync(journey, existing.Revision, SavedBy, $"Imported from {Path.GetFileName(file)}", cancellationToken);
            if (result is SaveResult.Saved saved)
                await output.WriteLineAsync($"{file}: journey '{journey.Name}' imported as revision {saved.Revision}.");
            else
            {
                failed = true;
                await error.WriteLineAsync($"{file}: journey '{journey.Name}' was not imported: {Describe(result)}");
            }
        }
        return failed ? 1 : 0;
    }

    private async Task<int> ExportAsync(IReadOnlyList<string> names, string directory, CancellationToken cancellationToken)
    {
        var store = await OpenExistingStoreAsync(cancellationToken);
        if (store is null)
        {
            await error.WriteLineAsync($"There is no studio database at {DatabasePath}: nothing to export.");
            return 1;
        }
        Directory.CreateDirectory(directory);
        var ok = true;
        foreach (var name in names)
        {
            var stored = await store.GetAsync(name, cancellationToken);
            if (stored is null)
            {
                await error.WriteLineAsync($"{name}: no journey of that name exists.");
                ok = false;
                continue;
            }
            var path = Path.Combine(directory, $"{stored.Journey.Name}.journey.json");
            await File.WriteAllTextAsync(path, FrodoJourneyWriter.WriteSingle(stored.Journey), cancellationToken);
            await output.WriteLineAsync($"{name}: revision {stored.Revision} written to {path}");
        }
        return ok ? 0 : 1;
    }

    private async Task<(List<(string File, Journey Journey)> Loaded, bool Ok)> ReadFilesAsync(IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var loaded = new List<(string, Journey)>();
        var ok = true;
        foreach (var file in files)
        {
            string text;
            try { text = await File.ReadAllTextAsync(file, cancellationToken); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                await error.WriteLineAsync($"{file}: cannot be read: {e.Message}");
                ok = false;
                continue;
            }
            try { loaded.AddRange(FrodoJourneyReader.Read(text).Select(j => (file, j))); }
            catch (JourneyFormatException e)
            {
                foreach (var problem in e.Errors)
                    await error.WriteLineAsync($"{file}: {problem.Path}{LineInfo(problem)}: {problem.Message}");
                ok = false;
            }
        }
        return (loaded, ok);
    }

    private string DatabasePath => services.GetRequiredService<IOptions<JourneyStudioDataOptions>>().Value.DatabasePath;

    // Reading commands never create a database where there was none.
    private async Task<JourneyStore?> OpenExistingStoreAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(DatabasePath)) return null;
        await JourneyStudioDatabase.InitializeAsync(services, cancellationToken);
        return services.GetRequiredService<JourneyStore>();
    }

    private async Task StudioStartupForCommandLine(CancellationToken cancellationToken)
    {
        var startup = await StudioStartup.InitializeAsync(services, cancellationToken);
        if (startup.GeneratedAdminPassword is { } password)
            await error.WriteLineAsync($"First admin created: {startup.AdminUsername} with the password {password} (shown only this once).");
    }

    private static string Place(Journey journey, ValidationFinding finding)
    {
        if (finding.NodeId is null) return "";
        var node = journey.FindNode(finding.NodeId);
        var label = node is null ? finding.NodeId : $"{finding.NodeId} ('{node.DisplayName}')";
        return finding.Outcome is null ? $", node {label}" : $", node {label}, outcome {finding.Outcome}";
    }

    private static string LineInfo(JourneyFormatError problem) =>
        problem.Line is { } line ? $" (line {line}, position {problem.BytePositionInLine})" : "";

    private static string Describe(SaveResult result) => result switch
    {
        SaveResult.Conflict c => $"it was changed meanwhile (now at revision {c.CurrentRevision}); run the import again.",
        SaveResult.InvalidName n => n.Message,
        SaveResult.NameTaken t => $"the name is taken by '{t.ExistingName}'.",
        _ => result.ToString(),
    };
}
