using System.Text.Json;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Scripts;
using JourneyStudio.Runtime.Audit;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Scripts;

namespace JourneyStudio.Runtime.Administration;

/// <summary>A node that names a script: the journey it is in and its display name.</summary>
public sealed record ScriptUse(string JourneyName, string NodeId, string NodeDisplayName);

/// <summary>One row of the script list: the script and the nodes that name it.</summary>
public sealed record ScriptOverview(StoredScript Stored, IReadOnlyList<ScriptUse> UsedBy);

/// <summary>The outcome of creating, saving or restoring a script.</summary>
public abstract record ScriptSaveResult
{
    private ScriptSaveResult() { }

    /// <summary>A new revision was written (<see cref="RevisionBefore"/> null for a new script).</summary>
    public sealed record Saved(StoredScript Script, int? RevisionBefore) : ScriptSaveResult;

    /// <summary>The content equals the current revision; no revision was added.</summary>
    public sealed record Unchanged(StoredScript Script) : ScriptSaveResult;

    /// <summary>The JavaScript does not parse; nothing was saved. Line and column are 1-based.</summary>
    public sealed record SyntaxError(int Line, int Column, string Message) : ScriptSaveResult;

    /// <summary>The script has a newer revision than the one the edit started from; nothing was saved.</summary>
    public sealed record Stale(int CurrentRevision, string SavedBy, DateTimeOffset SavedAt) : ScriptSaveResult;

    /// <summary>A field is not acceptable (empty or taken name, unknown evaluator version…); nothing was saved.</summary>
    public sealed record Invalid(string Field, string Message) : ScriptSaveResult;

    public sealed record NotFound : ScriptSaveResult;
}

/// <summary>The outcome of deleting a script.</summary>
public abstract record ScriptDeleteResult
{
    private ScriptDeleteResult() { }

    public sealed record Deleted : ScriptDeleteResult;

    /// <summary>Journeys name the script; it was kept.</summary>
    public sealed record InUse(IReadOnlyList<ScriptUse> UsedBy) : ScriptDeleteResult;

    public sealed record NotFound : ScriptDeleteResult;
}

/// <summary>
/// What the studio's Scripts page does with scripts: list them with the nodes that name them, create one from a template,
/// save an edit as a new revision (JavaScript only when it parses; Groovy is kept but cannot run here), restore an old
/// revision, delete an unused script. Every write is recorded in the audit log with the caller's <see cref="AuditActor"/>.
/// </summary>
public sealed class ScriptAdminService(ScriptStore scripts, JourneyStore journeys, ScriptCompiler compiler, IAuditLog audit)
{
    public const int MaxNameLength = 200;

    /// <summary>Every script, by name, with the journey nodes that name it.</summary>
    public async Task<IReadOnlyList<ScriptOverview>> ListAsync(CancellationToken cancellationToken = default)
    {
        var uses = await FindUsesAsync(cancellationToken);
        return (await scripts.ListAsync(cancellationToken))
            .Select(s => new ScriptOverview(s, uses.TryGetValue(s.Script.Id, out var used) ? used : []))
            .ToList();
    }

