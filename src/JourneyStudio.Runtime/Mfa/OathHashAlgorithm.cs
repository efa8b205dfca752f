namespace JourneyStudio.Runtime.Mfa;

/// <summary>The HMAC behind an OATH code (AM's HMAC_SHA1 / HMAC_SHA256 / HMAC_SHA512).</summary>
public enum OathHashAlgorithm
{
    /// <summary>HMAC-SHA1, the default every authenticator app supports.</summary>
    Sha1,

    /// <summary>HMAC-SHA256.</summary>
    Sha256,

    /// <summary>HMAC-SHA512.</summary>
    Sha512,
}

/// <summary>TOTP (time based) or HOTP (counter based).</summary>
public enum OathKind
{
    /// <summary>Time-based one-time passwords (RFC 6238).</summary>
    Totp,

    /// <summary>Counter-based one-time passwords (RFC 4226).</summary>
    Hotp,
}
