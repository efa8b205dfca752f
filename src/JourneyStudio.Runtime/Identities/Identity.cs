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

    /// <summary>IDM <c>telephoneNumber</c>; empty when not set.</summary>
    public string TelephoneNumber { get; set; } = "";

    /// <summary>IDM <c>preferences/marketing</c>; null until the user (or an admin) answers.</summary>
    public bool? MarketingPreference { get; set; }

    /// <summary>IDM <c>preferences/updates</c>; null until the user (or an admin) answers.</summary>
    public bool? UpdatesPreference { get; set; }

    /// <summary>Further string attributes by IDM name (bounded; see <see cref="IdentityRules.ValidateCustomAttributes"/>).</summary>
    public IReadOnlyDictionary<string, string> CustomAttributes { get; set; } = new Dictionary<string, string>();

    /// <summary>IDM <c>kbaInfo</c>: security questions with hashed answers, never the answers themselves.</summary>
    public IReadOnlyList<KbaAnswer> KbaInfo { get; set; } = [];

    /// <summary>Successful sign-ons counted by Increment Login Count (changed only by an atomic increment).</summary>
    public int LoginCount { get; set; }

    public DateTimeOffset? LastLogin { get; set; }

    /// <summary>IDM <c>termsAccepted/termsVersion</c>: the version of the terms the user accepted last.</summary>
    public string? TermsVersion { get; set; }

    /// <summary>IDM <c>termsAccepted/acceptDate</c>.</summary>
    public DateTimeOffset? TermsAcceptedAt { get; set; }

    public MfaSkipState PushSkip { get; set; }

    public MfaSkipState OathSkip { get; set; }

    public MfaSkipState WebAuthnSkip { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }
}
