using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JourneyStudio.Runtime.Push.Embedded;

/// <summary>
/// The inboxes of virtual devices: the embedded transport puts messages in, the virtual authenticator
/// takes them out by its device token. A message leaves the inbox when delivered or when it expires.
/// </summary>
public sealed class VirtualInbox(IDbContextFactory<JourneyStudioDbContext> contextFactory, TimeProvider time)
{
    /// <summary>A device that never polls cannot make its inbox grow without bound: older messages give way.</summary>
    public const int MaxPendingPerDevice = 20;

    public async Task PutAsync(VirtualInboxMessage message, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        await db.VirtualInbox.Where(m => m.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        db.VirtualInbox.Add(message);
        await db.SaveChangesAsync(cancellationToken);
        var overflow = await db.VirtualInbox.Where(m => m.DeviceToken == message.DeviceToken)
            .OrderByDescending(m => m.Id).Skip(MaxPendingPerDevice).Select(m => m.Id).ToListAsync(cancellationToken);
        if (overflow.Count > 0)
            await db.VirtualInbox.Where(m => overflow.Contains(m.Id)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// The device's unexpired messages, oldest first, removed from the inbox as they are handed out
    /// (a push service delivers a notification once).
    /// </summary>
    public async Task<IReadOnlyList<VirtualInboxMessage>> TakeAsync(string deviceToken, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var messages = await db.VirtualInbox.AsNoTracking()
            .Where(m => m.DeviceToken == deviceToken && m.ExpiresAt > now)
            .OrderBy(m => m.Id).ToListAsync(cancellationToken);
        // Only the rows actually deleted here count as delivered, so two concurrent polls never both get a message.
        var delivered = new List<VirtualInboxMessage>(messages.Count);
        foreach (var message in messages)
        {
            if (await db.VirtualInbox.Where(m => m.Id == message.Id).ExecuteDeleteAsync(cancellationToken) == 1)
                delivered.Add(message);
        }
        await db.VirtualInbox.Where(m => m.DeviceToken == deviceToken && m.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        return delivered;
    }
}
