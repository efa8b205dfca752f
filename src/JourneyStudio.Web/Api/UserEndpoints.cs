using JourneyStudio.OpenIdConnect.Clients;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Realms;

namespace JourneyStudio.Web.Api;

/// <summary>
/// <c>GET .../users/{username}</c>: the signed-on user's own profile, and nobody else's; AM's
/// <c>GET .../users/{username}/oauth2/applications</c> (the apps the user allowed) and
/// <c>DELETE .../users/{username}/oauth2/applications/{clientId}</c> (withdraw that consent and its tokens).
/// </summary>
public static class UserEndpoints
{
    public static void MapUserEndpoints(this RouteGroupBuilder root)
    {
        root.MapGet("/users/{username}", (HttpContext http, string username) => GetUserAsync(http, RealmNames.Root, username));
        root.MapGet("/realms/{realm}/users/{username}", (HttpContext http, string realm, string username) =>
            Realms.Normalize(realm) is { } known ? GetUserAsync(http, known, username) : Task.FromResult(Realms.NotFound(realm)));
        root.MapGet("/realms/{realm}/users/{username}/oauth2/applications", (HttpContext http, string realm, string username) =>
            Realms.Normalize(realm) is { } known ? ListApplicationsAsync(http, known, username) : Task.FromResult(Realms.NotFound(realm)));
        root.MapDelete("/realms/{realm}/users/{username}/oauth2/applications/{clientId}", (HttpContext http, string realm, string username, string clientId) =>
            Realms.Normalize(realm) is { } known ? RevokeApplicationAsync(http, known, username, clientId) : Task.FromResult(Realms.NotFound(realm)));
    }

    /// <summary>The user's own session in the realm, or the refusal.</summary>
    private static async Task<(string? Username, IResult? Refusal)> OwnSessionAsync(HttpContext http, string realm, string username)
    {
        if (await SessionEndpoints.FindSessionAsync(http) is not { } session || session.Realm != realm)
            return (null, AmErrors.Result(401, "No valid session in this realm: sign on first."));
        if (!string.Equals(session.Username, username, StringComparison.OrdinalIgnoreCase))
            return (null, AmErrors.Result(403, "You can only see your own applications."));
        return (session.Username, null);
    }

    private static async Task<IResult> ListApplicationsAsync(HttpContext http, string realm, string username)
    {
        var (own, refusal) = await OwnSessionAsync(http, realm, username);
        if (refusal is not null) return refusal;
        var consents = await http.RequestServices.GetRequiredService<UserConsents>().ListAsync(own!, http.RequestAborted);
        // AM's shape: {result: [{_id, name, scopes: {scope: scope}}], resultCount}.
        var result = consents.Select(c => new Dictionary<string, object?>
        {
            ["_id"] = c.ClientId,
            ["name"] = c.Name,
            ["scopes"] = c.Scopes.ToDictionary(s => s, s => s),
            ["since"] = c.Since,
        }).ToList();
        return Results.Json(new Dictionary<string, object> { ["result"] = result, ["resultCount"] = result.Count });
    }

    private static async Task<IResult> RevokeApplicationAsync(HttpContext http, string realm, string username, string clientId)
    {
        var (own, refusal) = await OwnSessionAsync(http, realm, username);
        if (refusal is not null) return refusal;
        return await http.RequestServices.GetRequiredService<UserConsents>().RevokeAsync(own!, clientId, http.RequestAborted)
            ? Results.Json(new Dictionary<string, string> { ["_id"] = clientId })
            : AmErrors.Result(404, $"You have not allowed the application '{clientId}'.");
    }

    private static async Task<IResult> GetUserAsync(HttpContext http, string realm, string username)
    {
        if (await SessionEndpoints.FindSessionAsync(http) is not { } session || session.Realm != realm)
            return AmErrors.Result(401, "No valid session in this realm: sign on first.");
        if (!string.Equals(session.Username, username, StringComparison.OrdinalIgnoreCase))
            return AmErrors.Result(403, "You can only read your own profile.");
        var identity = await http.RequestServices.GetRequiredService<IdentityStore>().GetAsync(session.Username, http.RequestAborted);
        // Deleted since the session was looked up: the session went with it.
        if (identity is null)
            return AmErrors.Result(401, "No valid session in this realm: sign on first.");
        return Results.Json(new Profile(identity.Username, identity.Username, identity.GivenName, identity.Sn, identity.Mail));
    }

    private sealed record Profile(
        [property: System.Text.Json.Serialization.JsonPropertyName("_id")] string Id,
        string Username, string GivenName, string Sn, string Mail);
}
