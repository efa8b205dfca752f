using JourneyStudio.Runtime.Identities;

namespace JourneyStudio.Web.Security;

/// <summary>End users' own credentials are valid sign-ins, but not admin ones: the admin API answers them 403.</summary>
public sealed class IdentityCredentialCheck(IdentityStore identities) : IEndUserCredentialCheck
{
    public Task<bool> IsValidAsync(string username, string password, CancellationToken cancellationToken) =>
        identities.VerifyPasswordAsync(username, password, cancellationToken);
}
