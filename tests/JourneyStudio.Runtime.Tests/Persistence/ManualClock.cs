namespace JourneyStudio.Runtime.Tests.Persistence;

/// <summary>A clock the test moves by hand, so timestamps are known values.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();

    public void Advance(TimeSpan by) => Now += by;
}
