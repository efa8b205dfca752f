using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JourneyStudio.Runtime.BruteForce;

/// <summary>
/// One username's failed credential checks, per audience (end users and admins are counted apart). Kept for any
/// username that was tried, whether or not such an identity exists, so that lockouts do not reveal which exist.
/// Written only by <see cref="CredentialFailureStore"/>'s single-statement increments.
/// </summary>
public sealed class CredentialFailureRecord
{
    public int Id { get; init; }

    public CredentialAudience Audience { get; init; }

    /// <summary>As typed, compared without regard to ASCII case (like identities); see <see cref="CredentialFailureStore.Key"/>.</summary>
    public required string Username { get; init; }

    /// <summary>Failures since the last reset or lockout, including checks still in progress.</summary>
    public int ConsecutiveFailures { get; set; }

    /// <summary>Lockouts since the last reset; each one doubles the next.</summary>
    public int Lockouts { get; set; }

    public DateTimeOffset LastFailureAt { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }
}

internal sealed class CredentialFailureRecordConfiguration : IEntityTypeConfiguration<CredentialFailureRecord>
{
    public void Configure(EntityTypeBuilder<CredentialFailureRecord> failure)
    {
        failure.ToTable("CredentialFailures");
        failure.Property(f => f.Audience).HasConversion<string>().HasMaxLength(20);
        failure.Property(f => f.Username).HasMaxLength(CredentialFailureStore.MaxKeyLength)
            .UseCollation(JourneyStudioDbContext.CaseInsensitiveCollation);
        // The target of the insert-or-increment: one row per audience and username.
        failure.HasIndex(f => new { f.Audience, f.Username }).IsUnique();
        failure.HasIndex(f => f.LastFailureAt);
    }
}
