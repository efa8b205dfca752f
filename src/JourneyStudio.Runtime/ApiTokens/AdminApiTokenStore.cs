using JourneyStudio.Runtime.Audit;
using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JourneyStudio.Runtime.ApiTokens;

/// <summary>
/// Admin API tokens: created by an admin (the text is returned once), listed, revoked, and checked on every
/// admin API request that presents one. Creation and revocation are recorded in the audit log.
/// </summary>
public sealed class AdminApiTokenStore(
    IDbContextFactory<JourneyStudioDbContext> contextFactory,
    IAuditLog audit,
    TimeProvider timeProvider)
{
    /// <summary>
    /// How stale the recorded last use may be. A pipeline calls the API many times a minute; writing on every
    /// call would put a database write (and SQLite's one write lock) on every request.
    /// </summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>Live tokens first (newest first), then revoked ones.</summary>
    public async Task<IReadOnlyList<AdminApiTokenSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var tokens = await db.Set<AdminApiToken>().AsNoTracking().ToListAsync(cancellationToken);
        return [.. tokens.OrderBy(t => t.RevokedAt is not null).ThenByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Select(Summarize)];
    }

    /// <summary>Creates a token named <paramref name="name"/>; <paramref name="expiresAt"/> null means it does not expire.</summary>
    public async Task<AdminApiTokenCreateResult> CreateAsync(string name, DateTimeOffset? expiresAt, AuditActor by,
        CancellationToken cancellationToken = default)
    {
        if (AdminApiTokenRules.ValidateName(name) is { } nameProblem) return new AdminApiTokenCreateResult.Invalid(nameProblem);
        var now = timeProvider.GetUtcNow();
        if (expiresAt is { } expiry && expiry <= now)
            return new AdminApiTokenCreateResult.Invalid("The expiry must be in the future.");

        var text = AdminApiTokenRules.NewToken();
        var token = new AdminApiToken
        {
            Name = name,
            TokenHash = AdminApiTokenRules.Hash(text),
            CreatedBy = by.Name,
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await LiveNamedAsync(db, name, cancellationToken) is { } existing)
                return new AdminApiTokenCreateResult.NameTaken(existing);
            db.Set<AdminApiToken>().Add(token);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                // Another admin created a live token of that name between the check and the insert.
                return new AdminApiTokenCreateResult.NameTaken(await LiveNamedAsync(db, name, cancellationToken) ?? name);
            }
        }

        await audit.RecordAsync(new AuditEvent
        {
            Action = AuditActions.TokenCreate,
            Actor = by.Name,
            Target = name,
            Channel = by.Channel,
            RemoteAddress = by.RemoteAddress,
            Detail = expiresAt.HasValue ? $"Expires {expiresAt.Value.UtcDateTime:yyyy-MM-dd HH:mm} UTC." : "Does not expire.",
        }, cancellationToken);
        return new AdminApiTokenCreateResult.Created(Summarize(token), text);
    }

    /// <summary>Revokes the token: from now on it is answered like an unknown one.</summary>
    public async Task<AdminApiTokenRevokeResult> RevokeAsync(int id, AuditActor by, CancellationToken cancellationToken = default)
    {
        AdminApiToken? token;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            token = await db.Set<AdminApiToken>().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
            if (token is null) return new AdminApiTokenRevokeResult.NotFound();
            if (token.RevokedAt is not null) return new AdminApiTokenRevokeResult.AlreadyRevoked(Summarize(token));
            var now = timeProvider.GetUtcNow();
            // Conditional, so two admins revoking at once record one revocation.
            var revoked = await db.Set<AdminApiToken>().Where(t => t.Id == id && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now).SetProperty(t => t.RevokedBy, by.Name), cancellationToken);
            if (revoked == 0)
                return new AdminApiTokenRevokeResult.AlreadyRevoked(Summarize(await db.Set<AdminApiToken>().AsNoTracking().SingleAsync(t => t.Id == id, cancellationToken)));
            token.RevokedAt = now;
            token.RevokedBy = by.Name;
        }

        await audit.RecordAsync(new AuditEvent
        {
            Action = AuditActions.TokenRevoke,
            Actor = by.Name,
            Target = token.Name,
            Channel = by.Channel,
            RemoteAddress = by.RemoteAddress,
        }, cancellationToken);
        return new AdminApiTokenRevokeResult.Revoked(Summarize(token));
    }

    /// <summary>
    /// Checks presented token text: one indexed read by hash (no slow hash: the token's 256 random bits make
    /// guessing hopeless), and at most one write per <see cref="LastUsedResolution"/> to record the use.
    /// </summary>
    public async Task<AdminApiTokenCheck> AuthenticateAsync(string? text, CancellationToken cancellationToken = default)
    {
        if (!AdminApiTokenRules.HasTokenShape(text)) return new AdminApiTokenCheck.Rejected(AdminApiTokenRejection.Malformed);
        var hash = AdminApiTokenRules.Hash(text!);

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var token = await db.Set<AdminApiToken>().AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (token is null) return new AdminApiTokenCheck.Rejected(AdminApiTokenRejection.Unknown);
        var now = timeProvider.GetUtcNow();
        switch (Summarize(token).StateAt(now))
        {
            case AdminApiTokenState.Revoked: return new AdminApiTokenCheck.Rejected(AdminApiTokenRejection.Revoked, token.Name);
            case AdminApiTokenState.Expired: return new AdminApiTokenCheck.Rejected(AdminApiTokenRejection.Expired, token.Name);
        }

        if (token.LastUsedAt is not { } lastUsed || now - lastUsed >= LastUsedResolution)
        {
            var staleBefore = now - LastUsedResolution;
            // Conditional: of several requests that saw the same stale value, the first one writes.
            await db.Set<AdminApiToken>()
                .Where(t => t.Id == token.Id && (t.LastUsedAt == null || t.LastUsedAt <= staleBefore))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
            token.LastUsedAt = now;
        }
        return new AdminApiTokenCheck.Valid(Summarize(token));
    }

    private static async Task<string?> LiveNamedAsync(JourneyStudioDbContext db, string name, CancellationToken cancellationToken) =>
        await db.Set<AdminApiToken>().Where(t => t.Name == name && t.RevokedAt == null).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken);

    private static AdminApiTokenSummary Summarize(AdminApiToken token) =>
        new(token.Id, token.Name, token.CreatedBy, token.CreatedAt, token.ExpiresAt, token.LastUsedAt, token.RevokedAt, token.RevokedBy);
}
