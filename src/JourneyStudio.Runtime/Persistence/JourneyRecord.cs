namespace JourneyStudio.Runtime.Persistence;

/// <summary>
/// One journey and its current state. The content of every saved version lives in
/// <see cref="JourneyRevisionRecord"/>; <see cref="Json"/> repeats the live one so that starting a
/// sign-on reads one row.
/// </summary>
/// <remarks>
/// Drafts: <see cref="CurrentRevision"/> is the newest revision and <see cref="LiveRevision"/> the one end
/// users run. When they differ, the newest revision is the draft; there is never a draft older than the live
/// revision (journey-level writes such as a rename carry the draft over), so one number per role is enough.
/// </remarks>
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

    /// <summary>
    /// The revision new sign-ons run (published). Equal to <see cref="CurrentRevision"/> unless a draft was saved
    /// since; never greater.
    /// </summary>
    public int LiveRevision { get; set; }

    /// <summary>The draft's revision (the newest one) when it is not live yet, else null.</summary>
    public int? DraftRevision => CurrentRevision > LiveRevision ? CurrentRevision : null;

    /// <summary>Journey-level state; wins over the flag inside the stored JSON.</summary>
    public bool Enabled { get; set; }

    /// <summary>Journey-level state; at most one row has it (enforced by a filtered unique index).</summary>
    public bool IsRealmDefault { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The live revision's content, as written by the <see cref="IJourneyCodec"/>.</summary>
    public required string Json { get; set; }

    public List<JourneyRevisionRecord> Revisions { get; init; } = [];
}
