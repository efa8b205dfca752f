using JourneyStudio.Runtime.BruteForce;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Persistence;

namespace JourneyStudio.Runtime.Administration;

/// <summary>
/// The one admin credential check (the studio's sign-in form and HTTP Basic on the admin API), behind the brute-force
/// guard with admins counted apart from end users. A locked admin or a throttled address gets the same null as a wrong
/// password, after the same hashing time.
/// </summary>
public sealed class AdminPasswordCheck(AdminAccountStore admins, ICredentialGuard guard, BoundedPasswordHasher hasher)
{
    public async Task<AdminSummary?> VerifyAsync(string? username, string? password, string? remoteAddress, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password)) return null;
        AdminSummary? admin = null;
        var verdict = await guard.CheckAsync(
            new CredentialAttempt(CredentialAudience.Admin, CredentialKind.Password, username, remoteAddress),
            async ct => (admin = await admins.VerifyAsync(username, password, ct)) is not null,
            whenRefused: ct => hasher.VerifyAsync(null, password, ct),
            cancellationToken);
        if (verdict != CredentialVerdict.Accepted) return null;
        // An admin signs in with one check, so that check is the whole sign-on.
        await guard.SignedOnAsync(CredentialAudience.Admin, username, cancellationToken);
        return admin;
    }
}
