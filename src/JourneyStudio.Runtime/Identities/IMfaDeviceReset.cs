namespace JourneyStudio.Runtime.Identities;

/// <summary>
/// A hook for whatever keeps a user's MFA state (push and OATH devices, recovery codes): an admin's
/// "reset MFA devices" calls every registered implementation, so that a user who lost a phone can register
/// again. Implementations delete what they hold for <c>username</c>; a user with nothing registered is not an error.
/// </summary>
public interface IMfaDeviceReset
{
    Task ResetAsync(string username, CancellationToken cancellationToken);
}

/// <summary>Resets a user's MFA: the skip choices back to "not set", then every <see cref="IMfaDeviceReset"/>.</summary>
public sealed class MfaDeviceResetService(IdentityStore identities, IEnumerable<IMfaDeviceReset> resets)
{
    /// <summary>False when there is no such user (nothing is reset then).</summary>
    public async Task<bool> ResetAsync(string username, CancellationToken cancellationToken = default)
    {
        var identity = await identities.GetAsync(username, cancellationToken);
        if (identity is null) return false;
        foreach (var method in Enum.GetValues<MfaMethod>())
            await identities.SetSkipAsync(identity.Username, method, MfaSkipState.NotSet, cancellationToken);
        foreach (var reset in resets)
            await reset.ResetAsync(identity.Username, cancellationToken);
        return true;
    }
}
