using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JourneyStudio.Runtime.Identities;

internal sealed class IdentityConfiguration : IEntityTypeConfiguration<Identity>
{
    public void Configure(EntityTypeBuilder<Identity> identity)
    {
        identity.ToTable("Identities");
        identity.Property(i => i.Username).HasMaxLength(IdentityRules.MaxUsernameLength)
            .UseCollation(JourneyStudioDbContext.CaseInsensitiveCollation);
        identity.HasIndex(i => i.Username).IsUnique();
        identity.Property(i => i.GivenName).HasMaxLength(IdentityRules.MaxNameLength);
        identity.Property(i => i.Sn).HasMaxLength(IdentityRules.MaxNameLength);
        identity.Property(i => i.Mail).HasMaxLength(IdentityRules.MaxMailLength);
        identity.Property(i => i.PushSkip).HasConversion<string>().HasMaxLength(20);
        identity.Property(i => i.OathSkip).HasConversion<string>().HasMaxLength(20);
        identity.Property(i => i.WebAuthnSkip).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class RetryCounterConfiguration : IEntityTypeConfiguration<RetryCounter>
{
    public void Configure(EntityTypeBuilder<RetryCounter> counter)
    {
        counter.ToTable("RetryCounters");
        counter.Property(c => c.Username).UseCollation(JourneyStudioDbContext.CaseInsensitiveCollation);
        counter.HasIndex(c => new { c.Realm, c.Username, c.NodeId }).IsUnique();
    }
}
