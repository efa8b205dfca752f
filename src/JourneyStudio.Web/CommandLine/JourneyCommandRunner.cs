using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Frodo;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Validation;
using JourneyStudio.Runtime.Administration;
using JourneyStudio.Runtime.Audit;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.JourneyTests;
using JourneyStudio.Runtime.Persistence;
using Microsoft.Extensions.Options;

namespace JourneyStudio.Web.CommandLine;

/// <summary>Runs a <see cref="JourneyCommand"/> against the studio's services. Returns the process exit code.</summary>
public sealed class JourneyCommandRunner(IServiceProvider services, TextWriter output, TextWriter error)
{
    public async Task<int> RunAsync(JourneyCommand command, CancellationToken cancellationToken = default) => command.Verb switch
    {
        "validate" => await ValidateAsync(command.Arguments, cancellationToken),
        "import" => await ImportAsync(command.Arguments, cancellationToken),
        "export" => await ExportAsync(command.Arguments, command.OutputDirectory!, cancellationToken),
        "test" => await TestAsync(command.Arguments, cancellationToken),
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
        if (!ok)
        {
            await error.WriteLineAsync("Nothing was imported.");
            return 1;
        }

        await StudioStartupForCommandLine(cancellationToken);
        // The same all-or-nothing import as the admin API and the studio, recorded in the audit log as this OS account.
        var admin = services.GetRequiredService<JourneyAdminService>();
        var fileOf = loaded.ToDictionary<(string File, Journey Journey), Journey, string>(l => l.Journey, l => l.File, ReferenceEqualityComparer.Instance);
        var note = files.Count == 1 ? $"Imported from {Path.GetFileName(files[0])}" : $"Imported from {files.Count} files";
        var result = await admin.ImportAsync(loaded.Select(l => l.Journey).ToList(), AuditActor.CommandLine(Environment.UserName), note,
            journey => $"{fileOf[journey]}: $.tree._id", cancellationToken);
        switch (result)
        {
            case JourneyImportResult.Imported imported:
                foreach (var ((file, _), journey) in loaded.Zip(imported.Journeys))
                    await output.WriteLineAsync($"{file}: journey '{journey.Name}' imported as revision {journey.Revision}.");
                return 0;
            case JourneyImportResult.Rejected rejected:
                foreach (var problem in rejected.Errors)
                    await error.WriteLineAsync($"{problem.Path}: {problem.Message}");
                await error.WriteLineAsync("Nothing was imported.");
                return 1;
            default:
                throw new InvalidOperationException($"Unexpected import result {result}.");
        }
    }

    private async Task<int> ExportAsync(IReadOnlyList<string> names, string directory, CancellationToken cancellationToken)
    {
        var store = await OpenExistingStoreAsync(cancellationToken);
        if (store is null)
        {
            await error.WriteLineAsync($"There is no studio database at {DatabaseDescription}: nothing to export.");
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
            await File.WriteAllTextAsync(path, FrodoJourneyWriter.WriteSingle(await services.GetRequiredService<JourneyAdminService>().WithScriptsAsync(stored.Journey, cancellationToken)), cancellationToken);
            await output.WriteLineAsync($"{name}: revision {stored.Revision} written to {path}");
        }
        return ok ? 0 : 1;
    }

    /// <summary>
    /// Runs the scenarios of each argument: an existing file is an export (its journeys run with each other as inner
    /// journeys, then the database's live ones), anything else names a journey in the database (its newest revision).
    /// </summary>
    private async Task<int> TestAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var runner = services.GetRequiredService<JourneyTestRunner>();
        var files = arguments.Where(File.Exists).ToList();
        var (loaded, ok) = await ReadFilesAsync(files, cancellationToken);
        var store = await OpenExistingStoreAsync(cancellationToken);
        var fromFiles = loaded.Select(l => l.Journey).ToList();
        async ValueTask<ResolvedJourney?> OtherJourneyAsync(string name, CancellationToken ct)
        {
            if (fromFiles.FirstOrDefault(j => string.Equals(j.Name, name, StringComparison.Ordinal)) is { } inFile) return new ResolvedJourney(inFile, 1);
            return store is not null && await store.GetAsync(name, ct) is { } live ? new ResolvedJourney(live.Journey, live.Revision) : null;
        }

        var toRun = loaded.Select(l => (Label: l.File, Journey: new ResolvedJourney(l.Journey, 1))).ToList();
        foreach (var name in arguments.Where(a => !File.Exists(a)))
        {
            if (store is null)
            {
                await error.WriteLineAsync($"{name}: not a file, and there is no studio database at {DatabaseDescription} to find a journey of that name in.");
                ok = false;
                continue;
            }
            if (await store.GetLatestAsync(name, cancellationToken) is not { } stored)
            {
                await error.WriteLineAsync($"{name}: no journey of that name exists (and no file of that name either).");
                ok = false;
                continue;
            }
            toRun.Add(($"revision {stored.Revision}{(stored.IsDraft ? " (draft)" : "")}", new ResolvedJourney(stored.Journey, stored.Revision)));
        }

        foreach (var (label, journey) in toRun)
        {
            var run = await runner.RunAsync(journey, OtherJourneyAsync, cancellationToken);
            var prefix = $"journey '{journey.Journey.Name}' ({label})";
            foreach (var problem in run.Problems)
                await error.WriteLineAsync($"{prefix}: the tests cannot be read: {problem}");
            foreach (var scenario in run.Scenarios)
            {
                var path = string.Join(" > ", scenario.Path.Select(p => $"{NodeLabel(journey.Journey, p.NodeId)} [{p.Outcome}]"));
                if (scenario.Passed)
                    await output.WriteLineAsync($"{prefix}: PASS \"{scenario.Name}\" ({scenario.Steps} steps, {scenario.End})");
                else
                {
                    await error.WriteLineAsync($"{prefix}: FAIL \"{scenario.Name}\": {scenario.Reason}");
                    if (path.Length > 0) await error.WriteLineAsync($"    path: {path}");
                }
            }
            var passed = run.Scenarios.Count(s => s.Passed);
            await output.WriteLineAsync(run.Scenarios.Count == 0 && run.Problems.Count == 0
                ? $"{prefix}: no test scenarios"
                : $"{prefix}: {passed} of {run.Scenarios.Count} scenarios passed");
            ok &= run.Passed;
        }
        return ok ? 0 : 1;
    }

    private static string NodeLabel(Journey journey, string nodeId) => nodeId switch
    {
        StaticNodeIds.Success => "Success",
        StaticNodeIds.Failure => "Failure",
        _ => journey.FindNode(nodeId) is { DisplayName.Length: > 0 } node ? node.DisplayName : nodeId,
    };

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

    private string DatabaseDescription => JourneyStudioDatabase.Describe(services.GetRequiredService<IOptions<JourneyStudioDataOptions>>().Value);

    // Reading commands never create a database where there was none.
    private async Task<JourneyStore?> OpenExistingStoreAsync(CancellationToken cancellationToken)
    {
        if (!await JourneyStudioDatabase.ExistsAsync(services, cancellationToken)) return null;
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
}
