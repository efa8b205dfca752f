using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JourneyStudio.Runtime.Sessions;

/// <summary>A signed-on end user's session.</summary>
public sealed record UserSession(
    string Username,
    string Realm,
    string JourneyName,
    IReadOnlyList<string> AuthTypes,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastAccessAt,
    DateTimeOffset ExpiresAt)
{
    /// <summary>Properties the journey's nodes put for the session (AM's <c>putSessionProperty</c>), shown by getSessionInfo.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty;
}

/// <summary>A new session and its tokenId, which exists only here and at the client.</summary>
public sealed record NewUserSession(string TokenId, UserSession Session);

/// <summary>What <see cref="UserSessionStore.CreateAsync"/> came to: a session, or the named reason there is none.</summary>
public abstract record UserSessionCreation
{
    private UserSessionCreation() { }

    public sealed record Created(NewUserSession Session) : UserSessionCreation;

    public sealed record Refused(SignOnRefusal Reason) : UserSessionCreation;
}

/// <summary>
/// End-user sessions: the tokenId AM calls <c>iPlanetDirectoryPro</c>. The token is 32 random bytes
/// (base64url); the database keeps only its SHA-256, looked up by equality. Every session is bound to its
/// identity's immutable id, and every lookup checks that identity in the same query: a session of a deleted,
/// disabled or re-created user is not a session, whichever endpoint asks.
/// </summary>
public sealed class UserSessionStore(
    IDbContextFactory<JourneyStudioDbContext> contextFactory,
    IOptions<JourneySessionOptions> options,
    TimeProvider time)
{
    /// <summary>Longer strings cannot be a tokenId; refused before hashing so junk costs nothing.</summary>
    private const int MaxTokenLength = 100;

    /// <summary>
    /// A session for the identity called <paramref name="username"/> (any letter case), or the reason there is none:
    /// no such identity, or an inactive one. Whether the identity is locked is the caller's check
    /// (<see cref="JourneySessionRunner"/>), since the lockout itself ends sessions through this store.
    /// </summary>
    public Task<UserSessionCreation> CreateAsync(string username, string realm, string journeyName, IReadOnlyList<string> authTypes,
        CancellationToken cancellationToken = default) =>
        CreateAsync(username, realm, journeyName, authTypes, null, cancellationToken);

    /// <inheritdoc cref="CreateAsync(string, string, string, IReadOnlyList{string}, CancellationToken)"/>
    /// <param name="properties">The session's properties (AM's <c>putSessionProperty</c>); null or empty for none.</param>
    public async Task<UserSessionCreation> CreateAsync(string username, string realm, string journeyName, IReadOnlyList<string> authTypes,
        IReadOnlyDictionary<string, string>? properties, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var identity = await db.Identities.AsNoTracking().Where(i => i.Username == username)
            .Select(i => new { i.Id, i.Username, i.Active }).FirstOrDefaultAsync(cancellationToken);
        if (identity is null) return new UserSessionCreation.Refused(SignOnRefusal.NoSuchIdentity);
        if (!identity.Active) return new UserSessionCreation.Refused(SignOnRefusal.AccountDisabled);

        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var record = new UserSessionRecord
        {
            TokenHash = Hash(token),
            IdentityId = identity.Id,
            Username = identity.Username,
            Realm = realm,
            JourneyName = journeyName,
            AuthTypesJson = JsonSerializer.Serialize(authTypes),
            PropertiesJson = properties is { Count: > 0 } ? JsonSerializer.Serialize(properties) : null,
            CreatedAt = now,
            LastAccessAt = now,
            ExpiresAt = now + options.Value.UserSessionLifetime,
        };
        // An identity deleted or disabled between the read and this insert leaves a row no lookup accepts.
        db.Set<UserSessionRecord>().Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return new UserSessionCreation.Created(new NewUserSession(token, ToSession(record, identity.Username)));
    }

    /// <summary>
    /// The live session of <paramref name="tokenId"/>, or null: unknown, malformed or expired, or its identity is gone,
    /// inactive or no longer the one it was made for. One query reads the session and its identity. Records the access.
    /// </summary>
    public async Task<UserSession?> GetAsync(string? tokenId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(tokenId) || tokenId.Length > MaxTokenLength) return null;
        var hash = Hash(tokenId);
        var now = time.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var found = await (
                from session in db.Set<UserSessionRecord>()
                where session.TokenHash == hash
                join identity in db.Identities on session.IdentityId equals identity.Id
                where identity.Active
                select new { Session = session, identity.Username })
            .AsNoTracking()
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null) return null;
        var record = found.Session;
        if (record.ExpiresAt <= now)
        {
            await db.Set<UserSessionRecord>().Where(s => s.Id == record.Id).ExecuteDeleteAsync(cancellationToken);
            return null;
        }
        await db.Set<UserSessionRecord>().Where(s => s.Id == record.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LastAccessAt, now), cancellationToken);
        record.LastAccessAt = now;
        return ToSession(record, found.Username);
    }

    /// <summary>Ends the session; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string? tokenId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(tokenId) || tokenId.Length > MaxTokenLength) return false;
        var hash = Hash(tokenId);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<UserSessionRecord>().Where(s => s.TokenHash == hash).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>
    /// What the brute-force protector calls when it locks <paramref name="username"/>: ends every user session
    /// and every sign-on in progress of that user, as <see cref="EndAllForUserAsync(string, SignOnRefusal, CancellationToken)"/>
    /// with <see cref="SignOnRefusal.AccountLocked"/>.
    /// </summary>
    public Task<int> EndAllForUserAsync(string username, CancellationToken cancellationToken = default) =>
        EndAllForUserAsync(username, SignOnRefusal.AccountLocked, cancellationToken);

    /// <summary>
    /// Ends every session of <paramref name="username"/> (any realm, any letter case) and every sign-on in progress
    /// bound to that username: their next step answers a login failure, logged as <paramref name="reason"/>.
    /// Returns how many user sessions there were.
    /// </summary>
    public async Task<int> EndAllForUserAsync(string username, SignOnRefusal reason, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ended = await EndAllForUserAsync(db, username, reason, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ended;
    }

    /// <summary>
    /// <see cref="EndAllForUserAsync(string, SignOnRefusal, CancellationToken)"/> inside the caller's context and
    /// transaction, so that an identity change and the end of its sessions commit together.
    /// </summary>
    internal async Task<int> EndAllForUserAsync(JourneyStudioDbContext db, string username, SignOnRefusal reason, CancellationToken cancellationToken,
        bool includingSignOnsInProgress = true)
    {
        var now = time.GetUtcNow();
        var keepUntil = now + options.Value.FinishedRetention;
        // A user changing their own password in a journey keeps that sign-on (and, harmlessly, any other in progress).
        if (includingSignOnsInProgress)
            await db.Set<JourneySessionRecord>()
            .Where(s => s.Username == username && s.Status == JourneySessionStatus.InProgress)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, JourneySessionStatus.Failed)
                .SetProperty(r => r.EndedBy, reason)
                .SetProperty(r => r.UpdatedAt, now)
                .SetProperty(r => r.ExpiresAt, keepUntil), cancellationToken);
        // The apps the user signed on to lose their grants with the session: no refresh, code or access token survives.
        await OAuth2.OAuthGrants.RevokeAllForSubjectAsync(db, username, cancellationToken);
        return await db.Set<UserSessionRecord>().Where(s => s.Username == username).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<UserSessionRecord>().Where(s => s.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static UserSession ToSession(UserSessionRecord record, string username) =>
        new(username, record.Realm, record.JourneyName,
            JsonSerializer.Deserialize<List<string>>(record.AuthTypesJson) ?? [],
            record.CreatedAt, record.LastAccessAt, record.ExpiresAt)
        {
            Properties = record.PropertiesJson is { } json
                ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []
                : System.Collections.Immutable.ImmutableDictionary<string, string>.Empty,
        };
}
