using JourneyStudio.Runtime.BruteForce;

namespace JourneyStudio.Runtime.Nodes;

/// <summary>Checks credentials against the identity store (implemented by the identities component).</summary>
public interface IIdentityVerifier
{
    /// <summary>
    /// <see cref="CredentialVerdict.Accepted"/> only when <paramref name="username"/> exists in <paramref name="realm"/>, is
    /// active, and <paramref name="password"/> is its password. An inactive (disabled) user is <see cref="CredentialVerdict.Wrong"/>
    /// like a wrong password, and a locked one or a throttled <paramref name="remoteAddress"/> is refused without a check;
    /// callers treat every verdict but Accepted alike, so that the answer does not reveal which accounts exist or are locked.
    /// </summary>
    ValueTask<CredentialVerdict> VerifyPasswordAsync(string realm, string username, string password, string? remoteAddress,
        CancellationToken cancellationToken);
}
