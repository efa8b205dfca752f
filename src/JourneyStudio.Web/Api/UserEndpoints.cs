using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Realms;

namespace JourneyStudio.Web.Api;

/// <summary><c>GET .../users/{username}</c>: the signed-on user's own profile, and nobody else's.</summary>
public static class UserEndpoints
{
    public static void MapUserEndpoints(this RouteGroupBuilder root)
    {
        root.MapGet("/users/{username}", (HttpContext http, string username) => GetUserAsync(http, RealmNames.Root, username));
        root.MapGet("/realms/{realm}/users/{username}", (HttpContext http, string realm, string username) =>
            Realms.Normalize(realm) is { } known ? GetUserAsync(http, known, username) : Task.FromResult(Realms.NotFound(realm)));
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
