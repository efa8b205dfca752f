using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Sessions;
using Microsoft.EntityFrameworkCore;

namespace JourneyStudio.Runtime.Identities;

/// <summary>A user as the admin API and pages show it: everything but the password hash.</summary>
public sealed record IdentitySummary(
    string Username, string GivenName, string Sn, string Mail, bool Active,
    MfaSkipState PushSkip, MfaSkipState OathSkip, MfaSkipState WebAuthnSkip,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>IDM's <c>_id</c> of the identity (stable while it exists).</summary>
    public string Id { get; init; } = "";

    public IdentityProfile Profile { get; init; } = IdentityProfile.Empty;
}

public sealed record NewIdentity(string Username, string Password, string GivenName = "", string Sn = "", string Mail = "")
{
    public IdentityProfileChanges Profile { get; init; } = IdentityProfileChanges.None;

    /// <summary>False creates the identity inactive (IDM <c>accountStatus</c> inactive).</summary>
    public bool Active { get; init; } = true;
}

/// <summary>A partial update: null leaves a field as it is.</summary>
public sealed record IdentityUpdate(string? GivenName = null, string? Sn = null, string? Mail = null, bool? Active = null, string? Password = null)
{
    public IdentityProfileChanges Profile { get; init; } = IdentityProfileChanges.None;

