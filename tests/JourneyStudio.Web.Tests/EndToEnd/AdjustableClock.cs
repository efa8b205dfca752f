namespace JourneyStudio.Web.Tests.EndToEnd;

/// <summary>
/// The server's clock in these tests: real time plus an offset the test moves forward, so a 5 s Push Wait or a
/// 2 min push expiry passes without the test sleeping. Timers are the system's (the base class's), so background
/// services keep working.
/// </summary>
public sealed class AdjustableClock(bool frozen = false) : TimeProvider
{
    // Frozen: the time moves only when a test says so, for tests that count seconds (a lockout's minute) while the
    // requests between two Advance calls may take seconds of real time on a loaded machine.
    private readonly DateTimeOffset? _frozenAt = frozen ? System.GetUtcNow() : null;
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => (_frozenAt ?? System.GetUtcNow()) + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), by, "The clock only moves forward.");
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}
