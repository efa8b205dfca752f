using JourneyStudio.Runtime.Identities;
using Microsoft.Extensions.Options;

namespace JourneyStudio.Runtime.BruteForce;

/// <summary>The brute-force protector's answer to "is this end user locked out now?", for session creation and validation.</summary>
public sealed class BruteForceAccountLockout(CredentialFailureStore store, IOptions<BruteForceOptions> options, TimeProvider time) : IAccountLockout
{
    public async ValueTask<bool> IsLockedAsync(string username, CancellationToken cancellationToken = default)
    {
        if (!options.Value.Enabled || string.IsNullOrEmpty(username)) return false;
        var record = await store.GetAsync(CredentialAudience.EndUser, username, cancellationToken);
        return record?.LockedUntil > time.GetUtcNow();
    }
}