    /// <summary>
    /// The user's own change, made by a journey they are signing on with (Patch Object): a new password ends their
    /// sessions but not that sign-on.
    /// </summary>
    public bool BySignOn { get; init; }
}

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
            ?? IdentityRules.ValidateMail(request.Mail) ?? IdentityRules.ValidateProfile(request.Profile)
            ?? (request.Profile.CustomAttributes is { } custom ? IdentityRules.ValidateCustomAttributes(Merge(new Dictionary<string, string>(), custom)) : null);
        if (problem is not null) return new IdentityResult.Invalid(problem);

        var hash = await hasher.HashAsync(request.Password, cancellationToken);
        var kba = await HashKbaAsync(request.Profile.KbaInfo, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.BeginSerializedTransactionAsync(IdentitiesScope, cancellationToken);
        var existing = await db.Identities.Where(i => i.Username == request.Username).Select(i => i.Username).FirstOrDefaultAsync(cancellationToken);
        if (existing is not null) return new IdentityResult.UsernameTaken(existing);
        var now = time.GetUtcNow();
        var identity = new Identity
        {
            Username = request.Username, PasswordHash = hash, GivenName = request.GivenName ?? "", Sn = request.Sn ?? "",
            Mail = request.Mail ?? "", Active = request.Active, CreatedAt = now, UpdatedAt = now,
        };
        ApplyProfile(identity, request.Profile, kba);
        db.Identities.Add(identity);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new IdentityResult.Done(Summarize(identity));
    }

    public async Task<IdentityResult> UpdateAsync(string username, IdentityUpdate update, CancellationToken cancellationToken = default)
    {
        var problem = (update.Password is null ? null : IdentityRules.ValidatePassword(update.Password))
            ?? IdentityRules.ValidateName(update.GivenName, "first name") ?? IdentityRules.ValidateName(update.Sn, "last name")
            ?? IdentityRules.ValidateMail(update.Mail) ?? IdentityRules.ValidateProfile(update.Profile);
        if (problem is not null) return new IdentityResult.Invalid(problem);
        var hash = update.Password is null ? null : await hasher.HashAsync(update.Password, cancellationToken);
        var kba = await HashKbaAsync(update.Profile.KbaInfo, cancellationToken);

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.BeginSerializedTransactionAsync(IdentitiesScope, cancellationToken);
        var identity = await db.Identities.FirstOrDefaultAsync(i => i.Username == username, cancellationToken);
        if (identity is null) return new IdentityResult.NotFound();
        if (update.GivenName is not null) identity.GivenName = update.GivenName;
        if (update.Sn is not null) identity.Sn = update.Sn;
        if (update.Mail is not null) identity.Mail = update.Mail;
        if (update.Active is { } active) identity.Active = active;
        if (hash is not null) identity.PasswordHash = hash;
        if (update.Profile.CustomAttributes is { } custom
            && IdentityRules.ValidateCustomAttributes(Merge(identity.CustomAttributes, custom)) is { } customProblem)
            return new IdentityResult.Invalid(customProblem);
        ApplyProfile(identity, update.Profile, kba);
        identity.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        // A session or a half-done sign-on must not outlive the state it was granted under (ASVS 3.3.1, 2.1.x).
        SignOnRefusal? ends = update.Active == false ? SignOnRefusal.AccountDisabled
            : hash is not null ? SignOnRefusal.PasswordChanged
            : null;
        if (ends is { } reason)
            await sessions.EndAllForUserAsync(db, identity.Username, reason, cancellationToken,
                includingSignOnsInProgress: !(update.BySignOn && reason == SignOnRefusal.PasswordChanged));
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

    /// <summary>
    /// The password check of Identity Store Decision, which tells an inactive (locked) profile apart once the password is
    /// right. Unknown users cost the same time.
    /// </summary>
    public async Task<PasswordCheck> CheckPasswordAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var identity = await db.Identities.AsNoTracking()
            .Where(i => i.Username == username).Select(i => new { i.PasswordHash, i.Active })
            .FirstOrDefaultAsync(cancellationToken);
        if (!await hasher.VerifyAsync(identity?.PasswordHash, password, cancellationToken)) return PasswordCheck.Wrong;
        return identity!.Active ? PasswordCheck.Valid : PasswordCheck.ValidButInactive;
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

    /// <summary>
    /// Adds one to the identity's login count and sets its last login, in one UPDATE (two sign-ons at once both count).
    /// False when there is no such identity.
    /// </summary>
    public async Task<bool> IncrementLoginCountAsync(string username, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        return await db.Identities.Where(i => i.Username == username)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.LoginCount, i => i.LoginCount + 1).SetProperty(i => i.LastLogin, now), cancellationToken) > 0;
    }

    /// <summary>
    /// True when <paramref name="answers"/> (question index → answer) match the stored answers of those questions, each
    /// compared without regard to case or surrounding spaces; false for any mismatch, a missing question, or an unknown user.
    /// </summary>
    public async Task<bool> VerifyKbaAnswersAsync(string username, IReadOnlyDictionary<int, string> answers, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.Identities.AsNoTracking().Where(i => i.Username == username).Select(i => i.KbaInfo).FirstOrDefaultAsync(cancellationToken);
        if (stored is null || stored.Count == 0 || answers.Count == 0) return false;
        var all = true;
        foreach (var (index, answer) in answers)
        {
            var hash = index >= 0 && index < stored.Count ? stored[index].AnswerHash : null;
            // Every answer is checked, so the time taken does not tell which one was wrong.
            all &= await hasher.VerifyAsync(hash, KbaAnswer.Normalize(answer), cancellationToken);
        }
        return all;
    }

    internal async Task<Identity?> FindEntityAsync(System.Linq.Expressions.Expression<Func<Identity, bool>> predicate, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Identities.AsNoTracking().FirstOrDefaultAsync(predicate, cancellationToken);
    }

    internal async Task<IReadOnlyList<Identity>> FindEntitiesAsync(System.Linq.Expressions.Expression<Func<Identity, bool>>? predicate, int limit,
        CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Identities.AsNoTracking();
        if (predicate is not null) query = query.Where(predicate);
        return await query.OrderBy(i => i.Id).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Identities whose custom attribute <paramref name="name"/> is exactly <paramref name="value"/>. The database finds the
    /// candidates (the column holds the attributes as compact JSON, so the pair's JSON text is in it), not a scan of every
    /// identity here: a journey may look users up this way on every sign-on.
    /// </summary>
    internal async Task<IReadOnlyList<Identity>> FindByCustomAttributeAsync(string name, string value, int limit, CancellationToken cancellationToken)
    {
        var pattern = "%" + EscapeLike(System.Text.Json.JsonSerializer.Serialize(name) + ":" + System.Text.Json.JsonSerializer.Serialize(value)) + "%";
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // LIKE may also match other letter cases (SQLite); the exact comparison below decides.
        var candidates = db.Identities
            .FromSql($"SELECT * FROM \"Identities\" WHERE \"CustomAttributes\" LIKE {pattern} ESCAPE '\\'")
            .AsNoTracking()
            .OrderBy(i => i.Id)
            .AsAsyncEnumerable();
        var found = new List<Identity>();
        await foreach (var identity in candidates.WithCancellation(cancellationToken))
        {
            if (!identity.CustomAttributes.TryGetValue(name, out var stored) || !string.Equals(stored, value, StringComparison.Ordinal)) continue;
            found.Add(identity);
            if (found.Count == limit) break;
        }
        return found;
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private async Task<IReadOnlyList<KbaAnswer>?> HashKbaAsync(IReadOnlyList<KbaAnswerInput>? answers, CancellationToken cancellationToken)
    {
        if (answers is null) return null;
        var hashed = new List<KbaAnswer>(answers.Count);
        foreach (var answer in answers)
            hashed.Add(new KbaAnswer(answer.QuestionId, answer.CustomQuestion?.Trim(),
                await hasher.HashAsync(KbaAnswer.Normalize(answer.Answer), cancellationToken)));
        return hashed;
    }

    private static void ApplyProfile(Identity identity, IdentityProfileChanges changes, IReadOnlyList<KbaAnswer>? kba)
    {
        if (changes.TelephoneNumber is not null) identity.TelephoneNumber = changes.TelephoneNumber;
        if (changes.Marketing is { } marketing) identity.MarketingPreference = marketing;
        if (changes.Updates is { } updates) identity.UpdatesPreference = updates;
        if (changes.CustomAttributes is { } custom) identity.CustomAttributes = Merge(identity.CustomAttributes, custom);
        if (kba is not null) identity.KbaInfo = kba;
        if (changes.TermsAccepted is { } terms)
        {
            identity.TermsVersion = terms.TermsVersion;
            identity.TermsAcceptedAt = terms.AcceptDate;
        }
    }

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> current, IReadOnlyDictionary<string, string?> changes)
    {
        var merged = new Dictionary<string, string>(current, StringComparer.Ordinal);
        foreach (var (name, value) in changes)
            if (value is null) merged.Remove(name);
            else merged[name] = value;
        return merged;
    }

    internal static IdentitySummary Summarize(Identity i) =>
        new(i.Username, i.GivenName, i.Sn, i.Mail, i.Active, i.PushSkip, i.OathSkip, i.WebAuthnSkip, i.CreatedAt, i.UpdatedAt)
        {
            Id = ManagedUserAttributes.IdOf(i),
            Profile = new IdentityProfile
            {
                TelephoneNumber = i.TelephoneNumber,
                Marketing = i.MarketingPreference,
                Updates = i.UpdatesPreference,
                CustomAttributes = new SortedDictionary<string, string>(i.CustomAttributes.ToDictionary(), StringComparer.Ordinal),
                KbaQuestions = i.KbaInfo.Select(k => new KbaQuestionSummary(k.QuestionId, k.CustomQuestion)).ToList(),
                LoginCount = i.LoginCount,
                LastLogin = i.LastLogin,
                TermsAccepted = i.TermsVersion is { } version && i.TermsAcceptedAt is { } at ? new TermsAcceptance(version, at) : null,
            },
        };
}

/// <summary>What a password check found.</summary>
public enum PasswordCheck
{
    Wrong,
    Valid,
    /// <summary>The password is right but the identity is inactive (IDM accountStatus inactive).</summary>
    ValidButInactive,
}

public enum MfaMethod
{
    Push,
    Oath,
    WebAuthn,
}
