using System.Globalization;
using JourneyStudio.Runtime.Audit;
using JourneyStudio.Runtime.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JourneyStudio.Runtime.BruteForce;

/// <summary>
/// The brute-force protector (after Keycloak's): <see cref="BruteForceOptions.MaxFailures"/> consecutive failed checks of
/// one identity lock it for <see cref="BruteForceOptions.LockoutDuration"/>, doubling with each further lockout up to
/// <see cref="BruteForceOptions.MaxLockoutDuration"/>; a sign-on resets it. A client address that fails
/// <see cref="BruteForceOptions.AddressMaxFailures"/> checks in one <see cref="BruteForceOptions.AddressWindow"/> is refused
/// until the window ends. Locking an end user ends their sessions and is recorded in the audit log.
/// </summary>
public sealed partial class BruteForceProtector(
    CredentialFailureStore store,
    IOptions<BruteForceOptions> options,
    UserSessionStore userSessions,
    IAuditLog audit,
    TimeProvider time,
    ILogger<BruteForceProtector> logger) : ICredentialGuard
{
    public async Task<CredentialVerdict> CheckAsync(CredentialAttempt attempt, Func<CancellationToken, Task<bool>> verify,
        Func<CancellationToken, Task>? whenRefused = null, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (!settings.Enabled || string.IsNullOrEmpty(attempt.Username))
            return await verify(cancellationToken) ? CredentialVerdict.Accepted : CredentialVerdict.Wrong;

        var now = time.GetUtcNow();
        var address = settings.AddressMaxFailures > 0 && !string.IsNullOrEmpty(attempt.RemoteAddress) ? attempt.RemoteAddress : null;
        AddressReservation? addressReservation = null;
        if (address is not null)
        {
            addressReservation = await store.ReserveAddressAsync(address, now, now - settings.AddressWindow, cancellationToken);
            if (addressReservation.Failures > settings.AddressMaxFailures)
            {
                await store.ReleaseAddressAsync(address, addressReservation.WindowStartedAt, CancellationToken.None);
                return await RefuseAsync(attempt, CredentialVerdict.AddressThrottled, whenRefused, cancellationToken);
            }
        }

        var reservation = await store.ReserveIdentityAsync(attempt.Audience, attempt.Username, now, now - settings.FailureResetTime, cancellationToken);
        if (reservation.LockedUntil is not null || reservation.ConsecutiveFailures > settings.MaxFailures)
        {
            // Over the budget while the check that used it up is still running: refused like a lock, and not counted.
            if (reservation.LockedUntil is null)
                await store.ReleaseIdentityAsync(attempt.Audience, attempt.Username, reservation.Lockouts, now, CancellationToken.None);
            if (addressReservation is not null) await store.ReleaseAddressAsync(address!, addressReservation.WindowStartedAt, CancellationToken.None);
            return await RefuseAsync(attempt, CredentialVerdict.IdentityLocked, whenRefused, cancellationToken);
        }

        // An exception or an aborted request leaves the reservations in place: a check that never finished counts as failed.
        if (await verify(cancellationToken))
        {
            await store.ReleaseIdentityAsync(attempt.Audience, attempt.Username, reservation.Lockouts, now, CancellationToken.None);
            if (addressReservation is not null) await store.ReleaseAddressAsync(address!, addressReservation.WindowStartedAt, CancellationToken.None);
            return CredentialVerdict.Accepted;
        }

        LogFailed(attempt.Kind, attempt.Audience, attempt.Username, attempt.RemoteAddress, reservation.ConsecutiveFailures, settings.MaxFailures);
        if (reservation.ConsecutiveFailures >= settings.MaxFailures)
            await LockAsync(attempt, reservation.Lockouts, settings);
        return CredentialVerdict.Wrong;
    }

    public async Task SignedOnAsync(CredentialAudience audience, string username, CancellationToken cancellationToken = default)
    {
        if (!options.Value.Enabled || string.IsNullOrEmpty(username)) return;
        await store.ResetAsync(audience, username, time.GetUtcNow(), cancellationToken);
    }

    private async Task LockAsync(CredentialAttempt attempt, int previousLockouts, BruteForceOptions settings)
    {
        var now = time.GetUtcNow();
        var length = settings.LockoutLength(previousLockouts);
        var until = now + length;
        // Of concurrent failures that all reached the limit, one locks; the others find the generation moved on.
        if (!await store.TryLockAsync(attempt.Audience, attempt.Username, previousLockouts, settings.MaxFailures, until, CancellationToken.None))
            return;

        LogLocked(attempt.Audience, attempt.Username, until, previousLockouts + 1, attempt.RemoteAddress);
        var endedSessions = attempt.Audience == CredentialAudience.EndUser
            ? await userSessions.EndAllForUserAsync(attempt.Username, CancellationToken.None)
            : 0;
        var who = attempt.Audience == CredentialAudience.Admin ? "Admin account" : "Identity";
        await audit.RecordAsync(new AuditEvent
        {
            Action = AuditActions.IdentityLockout,
            Actor = "system",
            Target = attempt.Username,
            RemoteAddress = attempt.RemoteAddress,
            Channel = "runtime",
            Detail = $"{who} locked until {until.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC "
                     + $"(lockout {previousLockouts + 1}, {length.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture)} min) after "
                     + $"{settings.MaxFailures} consecutive failed credential checks; the last one was a {Describe(attempt.Kind)}"
                     + (endedSessions > 0 ? $"; {endedSessions} session(s) ended." : "."),
        }, CancellationToken.None);
    }

    private async Task<CredentialVerdict> RefuseAsync(CredentialAttempt attempt, CredentialVerdict verdict, Func<CancellationToken, Task>? whenRefused,
        CancellationToken cancellationToken)
    {
        LogRefused(attempt.Kind, attempt.Audience, attempt.Username, attempt.RemoteAddress, verdict);
        if (whenRefused is not null) await whenRefused(cancellationToken);
        return verdict;
    }

    private static string Describe(CredentialKind kind) => kind switch
    {
        CredentialKind.OathCode => "one-time code",
        CredentialKind.RecoveryCode => "recovery code",
        CredentialKind.PushNumber => "push number challenge",
        CredentialKind.SecurityAnswer => "security answer",
        _ => "password",
    };

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Failed {Kind} check for {Audience} {Username} from {RemoteAddress}: {Failures} of {MaxFailures} consecutive failures.")]
    private partial void LogFailed(CredentialKind kind, CredentialAudience audience, string username, string? remoteAddress, int failures, int maxFailures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Audience} {Username} is locked until {Until} (lockout {Lockout}); last failure from {RemoteAddress}.")]
    private partial void LogLocked(CredentialAudience audience, string username, DateTimeOffset until, int lockout, string? remoteAddress);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} check for {Audience} {Username} from {RemoteAddress} refused without checking: {Verdict}.")]
    private partial void LogRefused(CredentialKind kind, CredentialAudience audience, string username, string? remoteAddress, CredentialVerdict verdict);
}
