using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JourneyStudio.Runtime.ApiTokens;

internal sealed class AdminApiTokenConfiguration : IEntityTypeConfiguration<AdminApiToken>
{
    public void Configure(EntityTypeBuilder<AdminApiToken> token)
    {
        token.ToTable("AdminApiTokens");
        token.Property(t => t.Name).HasMaxLength(AdminApiTokenRules.MaxNameLength)
            .UseCollation(JourneyStudioDbContext.CaseInsensitiveCollation);
        // A revoked token's name may be used again; two live tokens never share one.
        token.HasIndex(t => t.Name).IsUnique().HasFilter("\"RevokedAt\" IS NULL");
        token.Property(t => t.TokenHash).HasMaxLength(64).IsFixedLength();
        token.HasIndex(t => t.TokenHash).IsUnique();
        token.Property(t => t.CreatedBy).HasMaxLength(AdminAccountStore.MaxUsernameLength);
        token.Property(t => t.RevokedBy).HasMaxLength(AdminAccountStore.MaxUsernameLength);
    }
}
