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

    /// <summary>
    /// Identity Store Decision's check: like <see cref="VerifyPasswordAsync"/>, but a right password of an inactive identity is
    /// <see cref="IdentityStoreVerdict.Inactive"/> (AM's Locked). Only someone who knows the password learns that; a brute-force
    /// lockout or throttle stays <see cref="IdentityStoreVerdict.Rejected"/>, like a wrong password.
    /// </summary>
    async ValueTask<IdentityStoreVerdict> CheckCredentialsAsync(string realm, string username, string password, string? remoteAddress,
        CancellationToken cancellationToken) =>
        await VerifyPasswordAsync(realm, username, password, remoteAddress, cancellationToken) == CredentialVerdict.Accepted
            ? IdentityStoreVerdict.Accepted
            : IdentityStoreVerdict.Rejected;
}

/// <summary>What Identity Store Decision learns from a credential check.</summary>
public enum IdentityStoreVerdict
{
    Accepted,
    Rejected,
    Inactive,
}
