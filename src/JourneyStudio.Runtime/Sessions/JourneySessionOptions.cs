namespace JourneyStudio.Runtime.Sessions;

/// <summary>Session lifetimes, bound from <c>JourneyStudio:Sessions</c> (TimeSpan text such as <c>00:05:00</c>).</summary>
public sealed class JourneySessionOptions
{
    public const string SectionName = "JourneyStudio:Sessions";

    /// <summary>A sign-on in progress expires when no step is submitted for this long.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Upper bound of a sign-on; a journey's <c>MaximumSessionDurationMinutes</c> overrides it.</summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long an end-user session (tokenId, cookie <c>iPlanetDirectoryPro</c>) lasts.</summary>
    public TimeSpan UserSessionLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long ended sign-ons are kept, so the designer can show the paths recent runs took.</summary>
    public TimeSpan FinishedRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often expired sessions are deleted in the background.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(1);
}
