using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using System.Text.Json;

namespace JourneyStudio.OpenIdConnect.Clients;

/// <summary>
/// The CORS origins of all clients, read from the database and kept for a few seconds (every preflight and every
/// cross-origin sign-on step asks); a change on this instance is seen at once, on another one within the cache time.
/// </summary>
public sealed class ClientOriginRegistry(IServiceScopeFactory scopes, TimeProvider time)
{
    private static readonly TimeSpan CacheTime = TimeSpan.FromSeconds(10);
    private volatile Snapshot? _snapshot;

    private sealed record Snapshot(IReadOnlySet<string> Origins, DateTimeOffset ReadAt);

    public void Invalidate() => _snapshot = null;

    /// <summary>Whether <paramref name="origin"/> (the <c>Origin</c> header as sent) is a registered client origin.</summary>
    public async Task<bool> IsAllowedAsync(string origin, CancellationToken cancellationToken)
    {
        if (OAuthClientStore.NormalizeOrigin(origin) is not { } normalized || normalized != origin) return false;
        var snapshot = _snapshot;
        if (snapshot is null || time.GetUtcNow() - snapshot.ReadAt > CacheTime)
            _snapshot = snapshot = new Snapshot(await ReadAsync(cancellationToken), time.GetUtcNow());
        return snapshot.Origins.Contains(normalized);
    }

    private async Task<IReadOnlySet<string>> ReadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var origins = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var application in applications.ListAsync(count: null, offset: null, cancellationToken))
        {
            var properties = await applications.GetPropertiesAsync(application, cancellationToken);
            if (properties.TryGetValue(OAuthClientStore.CorsOriginsProperty, out var list) && list.ValueKind == JsonValueKind.Array)
                foreach (var item in list.EnumerateArray())
                    if (item.ValueKind == JsonValueKind.String) origins.Add(item.GetString()!);
        }
        return origins;
    }
}
