using JourneyStudio.Runtime.BruteForce;

namespace JourneyStudio.Runtime.Tests.Support;

/// <summary>A guard that runs every check and counts nothing, for engine tests that are not about guessing.</summary>
public sealed class PassThroughCredentialGuard : ICredentialGuard
{
    public async Task<CredentialVerdict> CheckAsync(CredentialAttempt attempt, Func<CancellationToken, Task<bool>> verify,
        Func<CancellationToken, Task>? whenRefused = null, CancellationToken cancellationToken = default) =>
        await verify(cancellationToken) ? CredentialVerdict.Accepted : CredentialVerdict.Wrong;

    public Task SignedOnAsync(CredentialAudience audience, string username, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
