using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JourneyStudio.Runtime.Push.Embedded;

internal sealed class VirtualInboxConfiguration : IEntityTypeConfiguration<VirtualInboxMessage>
{
    public void Configure(EntityTypeBuilder<VirtualInboxMessage> message)
    {
        message.ToTable("VirtualInbox");
        message.Property(m => m.DeviceToken).HasMaxLength(EmbeddedPushTransport.MaxDeviceTokenLength);
        message.Property(m => m.PushType).HasConversion<string>().HasMaxLength(20);
        message.HasIndex(m => new { m.DeviceToken, m.ExpiresAt });
    }
}
