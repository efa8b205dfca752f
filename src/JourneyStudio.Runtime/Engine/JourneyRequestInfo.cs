using System.Collections.Immutable;

namespace JourneyStudio.Runtime.Engine;

/// <summary>What the engine may know about the HTTP request that drives a step. Filled in by the web layer.</summary>
public sealed record JourneyRequestInfo
{
    public static readonly JourneyRequestInfo Empty = new();

    public string? RemoteIpAddress { get; init; }

    public string? UserAgent { get; init; }

    /// <summary>Request headers, names compared case-insensitively.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } =
        ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    /// <summary>The client's preferred locales, best first (from Accept-Language or the <c>locale</c> query).</summary>
    public IReadOnlyList<string> PreferredLocales { get; init; } = [];
}
