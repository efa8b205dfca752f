namespace JourneyStudio.Runtime.JourneyTests;

/// <summary>
/// The sandbox's clock: it starts at the real time and moves only when the runner moves it (a client waiting out a
/// polling step, a push left to expire), so a scenario runs in milliseconds whatever the journey's timeouts are.
/// </summary>
public sealed class SandboxClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Reset(DateTimeOffset now) => _now = now;

    public void Advance(TimeSpan by)
    {
        if (by > TimeSpan.Zero) _now += by;
    }
}
