using JourneyStudio.Web.Api;
using JourneyStudio.Web.Components;
using Microsoft.Net.Http.Headers;

namespace JourneyStudio.Web.Security;

/// <summary>Marks the admin API's endpoints for <see cref="AdminApiRequestGuard"/> (set once on the route group).</summary>
public sealed class AdminApiEndpointMetadata
{
    public static readonly AdminApiEndpointMetadata Instance = new();

    private AdminApiEndpointMetadata() { }
}

/// <summary>
/// Keeps the admin API out of reach of other sites' pages, before authentication and before any body is read:
/// <list type="bullet">
/// <item>a request a browser marks as coming from another site (<c>Sec-Fetch-Site</c>), or whose <c>Origin</c> is
/// not the studio's, is refused (403): scripts and pipelines send neither header;</item>
/// <item>a write (POST, PUT, PATCH, DELETE) must say <c>Content-Type: application/json</c> (415 otherwise). An HTML
/// form can only send <c>text/plain</c>, <c>application/x-www-form-urlencoded</c> or <c>multipart/form-data</c>, and
/// a cross-site <c>fetch</c> with a JSON content type needs a CORS preflight, which this API never grants.</item>
/// </list>
/// </summary>
public sealed class AdminApiRequestGuard(RequestDelegate next, IConfiguration configuration)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<AdminApiEndpointMetadata>() is null)
        {
            await next(http);
            return;
        }
        if (CrossSiteProblem(http.Request) is { } crossSite)
        {
            await AdminApiErrors.Error(StatusCodes.Status403Forbidden, crossSite).ExecuteAsync(http);
            return;
        }
        if (IsWrite(http.Request.Method) && ContentTypeProblem(http.Request.ContentType) is { } contentType)
        {
            await AdminApiErrors.Error(StatusCodes.Status415UnsupportedMediaType, contentType).ExecuteAsync(http);
            return;
        }
        // Failures further on (authentication included) are answered by the admin family's EndpointFamilyBoundary.
        await next(http);
    }

    private string? CrossSiteProblem(HttpRequest request)
    {
        // Browsers send Sec-Fetch-Site on every request; "same-site" is a sibling subdomain, which may be someone else's.
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Equals("cross-site", StringComparison.OrdinalIgnoreCase) || fetchSite.Equals("same-site", StringComparison.OrdinalIgnoreCase))
            return $"The admin API refuses requests from other sites' pages (Sec-Fetch-Site: {fetchSite}). Call it from a script or pipeline.";

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0 || IsStudioOrigin(origin, request)) return null;
        return $"The admin API refuses requests from other sites' pages: the Origin '{origin}' is not this studio's. Call it from a script or pipeline.";
    }

    private bool IsStudioOrigin(string origin, HttpRequest request)
    {
        // "null" (a sandboxed frame, a file: page) and anything that is not a plain origin do not parse.
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var claimed) || claimed.AbsolutePath != "/") return false;
        if (SameOrigin(claimed, $"{request.Scheme}://{request.Host}")) return true;
        // Behind a proxy the browser's origin is the public one, not the address this process was reached at.
        return configuration[StudioUrls.PublicBaseUrlSetting] is { Length: > 0 } publicBaseUrl && SameOrigin(claimed, publicBaseUrl.Trim());
    }

    private static bool SameOrigin(Uri claimed, string expected) =>
        Uri.TryCreate(expected, UriKind.Absolute, out var own)
        && string.Equals(claimed.Scheme, own.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(claimed.IdnHost, own.IdnHost, StringComparison.OrdinalIgnoreCase)
        && claimed.Port == own.Port;

    private static bool IsWrite(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    private const string ContentTypeRule =
        "Admin API writes (POST, PUT, PATCH, DELETE) need the header 'Content-Type: application/json', DELETE too even without a body";

    private static string? ContentTypeProblem(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType)) return $"{ContentTypeRule}; this request has no Content-Type.";
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            || !mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            return $"{ContentTypeRule}; this request says '{contentType}'.";
        foreach (var parameter in mediaType.Parameters)
        {
            var isUtf8Charset = parameter.Name.Equals("charset", StringComparison.OrdinalIgnoreCase)
                && (parameter.Value.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || parameter.Value.Equals("\"utf-8\"", StringComparison.OrdinalIgnoreCase));
            // Bodies are read as UTF-8 (RFC 8259), so another charset would be misread.
            if (!isUtf8Charset) return $"{ContentTypeRule} (optionally '; charset=utf-8'); this request says '{contentType}'.";
        }
        return null;
    }
}
