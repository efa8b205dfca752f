namespace JourneyStudio.Runtime.ApiTokens;

/// <summary>
/// A named credential for the admin REST API (pipelines, scripts). The token text is shown once when it is
/// created; only its SHA-256 is kept, so a copy of the database does not hand out API access.
/// </summary>
public sealed class AdminApiToken
{
    public int Id { get; init; }

    /// <summary>What the token is for, e.g. "deploy pipeline"; unique among tokens that are not revoked (NOCASE).</summary>
    public required string Name { get; init; }

    /// <summary>Lower-case hex SHA-256 of the token's UTF-8 text.</summary>
    public required string TokenHash { get; init; }

    /// <summary>The admin who created it.</summary>
    public required string CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Null: the token does not expire.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Recorded at most once per <see cref="AdminApiTokenStore.LastUsedResolution"/>, not on every request.</summary>
    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }
}
