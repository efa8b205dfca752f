using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Runtime.Persistence;

/// <summary>The outcome of a write to a journey. Expected outcomes are results, not exceptions.</summary>
public abstract record SaveResult
{
    private SaveResult() { }

    /// <summary>The write created <paramref name="Revision"/>, now the journey's current revision.</summary>
    public sealed record Saved(int Revision) : SaveResult;

    /// <summary>
    /// Someone saved since the revision the writer based its change on; nothing was written.
    /// The writer reloads <paramref name="CurrentRevision"/> and merges or retries.
    /// </summary>
    public sealed record Conflict(int CurrentRevision) : SaveResult;

    /// <summary>No journey of that name.</summary>
    public sealed record NotFound : SaveResult;

    /// <summary>The journey exists but has no revision of that number (restore).</summary>
    public sealed record RevisionNotFound(int Revision) : SaveResult;

    /// <summary>Another journey already has the name, possibly in another letter case (<paramref name="ExistingName"/>).</summary>
    public sealed record NameTaken(string ExistingName) : SaveResult;

    /// <summary>
    /// Publish: the revision named is not the journey's current draft. <paramref name="DraftRevision"/> is the
    /// current draft (null when there is none), <paramref name="LiveRevision"/> the live one when known.
    /// </summary>
    public sealed record NoDraft(int? DraftRevision, int? LiveRevision) : SaveResult;

    /// <summary>The name breaks <see cref="JourneyNameRules"/>; <paramref name="Message"/> says how.</summary>
    public sealed record InvalidName(string Message) : SaveResult;
}

/// <summary>One row of the journey list. <see cref="CurrentRevision"/> is the newest revision (the draft when there is one).</summary>
public sealed record JourneySummary(
    string Name,
    string Description,
    bool Enabled,
    bool IsRealmDefault,
    int CurrentRevision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The revision end users run; defaults to <see cref="CurrentRevision"/> (no draft).</summary>
    public int LiveRevision { get; init; } = CurrentRevision;

    /// <summary>The unpublished draft's revision, or null when there is none.</summary>
    public int? DraftRevision => CurrentRevision > LiveRevision ? CurrentRevision : null;
}

/// <summary>A journey as loaded from the store, with the revision it is.</summary>
public sealed record StoredJourney(Journey Journey, int Revision)
{
    /// <summary>The journey's live revision when this was read (equal to <see cref="Revision"/> for a live read).</summary>
    public int LiveRevision { get; init; } = Revision;

    /// <summary>True when this revision is newer than the live one, i.e. the unpublished draft.</summary>
    public bool IsDraft => Revision > LiveRevision;

    /// <summary>The id of the journey's row: its identity, which a journey deleted and imported again does not keep.</summary>
    public int JourneyId { get; init; }
}

/// <summary>One entry of a journey's history.</summary>
public sealed record JourneyRevisionSummary(int Revision, DateTimeOffset SavedAt, string SavedBy, string? Note);

/// <summary>One journey written by <see cref="JourneyStore.ImportAsync"/>: its stored name, new revision, and whether it was new.</summary>
public sealed record ImportedJourney(string Name, int Revision, bool Created);
