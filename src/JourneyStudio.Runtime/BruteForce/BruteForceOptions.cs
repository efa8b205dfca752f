namespace JourneyStudio.Runtime.BruteForce;

/// <summary>
/// How guessing is limited, bound from <c>JourneyStudio:BruteForce</c> (TimeSpan text such as <c>00:01:00</c>).
/// Modelled on Keycloak's brute-force detector: consecutive failures per identity lead to a temporary lockout
/// that doubles with each further lockout; a per-address throttle limits guessing across many usernames.
/// </summary>
public sealed class BruteForceOptions
{
    public const string SectionName = "JourneyStudio:BruteForce";

    /// <summary>Off only for a lab; with it off nothing is counted and nobody is locked.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Consecutive failed credential checks of one identity that lock it.</summary>
    public int MaxFailures { get; set; } = 10;

    /// <summary>The first lockout's length; each further lockout (without a reset in between) doubles it.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest a lockout grows to.</summary>
    public TimeSpan MaxLockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>After this long without a failure, an identity's failures and earlier lockouts are forgotten.</summary>
    public TimeSpan FailureResetTime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Failed checks one client address may make in <see cref="AddressWindow"/>, over all usernames; 0 turns the throttle off.</summary>
    public int AddressMaxFailures { get; set; } = 50;

    /// <summary>The fixed window of the per-address throttle; it starts with the window's first failure.</summary>
    public TimeSpan AddressWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The length of lockout number <paramref name="previousLockouts"/> + 1: <see cref="LockoutDuration"/> doubled once per
    /// earlier lockout, capped at <see cref="MaxLockoutDuration"/>.
    /// </summary>
    public TimeSpan LockoutLength(int previousLockouts)
    {
        var length = LockoutDuration;
        for (var i = 0; i < previousLockouts && length < MaxLockoutDuration; i++) length += length;
        return length < MaxLockoutDuration ? length : MaxLockoutDuration;
    }

    /// <summary>What is wrong with the settings, each naming its setting; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (MaxFailures < 1)
            problems.Add($"{SectionName}:MaxFailures must be at least 1 (it is {MaxFailures}); set {SectionName}:Enabled=false to turn the protection off.");
        if (LockoutDuration <= TimeSpan.Zero)
            problems.Add($"{SectionName}:LockoutDuration must be a positive duration such as 00:01:00 (it is {LockoutDuration}).");
        if (MaxLockoutDuration < LockoutDuration)
            problems.Add($"{SectionName}:MaxLockoutDuration ({MaxLockoutDuration}) must not be shorter than {SectionName}:LockoutDuration ({LockoutDuration}).");
        if (FailureResetTime <= TimeSpan.Zero)
            problems.Add($"{SectionName}:FailureResetTime must be a positive duration such as 12:00:00 (it is {FailureResetTime}).");
        if (AddressMaxFailures < 0)
            problems.Add($"{SectionName}:AddressMaxFailures must be 0 (off) or more (it is {AddressMaxFailures}).");
        if (AddressMaxFailures > 0 && AddressWindow <= TimeSpan.Zero)
            problems.Add($"{SectionName}:AddressWindow must be a positive duration such as 00:05:00 (it is {AddressWindow}).");
        return problems;
    }
}
