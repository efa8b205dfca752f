using JourneyStudio.Runtime.BruteForce;
using JourneyStudio.Runtime.Nodes;

namespace JourneyStudio.Runtime.Identities;

/// <summary>
/// The password check of journeys (Data Store Decision, after Platform Password or Password Collector), behind the
/// brute-force guard. Identities are shared by all realms.
/// </summary>
public sealed class IdentityVerifier(IdentityStore identities, ICredentialGuard guard, BoundedPasswordHasher hasher) : IIdentityVerifier
{
    public async ValueTask<CredentialVerdict> VerifyPasswordAsync(string realm, string username, string password, string? remoteAddress,
        CancellationToken cancellationToken) =>
        await guard.CheckAsync(
            new CredentialAttempt(CredentialAudience.EndUser, CredentialKind.Password, username, remoteAddress),
            ct => identities.VerifyPasswordAsync(username, password, ct),
            // A refused check costs the same hash as a real one, so response times do not tell a lockout apart.
            whenRefused: ct => hasher.VerifyAsync(null, password, ct),
            cancellationToken);

    public async ValueTask<IdentityStoreVerdict> CheckCredentialsAsync(string realm, string username, string password, string? remoteAddress,
        CancellationToken cancellationToken)
    {
        var found = PasswordCheck.Wrong;
        var verdict = await guard.CheckAsync(
            new CredentialAttempt(CredentialAudience.EndUser, CredentialKind.Password, username, remoteAddress),
            async ct =>
            {
                found = await identities.CheckPasswordAsync(username, password, ct);
                return found == PasswordCheck.Valid;
            },
            whenRefused: ct => hasher.VerifyAsync(null, password, ct),
            cancellationToken);
        return verdict == CredentialVerdict.Accepted ? IdentityStoreVerdict.Accepted
            : found == PasswordCheck.ValidButInactive ? IdentityStoreVerdict.Inactive
            : IdentityStoreVerdict.Rejected;
    }
}
