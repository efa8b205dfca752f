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

    /// <summary>The name breaks <see cref="JourneyNameRules"/>; <paramref name="Message"/> says how.</summary>
    public sealed record InvalidName(string Message) : SaveResult;
}

/// <summary>One row of the journey list.</summary>
public sealed record JourneySummary(
    string Name,
    string Description,
    bool Enabled,
    bool IsRealmDefault,
    int CurrentRevision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A journey as loaded from the store, with the revision it is.</summary>
public sealed record StoredJourney(Journey Journey, int Revision);

/// <summary>One entry of a journey's history.</summary>
public sealed record JourneyRevisionSummary(int Revision, DateTimeOffset SavedAt, string SavedBy, string? Note);

/// <summary>One journey written by <see cref="JourneyStore.ImportAsync"/>: its stored name, new revision, and whether it was new.</summary>
public sealed record ImportedJourney(string Name, int Revision, bool Created);
