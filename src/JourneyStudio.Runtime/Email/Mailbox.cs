using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JourneyStudio.Runtime.Email;

/// <summary>
/// The embedded transport's mailbox: what the studio would have mailed, newest first. Shared by every instance through the
/// database. Bounded, so that a journey that mails in a loop cannot fill the disk.
/// </summary>
public sealed class Mailbox(IDbContextFactory<JourneyStudioDbContext> contextFactory, TimeProvider time)
{
    public const int MaxMessages = 500;
    public const int MaxAddressLength = 320;
    public const int MaxSubjectLength = 1000;

    public async Task<MailboxMessage> PutAsync(string from, EmailMessage message, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var stored = new MailboxMessage
        {
            From = Truncate(from, MaxAddressLength),
            To = Truncate(message.To, MaxAddressLength),
            Subject = Truncate(message.Subject, MaxSubjectLength),
            TextBody = message.TextBody,
            HtmlBody = message.HtmlBody,
            SentAt = time.GetUtcNow(),
        };
        db.Mailbox.Add(stored);
        await db.SaveChangesAsync(cancellationToken);
        var overflow = await db.Mailbox.OrderByDescending(m => m.Id).Skip(MaxMessages).Select(m => m.Id).ToListAsync(cancellationToken);
        if (overflow.Count > 0)
            await db.Mailbox.Where(m => overflow.Contains(m.Id)).ExecuteDeleteAsync(cancellationToken);
        return stored;
    }

    /// <summary>Every message, newest first.</summary>
    public async Task<IReadOnlyList<MailboxMessage>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Mailbox.AsNoTracking().OrderByDescending(m => m.Id).ToListAsync(cancellationToken);
    }

    public async Task<MailboxMessage?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Mailbox.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Mailbox.Where(m => m.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>Deletes every message; returns how many there were.</summary>
    public async Task<int> ClearAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Mailbox.ExecuteDeleteAsync(cancellationToken);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}

/// <summary>The embedded transport: the message goes into the <see cref="Mailbox"/>.</summary>
public sealed class EmbeddedEmailSender(Mailbox mailbox, EmailSettings settings) : IEmailSender
{
    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        if (!EmailAddresses.IsValid(message.To))
            return new EmailSendResult.Failed(EmailFailure.InvalidRecipient, $"'{message.To}' is not an email address.");
        await mailbox.PutAsync(message.From ?? settings.From, message, cancellationToken);
        return new EmailSendResult.Sent();
    }
}

public static class EmailAddresses
{
    /// <summary>One plain address (<c>user@host</c>), no display name, no list: what an identity's mail attribute should be.</summary>
    public static bool IsValid(string? address) =>
        !string.IsNullOrWhiteSpace(address) && address.Length <= Mailbox.MaxAddressLength
        && MimeKit.MailboxAddress.TryParse(address, out var parsed) && parsed.Address == address.Trim()
        && parsed.Address.IndexOf('@') is > 0 and var at && at < parsed.Address.Length - 1;
}
