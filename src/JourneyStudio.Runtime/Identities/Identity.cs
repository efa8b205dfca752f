namespace JourneyStudio.Runtime.Identities;

/// <summary>Whether a user may skip an MFA method (AM's three-valued "skippable" attribute).</summary>
public enum MfaSkipState
{
    NotSet,
    Skippable,
    NotSkippable,
}

/// <summary>An end user who signs on through journeys.</summary>
public sealed class Identity
{
    public int Id { get; init; }

    /// <summary>Unique without regard to ASCII case.</summary>
    public required string Username { get; set; }

    public string GivenName { get; set; } = "";

    /// <summary>Surname (LDAP <c>sn</c>, as AM names it).</summary>
    public string Sn { get; set; } = "";

    public string Mail { get; set; } = "";

    /// <summary>An inactive user cannot sign on; Data Store Decision answers false.</summary>
    public bool Active { get; set; } = true;

    /// <summary>ASP.NET Core Identity's PasswordHasher format; never the password itself.</summary>
    public required string PasswordHash { get; set; }

    public MfaSkipState PushSkip { get; set; }

    public MfaSkipState OathSkip { get; set; }

    public MfaSkipState WebAuthnSkip { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }
}
