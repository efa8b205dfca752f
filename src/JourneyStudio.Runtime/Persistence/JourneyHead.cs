namespace JourneyStudio.Runtime.Persistence;

/// <summary>
/// A journey row without its content: its identity and the journey-level state (<see cref="Name"/>, <see cref="Enabled"/>,
/// <see cref="IsRealmDefault"/>) that every load applies over whatever revision it loads. Small enough to read with
/// another row (a sign-on's session joins it), so a cached revision needs no further read.
/// </summary>
public sealed record JourneyHead(int Id, DateTimeOffset CreatedAt, string Name, bool Enabled, bool IsRealmDefault, int LiveRevision,
    int CurrentRevision)
{
    /// <summary>The cache key of this journey's <paramref name="revision"/>.</summary>
    public JourneyRevisionKey KeyOf(int revision) => new(Id, CreatedAt, revision);
}
