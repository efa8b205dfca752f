using JourneyStudio.Runtime.Nodes;

namespace JourneyStudio.Runtime.Tests.Support;

/// <summary>Accounts by username (ignoring case, as the store compares them), each active or not.</summary>
public sealed class FakeIdentityAccounts : IIdentityAccounts
{
    public Dictionary<string, bool> Active { get; } = new(StringComparer.OrdinalIgnoreCase) { ["demo"] = true };

    public ValueTask<bool> ExistsAsync(string username, CancellationToken cancellationToken) => ValueTask.FromResult(Active.ContainsKey(username));

    public ValueTask<bool> SetActiveAsync(string username, bool active, CancellationToken cancellationToken)
    {
        if (!Active.ContainsKey(username)) return ValueTask.FromResult(false);
        Active[username] = active;
        return ValueTask.FromResult(true);
    }
}
