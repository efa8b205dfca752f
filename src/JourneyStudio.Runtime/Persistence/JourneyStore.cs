using JourneyStudio.Journeys.Model;
using Microsoft.EntityFrameworkCore;

namespace JourneyStudio.Runtime.Persistence;

/// <summary>
/// Saved journeys and their revisions: what the designer, the admin API, the CLI and the runtime read
/// and write. Every save adds an immutable revision; a save based on an old revision is refused with
/// <see cref="SaveResult.Conflict"/> and never overwrites.
/// </summary>
/// <remarks>
/// <para>Live and draft: <see cref="GetAsync"/> and <see cref="GetRealmDefaultAsync"/> answer the <b>live</b>
/// revision, the one new sign-ons run; they are the runtime's lookups, so a draft can never start by accident.
/// <see cref="GetLatestAsync"/> answers the newest revision (the draft when there is one), which is what the
/// designer edits. A draft becomes live only through <see cref="PublishAsync"/>; <see cref="SaveAsync"/>,
/// creation and imports publish at once.</para>
/// </remarks>
/// <remarks>
/// The name, <see cref="JourneySettings.Enabled"/> and <see cref="JourneySettings.IsRealmDefault"/> are
/// journey-level state held by the journey row: every load applies them over what a revision's JSON
/// says, so renaming, or making another journey the realm default, needs no rewrite of old revisions. Reads parse a
/// revision once: parsed revisions are kept in the <see cref="JourneyRevisionCache"/> (they never change), and each read
/// takes only the journey row's small <see cref="JourneyHead"/> from the database.
/// </remarks>
public sealed class JourneyStore(
    IDbContextFactory<JourneyStudioDbContext> contextFactory,
    IJourneyCodec codec,
    TimeProvider timeProvider,
    JourneyRevisionCache revisions)
{
    /// <summary>All journeys, ordered by name without regard to case.</summary>
    public async Task<IReadOnlyList<JourneySummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Journeys.AsNoTracking()
            .OrderBy(j => j.Name)
            .Select(j => new JourneySummary(j.Name, j.Description, j.Enabled, j.IsRealmDefault, j.CurrentRevision, j.CreatedAt, j.UpdatedAt)
            {
                LiveRevision = j.LiveRevision,
            })
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The <b>live</b> revision of the journey named <paramref name="name"/> (any letter case), or null: what new
    /// sign-ons run, never a draft.
    /// </summary>
    public async Task<StoredJourney?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var head = await db.Journeys.AsNoTracking().Where(j => j.Name == name).Select(HeadOf).SingleOrDefaultAsync(cancellationToken);
        return head is null ? null : await LoadAsync(db, head, head.LiveRevision, cancellationToken);
    }

    /// <summary>The live revision of the journey the realm runs when a sign-on names none, or null when no journey is the default.</summary>
    public async Task<StoredJourney?> GetRealmDefaultAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var head = await db.Journeys.AsNoTracking().Where(j => j.IsRealmDefault).Select(HeadOf).SingleOrDefaultAsync(cancellationToken);
        return head is null ? null : await LoadAsync(db, head, head.LiveRevision, cancellationToken);
    }

    /// <summary>
    /// The newest revision of the journey, the one an editor works on: the draft when there is one, else the
    /// live revision. Null when there is no such journey. Saves based on it pass <see cref="StoredJourney.Revision"/>.
    /// </summary>
    public async Task<StoredJourney?> GetLatestAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // The newest revision is the current one (a draft is always newer than the live revision), read like any other
        // revision: through the cache, so listing or opening journeys does not parse them again.
        var head = await db.Journeys.AsNoTracking().Where(j => j.Name == name).Select(HeadOf).SingleOrDefaultAsync(cancellationToken);
        return head is null ? null : await LoadAsync(db, head, head.CurrentRevision, cancellationToken);
    }

    /// <summary>
    /// One saved revision, e.g. the one a sign-on in flight is pinned to; null when the journey or the
    /// revision does not exist.
    /// </summary>
    public async Task<StoredJourney?> GetRevisionAsync(string name, int revision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var head = await db.Journeys.AsNoTracking().Where(j => j.Name == name).Select(HeadOf).SingleOrDefaultAsync(cancellationToken);
        return head is null ? null : await LoadAsync(db, head, revision, cancellationToken);
    }

    /// <summary>
    /// <paramref name="revision"/> of the journey whose row the caller already read (e.g. joined to a sign-on's session):
    /// a cached revision costs no database read at all. Null when the revision does not exist.
    /// </summary>
    public async ValueTask<StoredJourney?> GetRevisionAsync(JourneyHead journey, int revision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journey);
        if (revisions.TryGet(journey.KeyOf(revision), out var cached)) return new StoredJourney(Apply(cached, journey), revision) { LiveRevision = journey.LiveRevision, JourneyId = journey.Id };
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await LoadAsync(db, journey, revision, cancellationToken);
    }

    /// <summary>What <see cref="JourneyHead"/> reads of a journey row (as an expression, so that other queries can join it).</summary>
    public static readonly System.Linq.Expressions.Expression<Func<JourneyRecord, JourneyHead>> HeadOf =
        j => new JourneyHead(j.Id, j.CreatedAt, j.Name, j.Enabled, j.IsRealmDefault, j.LiveRevision, j.CurrentRevision);

    /// <summary>A revision from the cache, or read by (journey id, revision) and parsed once.</summary>
    private async Task<StoredJourney?> LoadAsync(JourneyStudioDbContext db, JourneyHead head, int revision, CancellationToken cancellationToken)
    {
        var key = head.KeyOf(revision);
        if (!revisions.TryGet(key, out var parsed))
        {
            var json = await db.JourneyRevisions.AsNoTracking()
                .Where(r => r.JourneyId == head.Id && r.Revision == revision)
                .Select(r => r.Json)
                .SingleOrDefaultAsync(cancellationToken);
            if (json is null) return null;
            parsed = revisions.Add(key, codec.Deserialize(json));
        }
        return new StoredJourney(Apply(parsed, head), revision) { LiveRevision = head.LiveRevision, JourneyId = head.Id };
    }

    /// <summary>The journey-level state of the row over a revision's content (the same object when they already agree).</summary>
    private static Journey Apply(Journey revision, JourneyHead head) =>
        revision.Name == head.Name && revision.Settings.Enabled == head.Enabled && revision.Settings.IsRealmDefault == head.IsRealmDefault
            ? revision
            : revision with
            {
                Name = head.Name,
                Settings = revision.Settings with { Enabled = head.Enabled, IsRealmDefault = head.IsRealmDefault },
            };

    /// <summary>The journey's history, newest first; null when there is no such journey.</summary>
    public async Task<IReadOnlyList<JourneyRevisionSummary>?> ListRevisionsAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var journeyId = await db.Journeys.Where(j => j.Name == name).Select(j => (int?)j.Id).SingleOrDefaultAsync(cancellationToken);
        if (journeyId is null) return null;
        return await db.JourneyRevisions.AsNoTracking()
            .Where(r => r.JourneyId == journeyId)
            .OrderByDescending(r => r.Revision)
            .Select(r => new JourneyRevisionSummary(r.Revision, r.SavedAt, r.SavedBy, r.Note))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Stores a new journey as revision 1; <see cref="SaveResult.NameTaken"/> when the name exists in any letter case.</summary>
    public async Task<SaveResult> CreateAsync(Journey journey, string savedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentException.ThrowIfNullOrWhiteSpace(savedBy);
        if (JourneyNameRules.Validate(journey.Name) is { } problem) return new SaveResult.InvalidName(problem);

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.Journeys.Where(j => j.Name == journey.Name).Select(j => j.Name).FirstOrDefaultAsync(cancellationToken);
        if (existing is not null) return new SaveResult.NameTaken(existing);

        var now = timeProvider.GetUtcNow();
        var json = codec.Serialize(journey);
        var record = new JourneyRecord
        {
            Name = journey.Name,
            Description = journey.Description,
            CurrentRevision = 1,
            LiveRevision = 1,
            Enabled = journey.Settings.Enabled,
            IsRealmDefault = journey.Settings.IsRealmDefault,
            CreatedAt = now,
            UpdatedAt = now,
            Json = json,
        };
        record.Revisions.Add(new JourneyRevisionRecord { Revision = 1, Json = json, SavedAt = now, SavedBy = savedBy, Note = "Created" });
        db.Journeys.Add(record);
        return await CommitAsync(db, record, journeyId: null, cancellationToken);
    }

    /// <summary>
    /// Saves <paramref name="journey"/> (found by its name) as a new revision and publishes it (any draft is
    /// superseded), provided the newest revision is still <paramref name="basedOnRevision"/>; otherwise
    /// <see cref="SaveResult.Conflict"/> with the newest revision and nothing written. Renaming goes through
    /// <see cref="RenameAsync"/>.
    /// </summary>
    public Task<SaveResult> SaveAsync(Journey journey, int basedOnRevision, string savedBy, string? note = null,
        CancellationToken cancellationToken = default) =>
        SaveAsync(journey, basedOnRevision, savedBy, note, publish: true, cancellationToken);

    /// <summary>
    /// Saves <paramref name="journey"/> as a new <b>draft</b> revision on top of <paramref name="basedOnRevision"/>
    /// (the newest one): end users keep running the live revision until <see cref="PublishAsync"/>. The
    /// journey-level switches (enabled, realm default) are not part of a draft and keep their values.
    /// </summary>
    public Task<SaveResult> SaveDraftAsync(Journey journey, int basedOnRevision, string savedBy, string? note = null,
        CancellationToken cancellationToken = default) =>
        SaveAsync(journey, basedOnRevision, savedBy, note, publish: false, cancellationToken);

    private async Task<SaveResult> SaveAsync(Journey journey, int basedOnRevision, string savedBy, string? note, bool publish,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentException.ThrowIfNullOrWhiteSpace(savedBy);
        if (JourneyNameRules.Validate(journey.Name) is { } problem) return new SaveResult.InvalidName(problem);

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.Journeys.SingleOrDefaultAsync(j => j.Name == journey.Name, cancellationToken);
        if (record is null) return new SaveResult.NotFound();
        if (record.CurrentRevision != basedOnRevision) return new SaveResult.Conflict(record.CurrentRevision);

        // The stored spelling stays; a change of letter case is a rename.
        return publish
            ? await AddRevisionAsync(db, record, journey with { Name = record.Name }, savedBy, note, cancellationToken)
            : await AddDraftAsync(db, record, journey, savedBy, note, cancellationToken);
    }

    /// <summary>
    /// Makes the draft <paramref name="draftRevision"/> live. <see cref="SaveResult.NoDraft"/> when it is not the
    /// journey's current draft (published already, superseded by a newer save, or never a draft); nothing changes then.
    /// No revision is added: the draft's revision number becomes the live one.
    /// </summary>
    public async Task<SaveResult> PublishAsync(string name, int draftRevision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.Journeys.SingleOrDefaultAsync(j => j.Name == name, cancellationToken);
        if (record is null) return new SaveResult.NotFound();
        if (record.DraftRevision != draftRevision) return new SaveResult.NoDraft(record.DraftRevision, record.LiveRevision);
        var json = await db.JourneyRevisions.Where(r => r.JourneyId == record.Id && r.Revision == draftRevision)
            .Select(r => r.Json).SingleAsync(cancellationToken);
        var draft = Load(json, record);
        record.LiveRevision = draftRevision;
        record.Json = json;
        record.Description = draft.Description;
        record.UpdatedAt = timeProvider.GetUtcNow();
        // CurrentRevision is the concurrency token: a save that slipped in since the read makes this a conflict.
        return await CommitAsync(db, record, record.Id, cancellationToken) switch
        {
            SaveResult.Conflict conflict => new SaveResult.NoDraft(conflict.CurrentRevision, null),
            var other => other,
        };
    }

    /// <summary>
    /// Saves the content of an old <paramref name="revision"/> as a new <b>draft</b> revision (history is never
    /// rewritten, and nothing goes live until it is published).
    /// </summary>
    public async Task<SaveResult> RestoreAsync(string name, int revision, int basedOnRevision, string savedBy,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(savedBy);

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.Journeys.SingleOrDefaultAsync(j => j.Name == name, cancellationToken);
        if (record is null) return new SaveResult.NotFound();
        var json = await db.JourneyRevisions
            .Where(r => r.JourneyId == record.Id && r.Revision == revision)
            .Select(r => r.Json)
            .SingleOrDefaultAsync(cancellationToken);
        if (json is null) return new SaveResult.RevisionNotFound(revision);
        if (record.CurrentRevision != basedOnRevision) return new SaveResult.Conflict(record.CurrentRevision);

        return await AddDraftAsync(db, record, Load(json, record), savedBy, $"Restored revision {revision}", cancellationToken);
    }

    /// <summary>
    /// Renames the journey; the new name is also written into the content, as a new revision. Renaming
    /// to the current name changes nothing and answers the current revision.
    /// </summary>
    public async Task<SaveResult> RenameAsync(string name, string newName, int basedOnRevision, string savedBy,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(savedBy);
        if (JourneyNameRules.Validate(newName) is { } problem) return new SaveResult.InvalidName(problem);

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.Journeys.SingleOrDefaultAsync(j => j.Name == name, cancellationToken);
        if (record is null) return new SaveResult.NotFound();
        if (record.CurrentRevision != basedOnRevision) return new SaveResult.Conflict(record.CurrentRevision);
        if (string.Equals(record.Name, newName, StringComparison.Ordinal)) return new SaveResult.Saved(record.CurrentRevision);

        var holder = await db.Journeys.Where(j => j.Name == newName && j.Id != record.Id).Select(j => j.Name)
            .FirstOrDefaultAsync(cancellationToken);
        if (holder is not null) return new SaveResult.NameTaken(holder);

        var oldName = record.Name;
        var renamed = Load(record.Json, record) with { Name = newName };
        return await AddRevisionAsync(db, record, renamed, savedBy, $"Renamed from '{oldName}'", cancellationToken, carryDraft: true);
    }

    /// <summary>
    /// Turns the journey on or off for end users: a journey-level switch, written as a new live revision of the live
    /// content (a draft is carried over on top). Setting the value it has changes nothing and answers the newest revision.
    /// </summary>
    public async Task<SaveResult> SetEnabledAsync(string name, bool enabled, string savedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(savedBy);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.Journeys.SingleOrDefaultAsync(j => j.Name == name, cancellationToken);
        if (record is null) return new SaveResult.NotFound();
        if (record.Enabled == enabled) return new SaveResult.Saved(record.CurrentRevision);
        var live = Load(record.Json, record);
        var changed = live with { Settings = live.Settings with { Enabled = enabled } };
        return await AddRevisionAsync(db, record, changed, savedBy, enabled ? "Enabled" : "Disabled", cancellationToken, carryDraft: true);
    }

    /// <summary>Deletes the journey and all its revisions; false when there was no such journey.</summary>
    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var ids = await db.Journeys.Where(j => j.Name == name).Select(j => j.Id).ToListAsync(cancellationToken);
        // Revisions go through the foreign key's ON DELETE CASCADE, in the same statement.
        var deleted = await db.Journeys.Where(j => j.Name == name).ExecuteDeleteAsync(cancellationToken) > 0;
        // Only to free the memory: the key (id, creation time) of a deleted journey is never asked for again.
        foreach (var id in ids) revisions.ForgetJourney(id);
        return deleted;
    }

    /// <summary>
    /// Saves several journeys in one transaction, all or none: a new journey becomes revision 1, an existing
    /// one (matched by name in any letter case) gets a new revision on top of whatever is current. Used by
    /// imports, where the file, not an editor's revision, is the authority.
    /// </summary>
    /// <exception cref="ArgumentException">A name breaks <see cref="JourneyNameRules"/>, two journeys share a
    /// name, or more than one is marked as the realm default; callers check these first and report them.</exception>
    public async Task<IReadOnlyList<ImportedJourney>> ImportAsync(IReadOnlyList<Journey> journeys, string savedBy, string? note = null,
        CancellationToken cancellationToken = default) =>
        await ImportAsync(journeys, savedBy, note, alsoWrite: null, cancellationToken);

    /// <summary>
    /// As <see cref="ImportAsync(IReadOnlyList{Journey}, string, string?, CancellationToken)"/>; <paramref name="alsoWrite"/> adds
    /// further rows (the scripts an import carries) to the same transaction, so they are saved with the journeys or not at all.
    /// </summary>
    public async Task<IReadOnlyList<ImportedJourney>> ImportAsync(IReadOnlyList<Journey> journeys, string savedBy, string? note,
        Func<JourneyStudioDbContext, CancellationToken, Task>? alsoWrite, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journeys);
        ArgumentException.ThrowIfNullOrWhiteSpace(savedBy);
        foreach (var journey in journeys)
            if (JourneyNameRules.Validate(journey.Name) is { } problem) throw new ArgumentException(problem, nameof(journeys));
        if (journeys.GroupBy(j => j.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"The journey '{twice.Key}' is given more than once.", nameof(journeys));
        if (journeys.Count(j => j.Settings.IsRealmDefault) > 1)
            throw new ArgumentException("Only one journey can be the realm default.", nameof(journeys));

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // Serialised from the first read, so no writer slips in between read and save.
        await using var transaction = await db.BeginSerializedTransactionAsync(JourneysScope, cancellationToken);
        var now = timeProvider.GetUtcNow();
        var results = new List<ImportedJourney>();
        var records = new List<JourneyRecord>();
        foreach (var journey in journeys)
        {
            var record = await db.Journeys.SingleOrDefaultAsync(j => j.Name == journey.Name, cancellationToken);
            if (record is null)
            {
                var json = codec.Serialize(journey);
                record = new JourneyRecord
                {
                    Name = journey.Name, Description = journey.Description, CurrentRevision = 1, LiveRevision = 1,
                    Enabled = journey.Settings.Enabled, IsRealmDefault = journey.Settings.IsRealmDefault,
                    CreatedAt = now, UpdatedAt = now, Json = json,
                };
                record.Revisions.Add(new JourneyRevisionRecord { Revision = 1, Json = json, SavedAt = now, SavedBy = savedBy, Note = note ?? "Imported" });
                db.Journeys.Add(record);
                results.Add(new ImportedJourney(journey.Name, 1, Created: true));
            }
            else
            {
                var saved = journey with { Name = record.Name };
                var json = codec.Serialize(saved);
                record.Description = saved.Description;
                record.Enabled = saved.Settings.Enabled;
                record.IsRealmDefault = saved.Settings.IsRealmDefault;
                record.CurrentRevision++;
                record.LiveRevision = record.CurrentRevision; // an import publishes; a draft it replaces is left in the history
                record.UpdatedAt = now;
                record.Json = json;
                db.JourneyRevisions.Add(new JourneyRevisionRecord
                {
                    JourneyId = record.Id, Revision = record.CurrentRevision, Json = json, SavedAt = now, SavedBy = savedBy, Note = note ?? "Imported",
                });
                results.Add(new ImportedJourney(record.Name, record.CurrentRevision, Created: false));
            }
            records.Add(record);
        }

        if (records.FirstOrDefault(r => r.IsRealmDefault) is { } newDefault)
        {
            // Cleared before the rows are written: the filtered unique index allows one realm default at a time.
            var keepId = newDefault.Id; // 0 for a new row, which no stored row has
            await db.Journeys.Where(j => j.IsRealmDefault && j.Id != keepId)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.IsRealmDefault, false), cancellationToken);
        }
        if (alsoWrite is not null) await alsoWrite(db, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return results;
    }

    private Journey Load(string json, JourneyRecord record)
    {
        var journey = codec.Deserialize(json);
        return journey with
        {
            Name = record.Name,
            Settings = journey.Settings with { Enabled = record.Enabled, IsRealmDefault = record.IsRealmDefault },
        };
    }

    /// <summary>
    /// Writes <paramref name="journey"/> as revision current + 1 of the tracked <paramref name="record"/> and makes it
    /// live. With <paramref name="carryDraft"/> (journey-level changes: rename, enable), a draft the journey had is
    /// written again on top, with the same journey-level state, so that it stays the newest revision and is not lost.
    /// </summary>
    private async Task<SaveResult> AddRevisionAsync(JourneyStudioDbContext db, JourneyRecord record, Journey journey,
        string savedBy, string? note, CancellationToken cancellationToken, bool carryDraft = false)
    {
        string? draftJson = null;
        if (carryDraft && record.DraftRevision is { } draft)
            draftJson = await db.JourneyRevisions.Where(r => r.JourneyId == record.Id && r.Revision == draft)
                .Select(r => r.Json).SingleAsync(cancellationToken);
        var revision = record.CurrentRevision + 1;
        var json = codec.Serialize(journey);
        var now = timeProvider.GetUtcNow();

        record.Name = journey.Name;
        record.Description = journey.Description;
        record.Enabled = journey.Settings.Enabled;
        record.IsRealmDefault = journey.Settings.IsRealmDefault;
        record.CurrentRevision = revision;
        record.LiveRevision = revision;
        record.UpdatedAt = now;
        record.Json = json;
        db.JourneyRevisions.Add(new JourneyRevisionRecord
        {
            JourneyId = record.Id, Revision = revision, Json = json, SavedAt = now, SavedBy = savedBy, Note = note,
        });
        if (draftJson is not null)
        {
            var carried = Load(draftJson, record); // takes the new name and switches from the row
            record.CurrentRevision = revision + 1;
            db.JourneyRevisions.Add(new JourneyRevisionRecord
            {
                JourneyId = record.Id, Revision = revision + 1, Json = codec.Serialize(carried), SavedAt = now, SavedBy = savedBy,
                Note = $"Draft carried over ({note})",
            });
        }
        return await CommitAsync(db, record, record.Id, cancellationToken);
    }

    /// <summary>
    /// Writes <paramref name="journey"/> as draft revision current + 1: the row's live content and journey-level state
    /// (name, enabled, realm default, description) stay as they are until the draft is published.
    /// </summary>
    private async Task<SaveResult> AddDraftAsync(JourneyStudioDbContext db, JourneyRecord record, Journey journey,
        string savedBy, string? note, CancellationToken cancellationToken)
    {
        var revision = record.CurrentRevision + 1;
        var stored = journey with
        {
            Name = record.Name,
            Settings = journey.Settings with { Enabled = record.Enabled, IsRealmDefault = record.IsRealmDefault },
        };
        var now = timeProvider.GetUtcNow();
        record.CurrentRevision = revision;
        record.UpdatedAt = now;
        db.JourneyRevisions.Add(new JourneyRevisionRecord
        {
            JourneyId = record.Id, Revision = revision, Json = codec.Serialize(stored), SavedAt = now, SavedBy = savedBy, Note = note,
        });
        var saved = await CommitAsync(db, record, record.Id, cancellationToken);
        RememberSaved(record, saved, stored);
        return saved;
    }

    /// <summary>
    /// Keeps the content just committed as revision <paramref name="saved"/> in the <see cref="JourneyRevisionCache"/>: it is
    /// exactly what that revision's JSON was written from, so the next read of it (the audit's "what changed" after a
    /// save, the designer re-opened, the preview of the draft) needs no parse, and the nodes the edit did not touch stay
    /// the objects the editor holds. Entries are keyed by revision, which a save never rewrites, so none can go stale.
    /// </summary>
    private void RememberSaved(JourneyRecord record, SaveResult saved, Journey content)
    {
        if (saved is SaveResult.Saved { Revision: var revision } && revision == record.CurrentRevision)
            revisions.Add(new JourneyRevisionKey(record.Id, record.CreatedAt, revision), content);
    }

    /// <summary>
    /// Saves the tracked changes in one transaction. The database decides races: the journey row is
    /// updated only while it still holds the revision that was read (concurrency token), and
    /// (journey, revision) is unique, so of two writers based on the same revision exactly one wins.
    /// </summary>
    private async Task<SaveResult> CommitAsync(JourneyStudioDbContext db, JourneyRecord record, int? journeyId,
        CancellationToken cancellationToken)
    {
        try
        {
            // Serialised with every other journey write (SQLite: the write lock, waiting out busy_timeout;
            // PostgreSQL: an advisory lock) before anything is written.
            await using var transaction = await db.BeginSerializedTransactionAsync(JourneysScope, cancellationToken);
            if (record.IsRealmDefault)
            {
                // Cleared before this row is set: the filtered unique index allows one realm default at a time.
                await db.Journeys.Where(j => j.IsRealmDefault && j.Id != record.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(j => j.IsRealmDefault, false), cancellationToken);
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new SaveResult.Saved(record.CurrentRevision);
        }
        catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException || IsUniqueViolation(exception))
        {
            // The transaction was rolled back when it was disposed; find out who got there first.
            var explained = await ExplainLostRaceAsync(record.Name, journeyId, cancellationToken);
            if (explained is null) throw;
            return explained;
        }
    }

    private async Task<SaveResult?> ExplainLostRaceAsync(string name, int? journeyId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var holder = await db.Journeys.Where(j => j.Name == name).Select(j => new { j.Id, j.Name }).FirstOrDefaultAsync(cancellationToken);
        if (holder is not null && holder.Id != journeyId) return new SaveResult.NameTaken(holder.Name);
        if (journeyId is null) return null;
        var current = await db.Journeys.Where(j => j.Id == journeyId).Select(j => (int?)j.CurrentRevision).SingleOrDefaultAsync(cancellationToken);
        return current is null ? new SaveResult.NotFound() : new SaveResult.Conflict(current.Value);
    }

    private static bool IsUniqueViolation(DbUpdateException exception) => exception.IsUniqueViolation();

    /// <summary>The scope of <see cref="DatabaseConcurrency.BeginSerializedTransactionAsync"/> of journey writes.</summary>
    private const string JourneysScope = "journeys";
}
