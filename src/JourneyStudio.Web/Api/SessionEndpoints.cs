using System.Text.Json;
using JourneyStudio.Runtime.Realms;
using JourneyStudio.Runtime.Sessions;

namespace JourneyStudio.Web.Api;

/// <summary>
/// <c>POST .../sessions?_action=getSessionInfo|logout</c>: the end-user session named by the
/// <c>iPlanetDirectoryPro</c> cookie or header (or, for getSessionInfo, <c>{"tokenId"}</c> in the body).
/// </summary>
public static class SessionEndpoints
{
    private const int MaxBodyBytes = 4 * 1024;

    public static void MapSessionEndpoints(this RouteGroupBuilder root) =>
        root.MapForRealms(HttpMethods.Post, "/sessions", SessionsAsync);

    private static async Task<IResult> SessionsAsync(HttpContext http, string realm)
    {
        var action = http.Request.Query["_action"].ToString();
        var store = http.RequestServices.GetRequiredService<UserSessionStore>();
        switch (action)
        {
            case "getSessionInfo":
            {
                var token = FindToken(http);
                if (token is null)
                {
                    var body = await RequestJson.ReadAsync(http.Request, MaxBodyBytes);
                    if (AmErrors.Refusal(body) is { } refused) return refused;
                    token = TokenFrom(body);
                }
                if (await store.GetAsync(token, http.RequestAborted) is not { } session)
                    return AmErrors.Result(401, "No valid session: sign on first.");
                return Results.Json(new SessionInfo(
                    session.Username,
                    UniversalId(session),
                    Realms.Path(session.Realm),
                    session.LastAccessAt.UtcDateTime.ToString("O"),
                    session.ExpiresAt.UtcDateTime.ToString("O"),
                    session.ExpiresAt.UtcDateTime.ToString("O"),
                    session.Properties));
            }
            case "logout":
            {
                var ended = await store.DeleteAsync(FindToken(http), http.RequestAborted);
                ClearCookie(http);
                return ended
                    ? Results.Json(new LogoutResult("Successfully logged out"))
                    : AmErrors.Result(401, "No valid session to log out of.");
            }
            case "":
                return AmErrors.Result(400, "Name the action: ?_action=getSessionInfo or ?_action=logout.");
            default:
                return AmErrors.Result(400, $"Action '{action}' is not supported; use getSessionInfo or logout.");
        }
    }

    /// <summary>The tokenId from the <c>iPlanetDirectoryPro</c> header (AM's REST style) or cookie (browsers).</summary>
    internal static string? FindToken(HttpContext http) =>
        http.Request.Headers[AuthenticateEndpoints.SessionCookieName].ToString() is { Length: > 0 } header
            ? header
            : http.Request.Cookies[AuthenticateEndpoints.SessionCookieName];

    internal static async Task<UserSession?> FindSessionAsync(HttpContext http) =>
        await http.RequestServices.GetRequiredService<UserSessionStore>().GetAsync(FindToken(http), http.RequestAborted);

    /// <summary>The <c>{"tokenId"}</c> of a getSessionInfo body; null when there is none.</summary>
    private static string? TokenFrom(RequestJsonBody body) =>
        body is RequestJsonBody.Parsed { Root: { ValueKind: JsonValueKind.Object } root }
        && root.TryGetProperty("tokenId", out var token) && token.ValueKind == JsonValueKind.String
            ? token.GetString()
            : null;

    private static void ClearCookie(HttpContext http) =>
        http.Response.Cookies.Delete(AuthenticateEndpoints.SessionCookieName, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Path = "/", Secure = http.Request.IsHttps,
        });

    /// <summary>AM's universal id of a user, e.g. <c>id=demo,ou=user,o=alpha,ou=services,ou=am-config</c>.</summary>
    private static string UniversalId(UserSession session) =>
        session.Realm == RealmNames.Root
            ? $"id={session.Username},ou=user,ou=am-config"
            : $"id={session.Username},ou=user,o={session.Realm},ou=services,ou=am-config";

    private sealed record SessionInfo(string Username, string UniversalId, string Realm, string LatestAccessTime,
        string MaxIdleExpirationTime, string MaxSessionExpirationTime,
        // AM lists the session's (whitelisted) properties here; every property a journey put is listed.
        IReadOnlyDictionary<string, string> Properties);

    private sealed record LogoutResult(string Result);
}
