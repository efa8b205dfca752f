namespace JourneyStudio.Web.Tests.EndToEnd;

/// <summary>
/// The server's clock in these tests: real time plus an offset the test moves forward, so a 5 s Push Wait or a
/// 2 min push expiry passes without the test sleeping. Timers are the system's (the base class's), so background
/// services keep working.
/// </summary>
public sealed class AdjustableClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), by, "The clock only moves forward.");
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}
