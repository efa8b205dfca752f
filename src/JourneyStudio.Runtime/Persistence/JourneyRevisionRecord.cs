namespace JourneyStudio.Runtime.Persistence;

/// <summary>
/// One saved version of a journey. Never changed after it is written: sign-ons in flight stay
/// pinned to the revision they started on.
/// </summary>
public sealed class JourneyRevisionRecord
{
    public int Id { get; init; }

    public int JourneyId { get; init; }

    /// <summary>1 for the first save, then +1 per save; unique per journey.</summary>
    public int Revision { get; init; }

    public required string Json { get; init; }

    public DateTimeOffset SavedAt { get; init; }

    public required string SavedBy { get; init; }

    public string? Note { get; init; }
}
