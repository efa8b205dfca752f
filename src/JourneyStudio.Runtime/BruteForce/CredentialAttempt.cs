namespace JourneyStudio.Runtime.BruteForce;

/// <summary>Whose failures a check counts towards: end users and admins have separate counters.</summary>
public enum CredentialAudience
{
    EndUser,
    Admin,
}

/// <summary>The kind of secret a check tests; all kinds of one identity count towards the same lockout.</summary>
public enum CredentialKind
{
    Password,
    OathCode,
    RecoveryCode,
    PushNumber,
    /// <summary>Answers to security (KBA) questions.</summary>
    SecurityAnswer,
}

/// <summary>One credential check about to be made: for whom, of what, from which client address (null when unknown).</summary>
public sealed record CredentialAttempt(CredentialAudience Audience, CredentialKind Kind, string Username, string? RemoteAddress);

/// <summary>
/// The named answer to a guarded check. Only <see cref="Accepted"/> lets the caller proceed; callers answer every
/// other verdict exactly as a wrong credential, so that a response never tells whether an identity exists or is locked.
/// </summary>
public enum CredentialVerdict
{
    Accepted,

    /// <summary>The check ran and the credential was wrong (counted).</summary>
    Wrong,

    /// <summary>The identity is locked (or its failure budget is used up by checks in progress); the check did not run.</summary>
    IdentityLocked,

    /// <summary>The client address has made too many failed checks in the current window; the check did not run.</summary>
    AddressThrottled,
}
