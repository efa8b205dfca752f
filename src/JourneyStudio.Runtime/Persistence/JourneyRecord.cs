namespace JourneyStudio.Runtime.Persistence;

/// <summary>
/// One journey and its current state. The content of every saved version lives in
/// <see cref="JourneyRevisionRecord"/>; <see cref="Json"/> repeats the current one so that loading a
/// journey reads one row.
/// </summary>
public sealed class JourneyRecord
{
    public int Id { get; init; }

    /// <summary>Unique without regard to ASCII case (NOCASE collation).</summary>
    public required string Name { get; set; }

    public string Description { get; set; } = "";

    /// <summary>
    /// The revision the current content belongs to. A concurrency token: an update only succeeds
    /// when the row still holds the revision the writer read.
    /// </summary>
    public int CurrentRevision { get; set; }

    /// <summary>Journey-level state; wins over the flag inside the stored JSON.</summary>
    public bool Enabled { get; set; }

    /// <summary>Journey-level state; at most one row has it (enforced by a filtered unique index).</summary>
    public bool IsRealmDefault { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The current revision's content, as written by the <see cref="IJourneyCodec"/>.</summary>
    public required string Json { get; set; }

    public List<JourneyRevisionRecord> Revisions { get; init; } = [];
}
