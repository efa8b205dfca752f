using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
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
    DateTimeOffset ExpiresAt);

/// <summary>A new session and its tokenId, which exists only here and at the client.</summary>
public sealed record NewUserSession(string TokenId, UserSession Session);

/// <summary>
/// End-user sessions: the tokenId AM calls <c>iPlanetDirectoryPro</c>. The token is 32 random bytes
/// (base64url); the database keeps only its SHA-256, looked up by equality.
/// </summary>
public sealed class UserSessionStore(
    IDbContextFactory<JourneyStudioDbContext> contextFactory,
    IOptions<JourneySessionOptions> options,
    TimeProvider time)
{
    /// <summary>Longer strings cannot be a tokenId; refused before hashing so junk costs nothing.</summary>
    private const int MaxTokenLength = 100;

    public async Task<NewUserSession> CreateAsync(string username, string realm, string journeyName, IReadOnlyList<string> authTypes,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var record = new UserSessionRecord
        {
            TokenHash = Hash(token),
            Username = username,
            Realm = realm,
            JourneyName = journeyName,
            AuthTypesJson = JsonSerializer.Serialize(authTypes),
            CreatedAt = now,
            LastAccessAt = now,
            ExpiresAt = now + options.Value.UserSessionLifetime,
        };
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.Set<UserSessionRecord>().Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return new NewUserSession(token, ToSession(record));
    }

    /// <summary>The live session of <paramref name="tokenId"/>, or null (unknown, malformed or expired). Records the access.</summary>
    public async Task<UserSession?> GetAsync(string? tokenId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(tokenId) || tokenId.Length > MaxTokenLength) return null;
        var hash = Hash(tokenId);
        var now = time.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.Set<UserSessionRecord>().SingleOrDefaultAsync(s => s.TokenHash == hash, cancellationToken);
        if (record is null) return null;
        if (record.ExpiresAt <= now)
        {
            db.Remove(record);
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        record.LastAccessAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return ToSession(record);
    }

    /// <summary>Ends the session; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string? tokenId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(tokenId) || tokenId.Length > MaxTokenLength) return false;
        var hash = Hash(tokenId);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<UserSessionRecord>().Where(s => s.TokenHash == hash).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>Ends every session of <paramref name="username"/> (any realm); returns how many there were.</summary>
    public async Task<int> EndAllForUserAsync(string username, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
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

    private static UserSession ToSession(UserSessionRecord record) =>
        new(record.Username, record.Realm, record.JourneyName,
            JsonSerializer.Deserialize<List<string>>(record.AuthTypesJson) ?? [],
            record.CreatedAt, record.LastAccessAt, record.ExpiresAt);
}
