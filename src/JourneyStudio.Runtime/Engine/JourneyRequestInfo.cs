using System.Collections.Immutable;

namespace JourneyStudio.Runtime.Engine;

/// <summary>What the engine may know about the HTTP request that drives a step. Filled in by the web layer.</summary>
public sealed record JourneyRequestInfo
{
    public static readonly JourneyRequestInfo Empty = new();

    public string? RemoteIpAddress { get; init; }

    public string? UserAgent { get; init; }

    /// <summary>
    /// The request's scheme, host and path base, e.g. <c>https://login.example.com</c>. MFA registration builds the
    /// device's callback URLs from it when the setting <c>JourneyStudio:PublicBaseUrl</c> is not set.
    /// </summary>
    public string? BaseUrl { get; init; }

    /// <summary>Request headers, names compared case-insensitively.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } =
        ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    /// <summary>Query parameters of the request (e.g. <c>authIndexValue</c>), names compared case-sensitively as AM does.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Parameters { get; init; } =
        ImmutableDictionary<string, IReadOnlyList<string>>.Empty;

    /// <summary>
    /// The properties of the end user's current session when the request carries a valid one (AM's <c>existingSession</c>:
    /// <c>UserToken</c>, <c>UserId</c>, <c>Realm</c>, <c>Service</c>, <c>AuthType</c>); null otherwise.
    /// </summary>
    public IReadOnlyDictionary<string, string>? ExistingSession { get; init; }

    /// <summary>
    /// The sign-on (journey session id) this request drives; set by the session runner. Nodes store it with what a
    /// device answers later (push messages), so the answer's log lines name the sign-on too.
    /// </summary>
    public string? SignOnId { get; init; }

    /// <summary>The client's preferred locales, best first (from Accept-Language or the <c>locale</c> query).</summary>
    public IReadOnlyList<string> PreferredLocales { get; init; } = [];

    /// <summary>The request opened a suspended sign-on's resume link (<c>suspendedId</c>); see <see cref="NodeContext.ResumedFromSuspend"/>.</summary>
    public bool ResumedFromSuspend { get; init; }
}
