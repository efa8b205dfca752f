using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JourneyStudio.Runtime.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("AuditEntries");
        entry.Property(e => e.Action).HasMaxLength(AuditEntry.MaxActionLength);
        // Actors and targets are usernames and journey names, which the studio compares without regard to case.
        entry.Property(e => e.Actor).HasMaxLength(AuditEntry.MaxActorLength).UseCollation(JourneyStudioDbContext.CaseInsensitiveCollation);
        entry.Property(e => e.Target).HasMaxLength(AuditEntry.MaxTargetLength).UseCollation(JourneyStudioDbContext.CaseInsensitiveCollation);
        entry.Property(e => e.Channel).HasMaxLength(AuditEntry.MaxChannelLength);
        entry.Property(e => e.RemoteAddress).HasMaxLength(AuditEntry.MaxRemoteAddressLength);
        entry.Property(e => e.Detail).HasMaxLength(AuditEntry.MaxDetailLength);
        // Every list is newest first, usually narrowed by time, action, actor or target.
        entry.HasIndex(e => e.At);
        entry.HasIndex(e => new { e.Action, e.At });
        entry.HasIndex(e => new { e.Actor, e.At });
        entry.HasIndex(e => new { e.Target, e.At });
    }
}
