using JourneyStudio.Runtime.Nodes;

namespace JourneyStudio.Runtime.Identities;

/// <summary>The account nodes' view of the identity store.</summary>
public sealed class IdentityAccounts(IdentityStore identities) : IIdentityAccounts
{
    public async ValueTask<bool> ExistsAsync(string username, CancellationToken cancellationToken) =>
        await identities.GetAsync(username, cancellationToken) is not null;

    public async ValueTask<bool> SetActiveAsync(string username, bool active, CancellationToken cancellationToken) =>
        await identities.UpdateAsync(username, new IdentityUpdate(Active: active), cancellationToken) is IdentityResult.Done;
}
