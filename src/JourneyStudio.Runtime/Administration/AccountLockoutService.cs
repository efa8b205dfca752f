using JourneyStudio.Runtime.Audit;
using JourneyStudio.Runtime.BruteForce;
using JourneyStudio.Runtime.Nodes;

namespace JourneyStudio.Runtime.Administration;

/// <summary>
/// What the Identities page and the admin API show and do about lockouts: which identities are locked until when,
/// and unlocking them (recorded in the audit log). Unlocking also clears the identity's Retry Limit counts, so the
/// user starts afresh everywhere.
/// </summary>
public sealed class AccountLockoutService(CredentialFailureStore failures, IRetryCounterStore retryCounters, IAuditLog audit, TimeProvider time)
{
    /// <summary>Until when each locked one of <paramref name="usernames"/> is locked; unlocked ones are absent.</summary>
    public Task<IReadOnlyDictionary<string, DateTimeOffset>> LockedUntilAsync(IReadOnlyCollection<string> usernames, CancellationToken cancellationToken = default) =>
        failures.LockedUntilAsync(CredentialAudience.EndUser, usernames, time.GetUtcNow(), cancellationToken);

    public async Task<DateTimeOffset?> LockedUntilAsync(string username, CancellationToken cancellationToken = default) =>
        (await LockedUntilAsync([username], cancellationToken)).TryGetValue(username, out var until) ? until : null;

    /// <summary>Ends <paramref name="username"/>'s lockout and forgets their failures; false when they were not locked.</summary>
    public async Task<bool> UnlockAsync(string username, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var wasLockedUntil = await failures.UnlockAsync(CredentialAudience.EndUser, username, time.GetUtcNow(), cancellationToken);
        await retryCounters.ClearUserAsync(username, cancellationToken);
        if (wasLockedUntil is null) return false;
        await audit.RecordAsync(new AuditEvent
        {
            Action = AuditActions.IdentityUnlock,
            Actor = actor.Name,
            Target = username,
            Channel = actor.Channel,
            RemoteAddress = actor.RemoteAddress,
            Detail = $"Unlocked before the lockout ended at {wasLockedUntil.Value.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC.",
        }, cancellationToken);
        return true;
    }
}
