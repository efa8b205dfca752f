namespace JourneyStudio.Runtime.BruteForce;

/// <summary>
/// The one gate every credential check passes through (passwords, OATH codes, recovery codes, push number challenges,
/// admin sign-in): it refuses checks for a locked identity or a throttled client address without running them, counts
/// failures, and locks identities that fail too often.
/// </summary>
public interface ICredentialGuard
{
    /// <summary>
    /// Runs <paramref name="verify"/> unless the identity is locked or the address throttled, and counts a false answer.
    /// A check counts as a failure from the moment it starts until it is proven right, so parallel guesses cannot get
    /// more checks than the limit allows. When the check is refused, <paramref name="whenRefused"/> runs instead, for
    /// callers whose check costs time (a password hash) and must cost the same when refused.
    /// </summary>
    Task<CredentialVerdict> CheckAsync(CredentialAttempt attempt, Func<CancellationToken, Task<bool>> verify,
        Func<CancellationToken, Task>? whenRefused = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// A sign-on of <paramref name="username"/> succeeded: its failures and earlier lockouts are forgotten (a lockout in
    /// force stays). Called once per sign-on, not per check, so that passing one factor does not renew the guesses at the next.
    /// </summary>
    Task SignedOnAsync(CredentialAudience audience, string username, CancellationToken cancellationToken = default);
}
