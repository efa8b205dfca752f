using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JourneyStudio.Runtime.Devices;

public enum PushAnswerResult
{
    Recorded,
    NotFound,
    Expired,
    /// <summary>The message was answered before: a message id answers once.</summary>
    AlreadyAnswered,
}

/// <summary>Push messages waiting for the device's answer, with their time-to-live.</summary>
public sealed class PushMessageStore(IDbContextFactory<JourneyStudioDbContext> contextFactory, TimeProvider time)
{
    public async Task AddAsync(PushMessageRecord message, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.PushMessages.Add(message);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The message while it has not expired; null when absent or expired.</summary>
    public async Task<PushMessageRecord?> GetLiveAsync(string messageId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var message = await db.PushMessages.AsNoTracking().FirstOrDefaultAsync(m => m.MessageId == messageId, cancellationToken);
        return message is null || message.ExpiresAt <= time.GetUtcNow() ? null : message;
    }

    /// <summary>The message whether or not it has expired; null when absent.</summary>
    public async Task<PushMessageRecord?> FindAsync(string messageId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.PushMessages.AsNoTracking().FirstOrDefaultAsync(m => m.MessageId == messageId, cancellationToken);
    }

    /// <summary>Records the device's answer once, atomically: of two concurrent answers exactly one is recorded.</summary>
    public async Task<PushAnswerResult> AnswerAsync(string messageId, PushMessageState state, int? challengeResponse, string? registrationJson,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var updated = await db.PushMessages
            .Where(m => m.MessageId == messageId && m.State == PushMessageState.Pending && m.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.State, state)
                .SetProperty(m => m.ChallengeResponse, challengeResponse)
                .SetProperty(m => m.RegistrationJson, registrationJson)
                .SetProperty(m => m.AnsweredAt, now), cancellationToken);
        if (updated == 1) return PushAnswerResult.Recorded;
        var existing = await db.PushMessages.AsNoTracking().FirstOrDefaultAsync(m => m.MessageId == messageId, cancellationToken);
        return existing is null ? PushAnswerResult.NotFound
            : existing.State != PushMessageState.Pending ? PushAnswerResult.AlreadyAnswered
            : PushAnswerResult.Expired;
    }

    public async Task DeleteAsync(string messageId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.PushMessages.Where(m => m.MessageId == messageId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Deletes messages expired for longer than <paramref name="grace"/>. Returns how many.</summary>
    public async Task<int> PurgeExpiredAsync(TimeSpan grace, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var cutoff = time.GetUtcNow() - grace;
        return await db.PushMessages.Where(m => m.ExpiresAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
