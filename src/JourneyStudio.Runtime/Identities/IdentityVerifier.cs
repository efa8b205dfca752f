using JourneyStudio.Runtime.Nodes;

namespace JourneyStudio.Runtime.Identities;

/// <summary>The Data Store Decision node's view of the identity store. Identities are shared by all realms.</summary>
public sealed class IdentityVerifier(IdentityStore identities) : IIdentityVerifier
{
    public async ValueTask<bool> VerifyPasswordAsync(string realm, string username, string password, CancellationToken cancellationToken) =>
        await identities.VerifyPasswordAsync(username, password, cancellationToken);
}
