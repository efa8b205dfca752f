using System.Text.Json;
using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore.ChangeTracking;
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
        identity.Property(i => i.TelephoneNumber).HasMaxLength(IdentityRules.MaxTelephoneLength);
        identity.Property(i => i.TermsVersion).HasMaxLength(IdentityRules.MaxTermsVersionLength);
        // Small, bounded, always read and written whole with the identity: JSON text columns, the same on both providers.
        identity.Property(i => i.CustomAttributes).HasConversion(
            v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
            // Rows older than these columns hold "" (the migration's default).
            text => string.IsNullOrEmpty(text) ? new Dictionary<string, string>()
                : JsonSerializer.Deserialize<Dictionary<string, string>>(text, (JsonSerializerOptions?)null) ?? new Dictionary<string, string>(),
            new ValueComparer<IReadOnlyDictionary<string, string>>(
                (a, b) => JsonSerializer.Serialize(a, (JsonSerializerOptions?)null) == JsonSerializer.Serialize(b, (JsonSerializerOptions?)null),
                v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null).GetHashCode(),
                v => new Dictionary<string, string>(v)));
        identity.Property(i => i.KbaInfo).HasConversion(
            v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
            text => string.IsNullOrEmpty(text) ? new List<KbaAnswer>()
                : JsonSerializer.Deserialize<List<KbaAnswer>>(text, (JsonSerializerOptions?)null) ?? new List<KbaAnswer>(),
            new ValueComparer<IReadOnlyList<KbaAnswer>>(
                (a, b) => a!.SequenceEqual(b!),
                v => v.Aggregate(17, (h, k) => h * 31 + k.GetHashCode()),
                v => v.ToList()));
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
