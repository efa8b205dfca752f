namespace JourneyStudio.Runtime.Nodes;

/// <summary>Checks credentials against the identity store (implemented by the identities component).</summary>
public interface IIdentityVerifier
{
    /// <summary>
    /// True only when <paramref name="username"/> exists in <paramref name="realm"/>, is active, and
    /// <paramref name="password"/> is its password. An inactive (disabled) user is false like a wrong password,
    /// so that the answer does not reveal which accounts exist or are disabled.
    /// </summary>
    ValueTask<bool> VerifyPasswordAsync(string realm, string username, string password, CancellationToken cancellationToken);
}
