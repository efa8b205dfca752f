namespace JourneyStudio.Runtime.Tests.Support;

/// <summary>A clock that only moves when a test says so.</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    public ManualTimeProvider() : this(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero)) { }

    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
