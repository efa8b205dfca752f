namespace JourneyStudio.OpenIdConnect;

/// <summary>Settings of the OpenID Connect provider, section <c>JourneyStudio:OAuth2</c>.</summary>
public sealed class OpenIdConnectOptions
{
    public const string SectionName = "JourneyStudio:OAuth2";

    /// <summary>How long one signing key signs before the next takes over.</summary>
    public TimeSpan SigningKeyLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long before it signs a new key is already published in the JWKS, so that caches have it.</summary>
    public TimeSpan SigningKeyPrePublication { get; set; } = TimeSpan.FromDays(2);

    /// <summary>
    /// How long a retired key stays published and accepted: at least the longest token lifetime it may have signed
    /// (refresh tokens are signed too), which is also the upper bound of every client's lifetimes.
    /// </summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often an instance rereads the keys, to pick up keys another instance made.</summary>
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    public string? Validate()
    {
        if (SigningKeyLifetime < TimeSpan.FromHours(1)) return $"{SectionName}:SigningKeyLifetime must be at least 01:00:00.";
        if (SigningKeyPrePublication <= TimeSpan.Zero || SigningKeyPrePublication >= SigningKeyLifetime)
            return $"{SectionName}:SigningKeyPrePublication must be positive and shorter than SigningKeyLifetime.";
        if (MaxTokenLifetime < TimeSpan.FromMinutes(5)) return $"{SectionName}:MaxTokenLifetime must be at least 00:05:00.";
        if (KeyRefreshInterval <= TimeSpan.Zero || KeyRefreshInterval >= SigningKeyPrePublication)
            return $"{SectionName}:KeyRefreshInterval must be positive and shorter than SigningKeyPrePublication.";
        return null;
    }
}
