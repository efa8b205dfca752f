using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Sessions;
using Microsoft.EntityFrameworkCore;

namespace JourneyStudio.Runtime.Identities;

/// <summary>A user as the admin API and pages show it: everything but the password hash.</summary>
public sealed record IdentitySummary(
    string Username, string GivenName, string Sn, string Mail, bool Active,
    MfaSkipState PushSkip, MfaSkipState OathSkip, MfaSkipState WebAuthnSkip,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record NewIdentity(string Username, string Password, string GivenName = "", string Sn = "", string Mail = "");

/// <summary>A partial update: null leaves a field as it is.</summary>
public sealed record IdentityUpdate(string? GivenName = null, string? Sn = null, string? Mail = null, bool? Active = null, string? Password = null);

public abstract record IdentityResult
{
    public sealed record Done(IdentitySummary Identity) : IdentityResult;
    public sealed record NotFound : IdentityResult;
    public sealed record UsernameTaken(string ExistingUsername) : IdentityResult;
    public sealed record Invalid(string Message) : IdentityResult;
}

/// <summary>
/// End users: CRUD for admins, password checks for the Data Store Decision node, MFA skip flags. The account
/// rules live here, so the admin API and the studio page cannot differ: disabling an identity or changing its
/// password ends its sessions and sign-ons in progress, and deleting it removes everything kept for it.
/// </summary>
public sealed class IdentityStore(
    IDbContextFactory<JourneyStudioDbContext> contextFactory,
    BoundedPasswordHasher hasher,
    TimeProvider time,
    UserSessionStore sessions)
{
    private const string IdentitiesScope = "identities";

    /// <summary>One page of the identities <paramref name="query"/> finds, by username; searched and paged in the database.</summary>
    public async Task<IdentityPage> SearchAsync(IdentityQuery query, CancellationToken cancellationToken = default)
    {
        if (query.Validate() is { Count: > 0 } problems)
            throw new ArgumentException(string.Join("; ", problems.Select(p => $"{p.Parameter} {p.Message}")), nameof(query));
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var identities = db.Identities.AsNoTracking();
        if (query.Search?.Trim() is { Length: > 0 } term)
        {
            // Both sides folded the same way (JourneyStudioDbContext.CaseFold): the username's own collation cannot be
            // searched on PostgreSQL, and SQLite's lower/LIKE fold ASCII only.
            var folded = term.ToUpperInvariant();
            identities = identities.Where(i =>
                JourneyStudioDbContext.CaseFold(i.Username).Contains(folded) || JourneyStudioDbContext.CaseFold(i.GivenName).Contains(folded)
                || JourneyStudioDbContext.CaseFold(i.Sn).Contains(folded) || JourneyStudioDbContext.CaseFold(i.Mail).Contains(folded));
        }
        var total = await identities.CountAsync(cancellationToken);
        var page = total <= query.Offset
            ? []
            : await identities.OrderBy(i => i.Username).Skip(query.Offset).Take(query.Limit).ToListAsync(cancellationToken);
        return new IdentityPage(page.Select(Summarize).ToList(), total);
    }

    public async Task<IdentitySummary?> GetAsync(string username, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var identity = await db.Identities.AsNoTracking().FirstOrDefaultAsync(i => i.Username == username, cancellationToken);
        return identity is null ? null : Summarize(identity);
    }

    public async Task<IdentityResult> CreateAsync(NewIdentity request, CancellationToken cancellationToken = default)
    {
        var problem = IdentityRules.ValidateUsername(request.Username) ?? IdentityRules.ValidatePassword(request.Password)
            ?? IdentityRules.ValidateName(request.GivenName, "first name") ?? IdentityRules.ValidateName(request.Sn, "last name")
            ?? IdentityRules.ValidateMail(request.Mail);
        if (problem is not null) return new IdentityResult.Invalid(problem);

        var hash = await hasher.HashAsync(request.Password, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.BeginSerializedTransactionAsync(IdentitiesScope, cancellationToken);
        var existing = await db.Identities.Where(i => i.Username == request.Username).Select(i => i.Username).FirstOrDefaultAsync(cancellationToken);
        if (existing is not null) return new IdentityResult.UsernameTaken(existing);
        var now = time.GetUtcNow();
        var identity = new Identity
        {
            Username = request.Username, PasswordHash = hash, GivenName = request.GivenName ?? "", Sn = request.Sn ?? "",
            Mail = request.Mail ?? "", CreatedAt = now, UpdatedAt = now,
        };
        db.Identities.Add(identity);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new IdentityResult.Done(Summarize(identity));
    }

    public async Task<IdentityResult> UpdateAsync(string username, IdentityUpdate update, CancellationToken cancellationToken = default)
    {
        var problem = (update.Password is null ? null : IdentityRules.ValidatePassword(update.Password))
            ?? IdentityRules.ValidateName(update.GivenName, "first name") ?? IdentityRules.ValidateName(update.Sn, "last name")
            ?? IdentityRules.ValidateMail(update.Mail);
        if (problem is not null) return new IdentityResult.Invalid(problem);
        var hash = update.Password is null ? null : await hasher.HashAsync(update.Password, cancellationToken);

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.BeginSerializedTransactionAsync(IdentitiesScope, cancellationToken);
        var identity = await db.Identities.FirstOrDefaultAsync(i => i.Username == username, cancellationToken);
        if (identity is null) return new IdentityResult.NotFound();
        if (update.GivenName is not null) identity.GivenName = update.GivenName;
        if (update.Sn is not null) identity.Sn = update.Sn;
        if (update.Mail is not null) identity.Mail = update.Mail;
        if (update.Active is { } active) identity.Active = active;
        if (hash is not null) identity.PasswordHash = hash;
        identity.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        // A session or a half-done sign-on must not outlive the state it was granted under (ASVS 3.3.1, 2.1.x).
        SignOnRefusal? ends = update.Active == false ? SignOnRefusal.AccountDisabled
            : hash is not null ? SignOnRefusal.PasswordChanged
            : null;
        if (ends is { } reason) await sessions.EndAllForUserAsync(db, identity.Username, reason, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new IdentityResult.Done(Summarize(identity));
    }

    /// <summary>
    /// Deletes the identity and, in the same transaction, everything kept for its username: user sessions (its
    /// sign-ons in progress are ended), MFA devices with their OATH counters, recovery codes, push messages and the
    /// pushes waiting for them, retry counters. A user created again under the name starts from nothing. False when
    /// there was no such identity (nothing is changed then).
    /// </summary>
    public async Task<bool> DeleteAsync(string username, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.BeginSerializedTransactionAsync(IdentitiesScope, cancellationToken);
        var stored = await db.Identities.Where(i => i.Username == username).Select(i => i.Username).FirstOrDefaultAsync(cancellationToken);
        if (stored is null) return false;
        await sessions.EndAllForUserAsync(db, stored, SignOnRefusal.AccountDeleted, cancellationToken);
        await DeviceStore.DeleteAllAsync(db, stored, cancellationToken);
        await db.RetryCounters.Where(c => c.Username == stored).ExecuteDeleteAsync(cancellationToken);
        // A user created later under the same name starts without the old one's failures or lockout.
        await db.Set<BruteForce.CredentialFailureRecord>()
            .Where(f => f.Audience == BruteForce.CredentialAudience.EndUser && f.Username == stored).ExecuteDeleteAsync(cancellationToken);
        await db.Identities.Where(i => i.Username == stored).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>True only for an existing, active user with this password. Unknown users cost the same time.</summary>
    public async Task<bool> VerifyPasswordAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var identity = await db.Identities.AsNoTracking()
            .Where(i => i.Username == username).Select(i => new { i.PasswordHash, i.Active })
            .FirstOrDefaultAsync(cancellationToken);
        var valid = await hasher.VerifyAsync(identity?.PasswordHash, password, cancellationToken);
        return valid && identity!.Active;
    }

    public async Task<bool> SetSkipAsync(string username, MfaMethod method, MfaSkipState state, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var identity = await db.Identities.FirstOrDefaultAsync(i => i.Username == username, cancellationToken);
        if (identity is null) return false;
        switch (method)
        {
            case MfaMethod.Push: identity.PushSkip = state; break;
            case MfaMethod.Oath: identity.OathSkip = state; break;
            case MfaMethod.WebAuthn: identity.WebAuthnSkip = state; break;
        }
        identity.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static IdentitySummary Summarize(Identity i) =>
        new(i.Username, i.GivenName, i.Sn, i.Mail, i.Active, i.PushSkip, i.OathSkip, i.WebAuthnSkip, i.CreatedAt, i.UpdatedAt);
}

public enum MfaMethod
{
    Push,
    Oath,
    WebAuthn,
}
