using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JourneyStudio.Runtime.Devices;

internal sealed class MfaDeviceConfiguration : IEntityTypeConfiguration<MfaDevice>
{
    public void Configure(EntityTypeBuilder<MfaDevice> device)
    {
        device.ToTable("MfaDevices");
        device.Property(d => d.Username).UseCollation(JourneyStudioDbContext.CaseInsensitiveCollation);
        device.HasIndex(d => new { d.Username, d.Kind });
        device.HasIndex(d => d.Uuid).IsUnique();
        device.Property(d => d.Kind).HasConversion<string>().HasMaxLength(10);
        // HOTP counters and TOTP steps move forward only; a concurrent second use of a code must fail.
        device.Property(d => d.Counter).IsConcurrencyToken();
        device.Property(d => d.LastAcceptedTimeStep).IsConcurrencyToken();
    }
}

internal sealed class RecoveryCodeRecordConfiguration : IEntityTypeConfiguration<RecoveryCodeRecord>
{
    public void Configure(EntityTypeBuilder<RecoveryCodeRecord> code)
    {
        code.ToTable("RecoveryCodes");
        code.Property(c => c.Username).UseCollation(JourneyStudioDbContext.CaseInsensitiveCollation);
        code.Property(c => c.Kind).HasConversion<string>().HasMaxLength(10);
        code.HasIndex(c => new { c.Username, c.Kind });
    }
}

internal sealed class PushMessageRecordConfiguration : IEntityTypeConfiguration<PushMessageRecord>
{
    public void Configure(EntityTypeBuilder<PushMessageRecord> message)
    {
        message.ToTable("PushMessages");
        message.HasKey(m => m.MessageId);
        message.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        message.Property(m => m.State).HasConversion<string>().HasMaxLength(20);
        message.Property(m => m.SignOnId).HasMaxLength(32);
        message.HasIndex(m => m.ExpiresAt);
    }
}
