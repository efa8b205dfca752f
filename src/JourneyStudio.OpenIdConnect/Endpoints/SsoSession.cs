using JourneyStudio.Runtime.Sessions;
using Microsoft.AspNetCore.Http;

namespace JourneyStudio.OpenIdConnect.Endpoints;

/// <summary>
/// The provider's single sign-on session is the studio's user session (the <c>iPlanetDirectoryPro</c> cookie a
/// journey sets), so AM's <c>sessions?_action=logout</c>, the account page's sign-out and <c>endSession</c> all end
/// the same thing.
/// </summary>
internal static class SsoSession
{
    public static string? Token(HttpContext http) => http.Request.Cookies[UserSessionCookie.Name];

    public static Task<UserSession?> FindAsync(HttpContext http, UserSessionStore sessions) =>
        sessions.GetAsync(Token(http), http.RequestAborted);

    public static async Task EndAsync(HttpContext http, UserSessionStore sessions)
    {
        await sessions.DeleteAsync(Token(http), http.RequestAborted);
        http.Response.Cookies.Delete(UserSessionCookie.Name, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Path = "/", Secure = http.Request.IsHttps,
        });
    }
}
