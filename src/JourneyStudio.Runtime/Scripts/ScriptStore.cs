using JourneyStudio.Journeys.Frodo;
using JourneyStudio.Journeys.Scripts;
using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JourneyStudio.Runtime.Scripts;

/// <summary>A script's current content and revision.</summary>
public sealed record StoredScript(ScriptDefinition Script, int Revision, DateTimeOffset UpdatedAt);

/// <summary>A script named in an import that cannot be saved as it is.</summary>
public sealed record ScriptImportConflict(string ScriptId, string Message);

/// <summary>A script an import or save created (<see cref="RevisionBefore"/> null) or gave a new revision.</summary>
public sealed record ScriptChange(string ScriptId, string Name, int? RevisionBefore, int RevisionAfter);

/// <summary>What a single-script write did.</summary>
public abstract record ScriptStoreWrite
{
    private ScriptStoreWrite() { }

    /// <summary>A new revision (<see cref="RevisionBefore"/> null for a new script).</summary>
    public sealed record Written(StoredScript Script, int? RevisionBefore) : ScriptStoreWrite;

    /// <summary>The content equals the current revision's; nothing was written.</summary>
    public sealed record Unchanged(StoredScript Script) : ScriptStoreWrite;

    /// <summary>The script has moved on to <paramref name="CurrentRevision"/> since the editor read it; nothing was written.</summary>
    public sealed record Stale(int CurrentRevision, string SavedBy, DateTimeOffset SavedAt) : ScriptStoreWrite;

    /// <summary>Another script has this name (any letter case) or id.</summary>
    public sealed record NameTaken : ScriptStoreWrite;

    public sealed record NotFound : ScriptStoreWrite;
}

/// <summary>What nodes read scripts through: the current revision of a script by its id.</summary>
public interface IScriptSource
{
    Task<StoredScript?> FindAsync(string scriptId, CancellationToken cancellationToken = default);
}

