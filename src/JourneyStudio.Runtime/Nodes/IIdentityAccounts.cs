namespace JourneyStudio.Runtime.Nodes;

/// <summary>What the account nodes need of the identity store (implemented by the identities component).</summary>
public interface IIdentityAccounts
{
    /// <summary>Whether an identity has this username (ignoring letter case, as the store compares usernames).</summary>
    ValueTask<bool> ExistsAsync(string username, CancellationToken cancellationToken);

    /// <summary>Makes the account active or inactive; false when there is no such identity. Deactivating ends its sessions.</summary>
    ValueTask<bool> SetActiveAsync(string username, bool active, CancellationToken cancellationToken);
}
