namespace JourneyStudio.Runtime.ApiTokens;

/// <summary>A token as the studio lists it; never the token text or its hash.</summary>
public sealed record AdminApiTokenSummary(
    int Id,
    string Name,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt,
    string? RevokedBy)
{
    public AdminApiTokenState StateAt(DateTimeOffset now) =>
        RevokedAt is not null ? AdminApiTokenState.Revoked
        : ExpiresAt is { } expires && expires <= now ? AdminApiTokenState.Expired
        : AdminApiTokenState.Active;
}

public enum AdminApiTokenState
{
    Active,
    Expired,
    Revoked,
}

public abstract record AdminApiTokenCreateResult
{
    private AdminApiTokenCreateResult() { }

    /// <summary>
    /// The token was stored (as its hash). <paramref name="Token"/> is the text to hand to the admin now: it is not
    /// kept and cannot be shown again.
    /// </summary>
    public sealed record Created(AdminApiTokenSummary Summary, string Token) : AdminApiTokenCreateResult
    {
        // Records print their members; keep the token out of logs that format the result.
        public override string ToString() => $"AdminApiTokenCreateResult.Created {{ Summary = {Summary}, Token = *** }}";
    }

    /// <summary>A token that is not revoked has this name (possibly in another letter case).</summary>
    public sealed record NameTaken(string ExistingName) : AdminApiTokenCreateResult;

    public sealed record Invalid(string Message) : AdminApiTokenCreateResult;
}

public abstract record AdminApiTokenRevokeResult
{
    private AdminApiTokenRevokeResult() { }

    public sealed record Revoked(AdminApiTokenSummary Summary) : AdminApiTokenRevokeResult;

    /// <summary>Revoked before; nothing changed.</summary>
    public sealed record AlreadyRevoked(AdminApiTokenSummary Summary) : AdminApiTokenRevokeResult;

    public sealed record NotFound : AdminApiTokenRevokeResult;
}

/// <summary>Why presented token text does not authenticate. Callers answer every reason alike (401).</summary>
public enum AdminApiTokenRejection
{
    /// <summary>Not shaped like a token of this studio (prefix, length, alphabet).</summary>
    Malformed,
    Unknown,
    Revoked,
    Expired,
}

public abstract record AdminApiTokenCheck
{
    private AdminApiTokenCheck() { }

    public sealed record Valid(AdminApiTokenSummary Summary) : AdminApiTokenCheck;

    /// <param name="TokenName">Set when the token exists (revoked or expired), for the audit log.</param>
    public sealed record Rejected(AdminApiTokenRejection Reason, string? TokenName = null) : AdminApiTokenCheck;
}