    /// <summary>One script with its uses; null when there is no such script.</summary>
    public async Task<ScriptOverview?> GetAsync(string scriptId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scriptId);
        var stored = await scripts.FindAsync(scriptId, cancellationToken);
        if (stored is null) return null;
        var uses = await FindUsesAsync(cancellationToken);
        return new ScriptOverview(stored, uses.TryGetValue(scriptId, out var used) ? used : []);
    }

    public Task<IReadOnlyList<(int Revision, DateTimeOffset SavedAt, string SavedBy)>?> ListRevisionsAsync(string scriptId,
        CancellationToken cancellationToken = default) => scripts.ListRevisionsAsync(scriptId, cancellationToken);

    public Task<ScriptDefinition?> GetRevisionAsync(string scriptId, int revision, CancellationToken cancellationToken = default) =>
        scripts.GetRevisionAsync(scriptId, revision, cancellationToken);

    /// <summary>The starting text of a new script for the evaluator version: what each API's script sets to leave the node.</summary>
    public static string Template(string evaluatorVersion) => evaluatorVersion == ScriptDefinition.NextGenerationEvaluator
        ? """
          /*
           * Scripted Decision (next-generation API, 2.0).
           * Leave the node with action.goTo("outcome"); the outcome must be one of the node's outcomes.
           */
          var username = nodeState.get("username");
          if (username) {
              logger.info("Scripted decision for " + username);
              action.goTo("true");
          } else {
              action.goTo("false");
          }

          """
        : """
          /*
           * Scripted Decision (legacy API, 1.0).
           * Set outcome to one of the node's outcomes.
           */
          var username = nodeState.get("username");
          if (username.isNull()) {
              outcome = "false";
          } else {
              logger.message("Scripted decision for " + username.asString());
              outcome = "true";
          }

          """;

    /// <summary>Creates a JavaScript Scripted Decision script named <paramref name="name"/>, starting from <see cref="Template"/>.</summary>
    public async Task<ScriptSaveResult> CreateAsync(string name, string evaluatorVersion, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var trimmed = name?.Trim() ?? "";
        var problem = NameProblem(trimmed)
            ?? (ScriptDefinition.EvaluatorVersions.Contains(evaluatorVersion) ? null
                : new ScriptSaveResult.Invalid("evaluatorVersion", $"The evaluator version must be {string.Join(" or ", ScriptDefinition.EvaluatorVersions)}."));
        if (problem is not null) return await RefusedAsync(actor, trimmed, problem, cancellationToken);
        var script = new ScriptDefinition
        {
            Id = Guid.NewGuid().ToString(),
            Name = trimmed,
            Language = ScriptDefinition.JavaScript,
            Context = ScriptDefinition.DecisionNodeContext,
            EvaluatorVersion = evaluatorVersion,
            Source = Template(evaluatorVersion),
        };
        var write = await scripts.CreateAsync(script, actor.SavedBy, cancellationToken);
        return await RecordAsync(actor, script, write, "created", cancellationToken);
    }

    /// <summary>
    /// Saves <paramref name="source"/> as the next revision of the script, on top of <paramref name="basedOnRevision"/>
    /// (the revision the editor opened). JavaScript that does not parse is refused with its line and column.
    /// </summary>
    public async Task<ScriptSaveResult> SaveAsync(string scriptId, string source, int basedOnRevision, AuditActor actor,
        CancellationToken cancellationToken = default) =>
        await SaveSourceAsync(scriptId, source, basedOnRevision, actor, null, cancellationToken);

    /// <summary>Saves the text of an old revision as a new revision (the history stays as it was).</summary>
    public async Task<ScriptSaveResult> RestoreAsync(string scriptId, int revision, int basedOnRevision, AuditActor actor,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var old = await scripts.GetRevisionAsync(scriptId, revision, cancellationToken);
        if (old is null)
        {
            await audit.RecordAsync(actor.Event(AuditActions.ScriptRestore, scriptId) with
            {
                Succeeded = false, Detail = $"script {scriptId} has no revision {revision}",
            }, cancellationToken);
            return new ScriptSaveResult.NotFound();
        }
        return await SaveSourceAsync(scriptId, old.Source, basedOnRevision, actor, revision, cancellationToken);
    }

    /// <summary>Deletes the script, unless a journey (live or draft) names it.</summary>
    public async Task<ScriptDeleteResult> DeleteAsync(string scriptId, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var current = await GetAsync(scriptId, cancellationToken);
        if (current is null) return new ScriptDeleteResult.NotFound();
        var name = current.Stored.Script.Name;
        if (current.UsedBy.Count > 0)
        {
            await audit.RecordAsync(actor.Event(AuditActions.ScriptDelete, name) with
            {
                Succeeded = false,
                Detail = $"script {scriptId} is used by {string.Join(", ", current.UsedBy.Select(u => u.JourneyName).Distinct(StringComparer.OrdinalIgnoreCase))}; kept",
            }, cancellationToken);
            return new ScriptDeleteResult.InUse(current.UsedBy);
        }
        if (!await scripts.DeleteAsync(scriptId, cancellationToken)) return new ScriptDeleteResult.NotFound();
        await audit.RecordAsync(actor.Event(AuditActions.ScriptDelete, name) with
        {
            RevisionBefore = current.Stored.Revision, Detail = $"script {scriptId} deleted",
        }, cancellationToken);
        return new ScriptDeleteResult.Deleted();
    }

    private async Task<ScriptSaveResult> SaveSourceAsync(string scriptId, string source, int basedOnRevision, AuditActor actor,
        int? restoredRevision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scriptId);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(actor);
        var action = restoredRevision is null ? AuditActions.ScriptSave : AuditActions.ScriptRestore;
        var stored = await scripts.FindAsync(scriptId, cancellationToken);
        if (stored is null)
        {
            await audit.RecordAsync(actor.Event(action, scriptId) with { Succeeded = false, Detail = $"no script {scriptId}" }, cancellationToken);
            return new ScriptSaveResult.NotFound();
        }
        var script = stored.Script with { Source = source };
        // Groovy is kept as it is: it cannot run here, so there is nothing to compile it with.
        if (script.IsJavaScript && compiler.Compile(source, script.Name) is { Succeeded: false } failed)
        {
            await audit.RecordAsync(actor.Event(action, script.Name) with
            {
                Succeeded = false, RevisionBefore = basedOnRevision,
                Detail = $"script {scriptId} refused: not valid JavaScript at line {failed.ErrorLine}, column {failed.ErrorColumn}; nothing saved",
            }, cancellationToken);
            return new ScriptSaveResult.SyntaxError(failed.ErrorLine ?? 1, failed.ErrorColumn ?? 1, failed.Error ?? "syntax error");
        }
        var write = await scripts.SaveRevisionAsync(script, basedOnRevision, actor.SavedBy, cancellationToken);
        var how = restoredRevision is null ? "new revision from the studio" : $"restored from revision {restoredRevision}";
        return await RecordAsync(actor, script, write, how, cancellationToken, action);
    }

    private async Task<ScriptSaveResult> RecordAsync(AuditActor actor, ScriptDefinition script, ScriptStoreWrite write, string how,
        CancellationToken cancellationToken, string action = AuditActions.ScriptSave)
    {
        ScriptSaveResult result = write switch
        {
            ScriptStoreWrite.Written written => new ScriptSaveResult.Saved(written.Script, written.RevisionBefore),
            ScriptStoreWrite.Unchanged unchanged => new ScriptSaveResult.Unchanged(unchanged.Script),
            ScriptStoreWrite.Stale stale => new ScriptSaveResult.Stale(stale.CurrentRevision, stale.SavedBy, stale.SavedAt),
            ScriptStoreWrite.NameTaken => new ScriptSaveResult.Invalid("name", $"A script named '{script.Name}' already exists (names are compared without regard to letter case)."),
            _ => new ScriptSaveResult.NotFound(),
        };
        switch (result)
        {
            case ScriptSaveResult.Saved saved:
                await audit.RecordAsync(actor.Event(action, script.Name) with
                {
                    RevisionBefore = saved.RevisionBefore, RevisionAfter = saved.Script.Revision, Detail = $"script {script.Id}: {how}",
                }, cancellationToken);
                break;
            case ScriptSaveResult.Stale stale:
                await audit.RecordAsync(actor.Event(action, script.Name) with
                {
                    Succeeded = false, RevisionAfter = stale.CurrentRevision,
                    Detail = $"script {script.Id} refused: it has a newer revision {stale.CurrentRevision}; nothing saved",
                }, cancellationToken);
                break;
            case ScriptSaveResult.Invalid invalid:
                await audit.RecordAsync(actor.Event(action, script.Name) with { Succeeded = false, Detail = $"refused: {invalid.Message}" }, cancellationToken);
                break;
        }
        return result;
    }

    private async Task<ScriptSaveResult> RefusedAsync(AuditActor actor, string name, ScriptSaveResult.Invalid problem, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(actor.Event(AuditActions.ScriptSave, name.Length == 0 ? null : name) with
        {
            Succeeded = false, Detail = $"refused: {problem.Message}",
        }, cancellationToken);
        return problem;
    }

    private static ScriptSaveResult.Invalid? NameProblem(string name)
    {
        if (name.Length == 0) return new ScriptSaveResult.Invalid("name", "Give the script a name.");
        if (name.Length > MaxNameLength) return new ScriptSaveResult.Invalid("name", $"A script name has at most {MaxNameLength} characters.");
        if (name.Any(char.IsControl) || name.Any(char.IsSurrogate) && !IsWellFormed(name))
            return new ScriptSaveResult.Invalid("name", "A script name cannot hold control characters or broken Unicode.");
        return null;
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(text[i])) return false;
        }
        return true;
    }

    /// <summary>
    /// Which nodes name which script, over every journey's live and newest (draft) revision: a script a draft starts to use,
    /// or the live revision still uses, is in use either way.
    /// </summary>
    private async Task<Dictionary<string, List<ScriptUse>>> FindUsesAsync(CancellationToken cancellationToken)
    {
        var uses = new Dictionary<string, List<ScriptUse>>(StringComparer.Ordinal);
        foreach (var summary in await journeys.ListAsync(cancellationToken))
        {
            var revisions = new List<Journey>();
            if (await journeys.GetAsync(summary.Name, cancellationToken) is { } live) revisions.Add(live.Journey);
            if (summary.DraftRevision is not null && await journeys.GetLatestAsync(summary.Name, cancellationToken) is { } draft)
                revisions.Add(draft.Journey);
            var seen = new HashSet<(string, string)>();
            foreach (var node in revisions.SelectMany(j => j.AllNodes()))
            {
                if (node.Config.Get(ScriptReferences.ScriptProperty) is not { ValueKind: JsonValueKind.String } value) continue;
                var id = value.GetString()!;
                if (id.Length == 0 || !seen.Add((id, node.Id))) continue;
                if (!uses.TryGetValue(id, out var list)) uses[id] = list = [];
                list.Add(new ScriptUse(summary.Name, node.Id, node.DisplayName));
            }
        }
        return uses;
    }
}
