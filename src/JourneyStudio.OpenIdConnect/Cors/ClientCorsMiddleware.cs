using JourneyStudio.OpenIdConnect.Clients;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace JourneyStudio.OpenIdConnect.Cors;

/// <summary>
/// CORS for apps that sign on from their own origin with the ForgeRock SDK: the <c>authenticate</c> and <c>sessions</c>
/// endpoints and the OAuth endpoints answer, with credentials (the SSO cookie), only the origins registered on some
/// client; preflights included. Every other origin gets no CORS header at all, so its scripts cannot read an answer.
/// The admin API is never covered (its cross-site refusal stays).
/// </summary>
public sealed class ClientCorsMiddleware(RequestDelegate next, ClientOriginRegistry origins)
{
    /// <summary>The request headers the SDK sends (and the usual simple ones).</summary>
    private static readonly HashSet<string> AllowedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "accept", "accept-api-version", "authorization", "content-type", "x-requested-with", "x-requested-platform",
    };

    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        if (!IsCorsPath(request.Path) || request.Headers.Origin.Count != 1 || string.IsNullOrEmpty(request.Headers.Origin[0]))
        {
            await next(http);
            return;
        }
        var origin = request.Headers.Origin[0]!;
        var allowed = await origins.IsAllowedAsync(origin, http.RequestAborted);
        var headers = http.Response.Headers;
        headers.Append(HeaderNames.Vary, HeaderNames.Origin);
        var preflight = HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey(HeaderNames.AccessControlRequestMethod);
        if (allowed)
        {
            headers.AccessControlAllowOrigin = origin;
            headers.AccessControlAllowCredentials = "true";
        }
        if (!preflight)
        {
            await next(http);
            return;
        }
        if (allowed)
        {
            headers.AccessControlAllowMethods = "GET, POST";
            var requested = request.Headers.AccessControlRequestHeaders.ToString()
                .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Where(AllowedHeaders.Contains);
            headers.AccessControlAllowHeaders = string.Join(", ", requested);
            headers.AccessControlMaxAge = "600";
        }
        http.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary><c>/oauth2/…</c>, and <c>authenticate</c> and <c>sessions</c> of AM's REST paths in any realm.</summary>
    public static bool IsCorsPath(PathString path)
    {
        if (OpenIdConnectPaths.RealmOf(path) is not null) return true;
        if (!path.StartsWithSegments("/json/realms/root", StringComparison.OrdinalIgnoreCase, out var rest)) return false;
        var segments = rest.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments switch
        {
            ["authenticate" or "sessions"] => true,
            ["realms", _, "authenticate" or "sessions"] => true,
            _ => false,
        };
    }
}
