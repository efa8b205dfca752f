namespace JourneyStudio.Journeys.Model;

/// <summary>The journey options an admin sets in the "New Journey" dialog and the journey settings.</summary>
public sealed record JourneySettings
{
    public const string DefaultIdentityResource = "managed/alpha_user";

    /// <summary>The type of object this journey authenticates (AM: <c>identityResource</c>).</summary>
    public string IdentityResource { get; init; } = DefaultIdentityResource;

    /// <summary>A disabled journey cannot be started by end users.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The realm's default journey for end users: what <c>/login</c> with no journey runs.</summary>
    public bool IsRealmDefault { get; init; }

    /// <summary>Theme that overrides the realm theme for this journey; null keeps the realm theme.</summary>
    public string? ThemeOverride { get; init; }

    /// <summary>The journey can only run inside an Inner Tree Evaluator, never directly.</summary>
    public bool InnerTreeOnly { get; init; }

    /// <summary>Upper bound of a sign-on through this journey in minutes; null uses the runtime default.</summary>
    public int? MaximumSessionDurationMinutes { get; init; }

    /// <summary>Success returns no session token (AM: <c>noSession</c>).</summary>
    public bool NoSession { get; init; }

    /// <summary>AM: <c>mustRun</c>; kept for round-trips.</summary>
    public bool MustRun { get; init; }

    /// <summary>Free-form categories shown in the journey list (AM: <c>uiConfig.categories</c>).</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];
}
