using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JourneyStudio.Runtime.Email;

/// <summary>
/// One message the embedded transport "sent": kept in the database (so every instance's studio shows the same mailbox)
/// until an admin deletes it.
/// </summary>
public sealed class MailboxMessage
{
    public long Id { get; init; }

    public required string From { get; init; }

    public required string To { get; init; }

    public required string Subject { get; init; }

    public required string TextBody { get; init; }

    public required string HtmlBody { get; init; }

    public DateTimeOffset SentAt { get; init; }
}

internal sealed class MailboxMessageConfiguration : IEntityTypeConfiguration<MailboxMessage>
{
    public void Configure(EntityTypeBuilder<MailboxMessage> message)
    {
        message.ToTable("Mailbox");
        message.Property(m => m.From).HasMaxLength(Mailbox.MaxAddressLength);
        message.Property(m => m.To).HasMaxLength(Mailbox.MaxAddressLength);
        message.Property(m => m.Subject).HasMaxLength(Mailbox.MaxSubjectLength);
        message.HasIndex(m => m.SentAt);
    }
}
