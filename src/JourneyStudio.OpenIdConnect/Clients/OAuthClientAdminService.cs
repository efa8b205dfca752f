using JourneyStudio.Runtime.Audit;

namespace JourneyStudio.OpenIdConnect.Clients;

/// <summary>
/// What an admin does to OAuth clients, from the admin API or the studio, each recorded in the audit log with the names
/// of the settings it set (never the secret, only that one was set or generated).
/// </summary>
public sealed class OAuthClientAdminService(OAuthClientStore store, IAuditLog audit)
{
    public async Task<OAuthClientResult> CreateAsync(OAuthClientRequest request, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var result = await store.CreateAsync(request, cancellationToken);
        await audit.RecordAsync(actor.Event(AuditActions.OAuthClientCreate, request.ClientId) with
        {
            Succeeded = result is OAuthClientResult.Done,
            Detail = result is OAuthClientResult.Done done ? "set " + string.Join(", ", Settings(request, done.GeneratedSecret is not null)) : Refusal(result),
        }, cancellationToken);
        return result;
    }

    public async Task<OAuthClientResult> UpdateAsync(string clientId, OAuthClientRequest request, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var result = await store.UpdateAsync(clientId, request, cancellationToken);
        await audit.RecordAsync(actor.Event(AuditActions.OAuthClientUpdate, clientId) with
        {
            Succeeded = result is OAuthClientResult.Done,
            Detail = result is OAuthClientResult.Done done ? "set " + string.Join(", ", Settings(request, done.GeneratedSecret is not null)) : Refusal(result),
        }, cancellationToken);
        return result;
    }

    public async Task<bool> DeleteAsync(string clientId, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var deleted = await store.DeleteAsync(clientId, cancellationToken);
        await audit.RecordAsync(actor.Event(AuditActions.OAuthClientDelete, clientId) with
        {
            Succeeded = deleted,
            Detail = deleted ? "deleted with its authorizations and tokens" : "refused: there is no such client",
        }, cancellationToken);
        return deleted;
    }

    private static IEnumerable<string> Settings(OAuthClientRequest request, bool secretGenerated)
    {
        if (request.ClientSecret is not null) yield return "clientSecret";
        if (secretGenerated) yield return "clientSecret (generated)";
        yield return "redirectUris";
        yield return "scopes";
        if (request.PostLogoutRedirectUris is not null) yield return "postLogoutRedirectUris";
        if (request.Journeys is not null) yield return "journeys";
        if (request.Name is not null) yield return "name";
        if (request.DefaultJourney is not null) yield return "defaultJourney";
        if (request.FirstParty is not null) yield return "firstParty";
        if (request.CorsOrigins is not null) yield return "corsOrigins";
        if (request.Confidential is not null) yield return "confidential";
        if (request.AccessTokenLifetime is not null) yield return "accessTokenLifetime";
        if (request.IdTokenLifetime is not null) yield return "idTokenLifetime";
        if (request.RefreshTokenLifetime is not null) yield return "refreshTokenLifetime";
    }

    private static string Refusal(OAuthClientResult result) => result switch
    {
        OAuthClientResult.Invalid invalid => "refused: " + string.Join("; ", invalid.Problems.Select(p => p.Path)) + " not valid",
        OAuthClientResult.AlreadyExists => "refused: the client id is taken",
        OAuthClientResult.NotFound => "refused: there is no such client",
        _ => "refused",
    };
}
