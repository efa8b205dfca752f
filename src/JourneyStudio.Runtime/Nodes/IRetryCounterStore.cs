using System.Collections.Concurrent;

namespace JourneyStudio.Runtime.Nodes;

/// <summary>
/// Retry Limit Decision counters kept on the user rather than in the session (AM's user attribute
/// <c>retryLimitNodeCount</c>, values <c>{nodeId}={n}</c>), so that starting a new sign-on does not reset them.
/// </summary>
public interface IRetryCounterStore
{
    ValueTask<int?> GetAsync(string realm, string username, string nodeId, CancellationToken cancellationToken);

    /// <summary>
    /// Adds one to the count (starting from 0) and returns the new count, atomically: concurrent sign-ons of one user
    /// each get their own number, so parallel attempts cannot all see the same count and all pass.
    /// </summary>
    ValueTask<int> IncrementAsync(string realm, string username, string nodeId, CancellationToken cancellationToken);

    ValueTask ClearAsync(string realm, string username, string nodeId, CancellationToken cancellationToken);

    /// <summary>Clears every count of <paramref name="username"/> (all realms and nodes), e.g. when an admin unlocks them.</summary>
    ValueTask ClearUserAsync(string username, CancellationToken cancellationToken);
}

/// <summary>A process-local <see cref="IRetryCounterStore"/>: the default until a persistent one is registered.</summary>
public sealed class InMemoryRetryCounterStore : IRetryCounterStore
{
    private readonly ConcurrentDictionary<(string Realm, string Username, string NodeId), int> _counts = new(KeyComparer.Instance);

    public ValueTask<int?> GetAsync(string realm, string username, string nodeId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_counts.TryGetValue((realm, username, nodeId), out var count) ? count : (int?)null);

    public ValueTask<int> IncrementAsync(string realm, string username, string nodeId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_counts.AddOrUpdate((realm, username, nodeId), 1, (_, count) => count + 1));

    public ValueTask ClearAsync(string realm, string username, string nodeId, CancellationToken cancellationToken)
    {
        _counts.TryRemove((realm, username, nodeId), out _);
        return ValueTask.CompletedTask;
    }

    public ValueTask ClearUserAsync(string username, CancellationToken cancellationToken)
    {
        foreach (var key in _counts.Keys.Where(k => StringComparer.OrdinalIgnoreCase.Equals(k.Username, username)))
            _counts.TryRemove(key, out _);
        return ValueTask.CompletedTask;
    }

    // Usernames are matched case-insensitively, like the identity store's logins.
    private sealed class KeyComparer : IEqualityComparer<(string Realm, string Username, string NodeId)>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals((string Realm, string Username, string NodeId) x, (string Realm, string Username, string NodeId) y) =>
            x.Realm == y.Realm && x.NodeId == y.NodeId && StringComparer.OrdinalIgnoreCase.Equals(x.Username, y.Username);

        public int GetHashCode((string Realm, string Username, string NodeId) key) =>
            HashCode.Combine(key.Realm, key.NodeId, StringComparer.OrdinalIgnoreCase.GetHashCode(key.Username));
    }
}
