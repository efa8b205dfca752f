using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JourneyStudio.OpenIdConnect.Clients;

/// <summary>An application a user allowed (a remembered consent), as the account page lists it.</summary>
public sealed record UserConsent(string ClientId, string Name, IReadOnlyList<string> Scopes, DateTimeOffset? Since);

/// <summary>
/// The consents a user gave (OpenIddict's permanent authorizations), listed and withdrawn by the user: withdrawing one
/// revokes it with every token issued under it, so the app must ask again and its refresh tokens stop working.
/// </summary>
public sealed class UserConsents(IOpenIddictAuthorizationManager authorizations, IOpenIddictApplicationManager applications)
{
    public async Task<IReadOnlyList<UserConsent>> ListAsync(string username, CancellationToken cancellationToken = default)
    {
        var consents = new Dictionary<string, UserConsent>(StringComparer.Ordinal);
        await foreach (var authorization in authorizations.FindBySubjectAsync(username, cancellationToken))
        {
            if (!await authorizations.HasStatusAsync(authorization, Statuses.Valid, cancellationToken)
                || !await authorizations.HasTypeAsync(authorization, AuthorizationTypes.Permanent, cancellationToken)) continue;
            if (await authorizations.GetApplicationIdAsync(authorization, cancellationToken) is not { } applicationId
                || await applications.FindByIdAsync(applicationId, cancellationToken) is not { } application) continue;
            var clientId = (await applications.GetClientIdAsync(application, cancellationToken))!;
            var scopes = await authorizations.GetScopesAsync(authorization, cancellationToken);
            var since = await authorizations.GetCreationDateAsync(authorization, cancellationToken);
            consents[clientId] = consents.TryGetValue(clientId, out var earlier)
                ? earlier with { Scopes = [.. earlier.Scopes.Union(scopes).Order(StringComparer.Ordinal)] }
                : new UserConsent(clientId, await applications.GetDisplayNameAsync(application, cancellationToken) ?? clientId,
                    [.. scopes.Order(StringComparer.Ordinal)], since);
        }
        return consents.Values.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Withdraws every consent of the user for the client; false when there was none.</summary>
    public async Task<bool> RevokeAsync(string username, string clientId, CancellationToken cancellationToken = default)
    {
        if (await applications.FindByClientIdAsync(clientId, cancellationToken) is not { } application) return false;
        var applicationId = (await applications.GetIdAsync(application, cancellationToken))!;
        var revoked = false;
        var found = new List<object>();
        await foreach (var authorization in authorizations.FindAsync(username, applicationId, Statuses.Valid, AuthorizationTypes.Permanent, [], cancellationToken))
            found.Add(authorization);
        foreach (var authorization in found)
            // OpenIddict revokes the authorization's tokens with it.
            revoked |= await authorizations.TryRevokeAsync(authorization, cancellationToken);
        return revoked;
    }
}
