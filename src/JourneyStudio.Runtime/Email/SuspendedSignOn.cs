using System.Security.Cryptography;
using System.Text;
using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JourneyStudio.Runtime.Email;

/// <summary>
/// A resume link handed out for a suspended sign-on. Only the SHA-256 of its <c>suspendedId</c> is stored, so a copy of
/// the database does not hold working links. Deleted when used, so a link works once.
/// </summary>
public sealed class SuspendedSignOnRecord
{
    /// <summary>Hex SHA-256 of the suspendedId.</summary>
    public required string IdHash { get; init; }

    public required string SessionId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }
}

internal sealed class SuspendedSignOnRecordConfiguration : IEntityTypeConfiguration<SuspendedSignOnRecord>
{
    public void Configure(EntityTypeBuilder<SuspendedSignOnRecord> suspended)
    {
        suspended.ToTable("SuspendedSignOns");
        suspended.HasKey(s => s.IdHash);
        suspended.Property(s => s.IdHash).HasMaxLength(64);
        suspended.Property(s => s.SessionId).HasMaxLength(32);
        suspended.HasIndex(s => s.SessionId);
        suspended.HasIndex(s => s.ExpiresAt);
    }
}

/// <summary>Why a resume link does not resume anything.</summary>
public enum SuspendedSignOnRejection
{
    /// <summary>Not issued here, already used, or purged.</summary>
    Unknown,
    /// <summary>Issued, but its lifetime is over.</summary>
    Expired,
}

public abstract record SuspendedSignOnClaim
{
    private SuspendedSignOnClaim() { }

    /// <summary>The link was valid and is now used up; <paramref name="SessionId"/> is the sign-on to continue.</summary>
    public sealed record Resumable(string SessionId) : SuspendedSignOnClaim;

    public sealed record Rejected(SuspendedSignOnRejection Reason) : SuspendedSignOnClaim;
}

/// <summary>The resume links of suspended sign-ons, in the database so that any instance can resume a sign-on.</summary>
public sealed class SuspendedSignOnStore(IDbContextFactory<JourneyStudioDbContext> contextFactory, TimeProvider time)
{
    public const int MaxIdLength = 100;

    /// <summary>
    /// A new link for <paramref name="sessionId"/> valid for <paramref name="lifetime"/>; earlier links of the same sign-on
    /// stop working (a sign-on waits for one link at a time).
    /// </summary>
    public async Task<(string SuspendedId, DateTimeOffset ExpiresAt)> CreateAsync(string sessionId, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        var id = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.SuspendedSignOns.Where(s => s.SessionId == sessionId || s.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        db.SuspendedSignOns.Add(new SuspendedSignOnRecord { IdHash = Hash(id), SessionId = sessionId, CreatedAt = now, ExpiresAt = now + lifetime });
        await db.SaveChangesAsync(cancellationToken);
        return (id, now + lifetime);
    }

    /// <summary>
    /// Uses up the link: of two requests with the same suspendedId (on any instances) only one gets
    /// <see cref="SuspendedSignOnClaim.Resumable"/>.
    /// </summary>
    public async Task<SuspendedSignOnClaim> ClaimAsync(string suspendedId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(suspendedId) || suspendedId.Length > MaxIdLength)
            return new SuspendedSignOnClaim.Rejected(SuspendedSignOnRejection.Unknown);
        var hash = Hash(suspendedId);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.SuspendedSignOns.AsNoTracking().FirstOrDefaultAsync(s => s.IdHash == hash, cancellationToken);
        if (record is null) return new SuspendedSignOnClaim.Rejected(SuspendedSignOnRejection.Unknown);
        // The delete is the claim: only the request whose delete removed the row may resume.
        if (await db.SuspendedSignOns.Where(s => s.IdHash == hash).ExecuteDeleteAsync(cancellationToken) == 0)
            return new SuspendedSignOnClaim.Rejected(SuspendedSignOnRejection.Unknown);
        return record.ExpiresAt <= time.GetUtcNow()
            ? new SuspendedSignOnClaim.Rejected(SuspendedSignOnRejection.Expired)
            : new SuspendedSignOnClaim.Resumable(record.SessionId);
    }

    private static string Hash(string id) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