/// <summary>
/// Scripts as named, versioned resources: each save of changed content adds an immutable revision. Journeys name scripts by
/// id; a sign-on runs the script's current revision (as AM does), not one pinned with the journey.
/// </summary>
public sealed class ScriptStore(IDbContextFactory<JourneyStudioDbContext> contextFactory, TimeProvider timeProvider) : IScriptSource
{
    public async Task<StoredScript?> FindAsync(string scriptId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scriptId);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.Set<ScriptRecord>().AsNoTracking().SingleOrDefaultAsync(s => s.ScriptId == scriptId, cancellationToken);
        return record is null ? null : ToStored(record);
    }

    /// <summary>The scripts with these ids that exist, by id.</summary>
    public async Task<IReadOnlyDictionary<string, StoredScript>> FindManyAsync(IEnumerable<string> scriptIds, CancellationToken cancellationToken = default)
    {
        var ids = scriptIds.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0) return new Dictionary<string, StoredScript>();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var records = await db.Set<ScriptRecord>().AsNoTracking().Where(s => ids.Contains(s.ScriptId)).ToListAsync(cancellationToken);
        return records.ToDictionary(r => r.ScriptId, ToStored, StringComparer.Ordinal);
    }

    /// <summary>Every script, by name.</summary>
    public async Task<IReadOnlyList<StoredScript>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var records = await db.Set<ScriptRecord>().AsNoTracking().OrderBy(s => s.Name).ToListAsync(cancellationToken);
        return records.Select(ToStored).ToList();
    }

    /// <summary>Why these scripts cannot be imported: a name another script id already has (names are unique, as in AM).</summary>
    public async Task<IReadOnlyList<ScriptImportConflict>> FindConflictsAsync(IReadOnlyList<ScriptDefinition> scripts, CancellationToken cancellationToken = default)
    {
        if (scripts.Count == 0) return [];
        var conflicts = new List<ScriptImportConflict>();
        foreach (var group in scripts.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Select(s => s.Id).Distinct().Count() > 1))
            conflicts.Add(new ScriptImportConflict(group.Last().Id, $"the script name '{group.Key}' is given to more than one script id ({string.Join(", ", group.Select(s => s.Id).Distinct())})"));
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var names = scripts.Select(s => s.Name).ToList();
        var existing = await db.Set<ScriptRecord>().AsNoTracking().Select(s => new { s.ScriptId, s.Name }).ToListAsync(cancellationToken);
        foreach (var script in scripts)
            if (existing.FirstOrDefault(e => string.Equals(e.Name, script.Name, StringComparison.OrdinalIgnoreCase) && e.ScriptId != script.Id) is { } taken)
                conflicts.Add(new ScriptImportConflict(script.Id, $"the script name '{script.Name}' is already used by script '{taken.ScriptId}'"));
        return conflicts;
    }

    /// <summary>
    /// Adds the scripts' new content to <paramref name="db"/> (the caller's transaction, so an import saves journeys and
    /// scripts together or not at all): a new script as revision 1, a changed one as its next revision; unchanged ones are left alone.
    /// </summary>
    public async Task<IReadOnlyList<ScriptChange>> StageImportAsync(JourneyStudioDbContext db, IReadOnlyList<ScriptDefinition> scripts, string savedBy,
        CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var changes = new List<ScriptChange>();
        foreach (var script in scripts)
        {
            var json = FrodoScriptSection.ToJson(script);
            var record = await db.Set<ScriptRecord>().SingleOrDefaultAsync(s => s.ScriptId == script.Id, cancellationToken);
            if (record is null)
            {
                record = new ScriptRecord
                {
                    ScriptId = script.Id, Name = script.Name, Language = script.Language, Context = script.Context,
                    EvaluatorVersion = script.EvaluatorVersion, CurrentRevision = 1, CreatedAt = now, UpdatedAt = now, Json = json,
                };
                record.Revisions.Add(new ScriptRevisionRecord { Revision = 1, Json = json, SavedAt = now, SavedBy = savedBy });
                db.Set<ScriptRecord>().Add(record);
                changes.Add(new ScriptChange(script.Id, script.Name, null, 1));
                continue;
            }
            if (FrodoScriptSection.FromJson(record.Json).SameContentAs(script)) continue;
            record.Name = script.Name;
            record.Language = script.Language;
            record.Context = script.Context;
            record.EvaluatorVersion = script.EvaluatorVersion;
            record.CurrentRevision++;
            record.UpdatedAt = now;
            record.Json = json;
            db.Set<ScriptRevisionRecord>().Add(new ScriptRevisionRecord
            {
                ScriptRecordId = record.Id, Revision = record.CurrentRevision, Json = json, SavedAt = now, SavedBy = savedBy,
            });
            changes.Add(new ScriptChange(script.Id, script.Name, record.CurrentRevision - 1, record.CurrentRevision));
        }
        return changes;
    }

    /// <summary>Saves the scripts on their own (outside a journey import), in one transaction.</summary>
    public async Task<IReadOnlyList<ScriptChange>> SaveAsync(IReadOnlyList<ScriptDefinition> scripts, string savedBy, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changes = await StageImportAsync(db, scripts, savedBy, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changes;
    }

    /// <summary>The revisions of a script, newest first; null when there is no such script.</summary>
    public async Task<IReadOnlyList<(int Revision, DateTimeOffset SavedAt, string SavedBy)>?> ListRevisionsAsync(string scriptId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var id = await db.Set<ScriptRecord>().Where(s => s.ScriptId == scriptId).Select(s => (int?)s.Id).SingleOrDefaultAsync(cancellationToken);
        if (id is null) return null;
        var rows = await db.Set<ScriptRevisionRecord>().AsNoTracking().Where(r => r.ScriptRecordId == id)
            .OrderByDescending(r => r.Revision).Select(r => new { r.Revision, r.SavedAt, r.SavedBy }).ToListAsync(cancellationToken);
        return rows.Select(r => (r.Revision, r.SavedAt, r.SavedBy)).ToList();
    }

    /// <summary>The content of one revision of a script; null when the script or the revision does not exist.</summary>
    public async Task<ScriptDefinition?> GetRevisionAsync(string scriptId, int revision, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var json = await db.Set<ScriptRevisionRecord>().AsNoTracking()
            .Where(r => r.Revision == revision && db.Set<ScriptRecord>().Any(s => s.Id == r.ScriptRecordId && s.ScriptId == scriptId))
            .Select(r => r.Json).SingleOrDefaultAsync(cancellationToken);
        return json is null ? null : FrodoScriptSection.FromJson(json);
    }

    /// <summary>
    /// Adds <paramref name="script"/> as revision 1 of a new script; <see cref="ScriptStoreWrite.NameTaken"/> when another
    /// script has its name (any letter case) or id.
    /// </summary>
    public async Task<ScriptStoreWrite> CreateAsync(ScriptDefinition script, string savedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await FindNameOwnerAsync(db, script.Name, cancellationToken) is not null
            || await db.Set<ScriptRecord>().AnyAsync(s => s.ScriptId == script.Id, cancellationToken))
            return new ScriptStoreWrite.NameTaken();
        await StageImportAsync(db, [script], savedBy, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique indexes: another save took the name or id between the check and this write.
            return new ScriptStoreWrite.NameTaken();
        }
        return new ScriptStoreWrite.Written(ToStored(await db.Set<ScriptRecord>().AsNoTracking().SingleAsync(s => s.ScriptId == script.Id, cancellationToken)), null);
    }

    /// <summary>
    /// Saves <paramref name="script"/> (same id) as the next revision of a script, when its current revision is still
    /// <paramref name="basedOnRevision"/>: an editor that read an older revision must not overwrite a newer one unseen.
    /// Unchanged content adds no revision.
    /// </summary>
    public async Task<ScriptStoreWrite> SaveRevisionAsync(ScriptDefinition script, int basedOnRevision, string savedBy,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.Set<ScriptRecord>().SingleOrDefaultAsync(s => s.ScriptId == script.Id, cancellationToken);
        if (record is null) return new ScriptStoreWrite.NotFound();
        if (record.CurrentRevision != basedOnRevision) return await StaleAsync(db, record, cancellationToken);
        if (FrodoScriptSection.FromJson(record.Json).SameContentAs(script)) return new ScriptStoreWrite.Unchanged(ToStored(record));
        if (await FindNameOwnerAsync(db, script.Name, cancellationToken) is { } owner && owner != script.Id) return new ScriptStoreWrite.NameTaken();
        await StageImportAsync(db, [script], savedBy, cancellationToken);
        try
        {
            // CurrentRevision is the record's concurrency token: a save that raced this one since it was read fails here.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await contextFactory.CreateDbContextAsync(cancellationToken);
            var current = await fresh.Set<ScriptRecord>().AsNoTracking().SingleOrDefaultAsync(s => s.ScriptId == script.Id, cancellationToken);
            return current is null ? new ScriptStoreWrite.NotFound() : await StaleAsync(fresh, current, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The revision index (another save wrote this revision number) or the name index.
            return new ScriptStoreWrite.NameTaken();
        }
        return new ScriptStoreWrite.Written(ToStored(record), basedOnRevision);
    }

    /// <summary>Deletes a script with all its revisions; false when there is no such script.</summary>
    public async Task<bool> DeleteAsync(string scriptId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.Set<ScriptRecord>().Include(s => s.Revisions).SingleOrDefaultAsync(s => s.ScriptId == scriptId, cancellationToken);
        if (record is null) return false;
        db.Remove(record);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    // Names are compared in memory, without regard to any letter case (the column's collation folds ASCII only).
    private static async Task<string?> FindNameOwnerAsync(JourneyStudioDbContext db, string name, CancellationToken cancellationToken)
    {
        var names = await db.Set<ScriptRecord>().AsNoTracking().Select(s => new { s.ScriptId, s.Name }).ToListAsync(cancellationToken);
        return names.FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase))?.ScriptId;
    }

    private static async Task<ScriptStoreWrite> StaleAsync(JourneyStudioDbContext db, ScriptRecord record, CancellationToken cancellationToken)
    {
        var savedBy = await db.Set<ScriptRevisionRecord>().AsNoTracking()
            .Where(r => r.ScriptRecordId == record.Id && r.Revision == record.CurrentRevision).Select(r => r.SavedBy).SingleOrDefaultAsync(cancellationToken);
        return new ScriptStoreWrite.Stale(record.CurrentRevision, savedBy ?? "", record.UpdatedAt);
    }

    private static StoredScript ToStored(ScriptRecord record) =>
        new(FrodoScriptSection.FromJson(record.Json), record.CurrentRevision, record.UpdatedAt);
}
