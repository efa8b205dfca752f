namespace JourneyStudio.Runtime.Mfa;

/// <summary>
/// Everything in a <c>pushauth://push/{issuer}:{account}?…</c> URI (am-protocol 4.2). The parser returns the
/// same record, so build and parse round-trip.
/// </summary>
public sealed record PushRegistrationParameters
{
    /// <summary>Issuer shown in the app; goes in the label and, base64url, in <c>issuer</c>.</summary>
    public required string Issuer { get; init; }

    /// <summary>The account name in the label (e.g. the username).</summary>
    public required string AccountName { get; init; }

    /// <summary><c>l</c>: a cookie the app sends back on its requests (AM: the load-balancer cookie); optional.</summary>
    public string? LoadBalancerCookie { get; init; }

    /// <summary><c>m</c>: the registration message id, <c>REGISTER:{uuid}{epochMillis}</c>.</summary>
    public required string MessageId { get; init; }

    /// <summary><c>s</c>: the shared secret bytes.</summary>
    public required byte[] SharedSecret { get; init; }

    /// <summary><c>c</c>: the registration challenge bytes.</summary>
    public required byte[] Challenge { get; init; }

    /// <summary><c>r</c>: the URL the app posts its registration to.</summary>
    public required string RegistrationEndpoint { get; init; }

    /// <summary><c>a</c>: the URL the app posts its authentication answers to.</summary>
    public required string AuthenticationEndpoint { get; init; }

    /// <summary><c>uid</c>: the user's name; optional.</summary>
    public string? UserId { get; init; }

    /// <summary><c>pid</c>: the device-profile UUID; optional.</summary>
    public string? DeviceProfileId { get; init; }

    /// <summary><c>b</c>: background colour as six hex digits (a leading '#' is dropped); null leaves it out.</summary>
    public string? BackgroundColour { get; init; } = RegistrationUris.DefaultBackgroundColour;

    /// <summary><c>image</c>: logo URL; optional.</summary>
    public string? ImageUrl { get; init; }
}

/// <summary>Everything in an <c>otpauth://{totp|hotp}/{issuer}:{account}?…</c> URI (am-protocol 4.3).</summary>
public sealed record OathRegistrationParameters
{
    /// <summary>Issuer shown in the app.</summary>
    public required string Issuer { get; init; }

    /// <summary>The account name in the label.</summary>
    public required string AccountName { get; init; }

    /// <summary>TOTP or HOTP; the URI host.</summary>
    public OathKind Kind { get; init; } = OathKind.Totp;

    /// <summary><c>secret</c>: the shared secret bytes (written as base32 without padding).</summary>
    public required byte[] Secret { get; init; }

    /// <summary><c>digits</c>: 6 or 8.</summary>
    public int Digits { get; init; } = 6;

    /// <summary><c>period</c>: seconds per TOTP code (TOTP only).</summary>
    public int PeriodSeconds { get; init; } = 30;

    /// <summary><c>counter</c>: the current HOTP counter (HOTP only).</summary>
    public long Counter { get; init; }

    /// <summary><c>algorithm</c>: written only when not SHA1.</summary>
    public OathHashAlgorithm Algorithm { get; init; } = OathHashAlgorithm.Sha1;

    /// <summary><c>b</c>: background colour as six hex digits; null leaves it out.</summary>
    public string? BackgroundColour { get; init; } = RegistrationUris.DefaultBackgroundColour;

    /// <summary><c>image</c>: logo URL, written raw (not base64) as AM does; optional.</summary>
    public string? ImageUrl { get; init; }

    /// <summary><c>uid</c>: the user's name; optional.</summary>
    public string? UserId { get; init; }

    /// <summary><c>oid</c>: the OATH device UUID; optional.</summary>
    public string? DeviceId { get; init; }
}

/// <summary>
/// Everything in an <c>mfauth://{totp|hotp}/{issuer}:{account}?…</c> URI (am-protocol 4.4): the push parameters,
/// then the OATH ones, then <c>policies</c>. Issuer and account name come from <see cref="Push"/> and must match
/// <see cref="Oath"/>.
/// </summary>
/// <param name="Push">The push half.</param>
/// <param name="Oath">The OATH half.</param>
/// <param name="PoliciesJson">Authenticator policies as JSON (<c>policies</c>, base64url); optional.</param>
public sealed record CombinedRegistrationParameters(
    PushRegistrationParameters Push,
    OathRegistrationParameters Oath,
    string? PoliciesJson = null);
