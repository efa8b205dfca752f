using System.Security.Cryptography;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.Net.Http.Headers;

namespace JourneyStudio.Web.Hosting;

/// <summary>
/// The headers every response of the studio carries (studio pages, hosted sign-on pages, error pages, APIs,
/// static files), set in one place so that no page can forget them. An endpoint that needs a different
/// value sets its own header; the defaults only fill what is missing when the response starts.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// The policy of every page. Scripts only from the studio itself, plus inline scripts carrying this
    /// request's nonce (Blazor's import map). Styles may be inline because Blazor, MudBlazor and the diagram
    /// canvas write <c>style</c> attributes and MudBlazor's theme is a <c>&lt;style&gt;</c> element; a style
    /// cannot run code. <c>blob:</c> images are the login page's QR codes. <c>frame-ancestors 'none'</c>:
    /// another site must not frame a sign-on page to trick a user into clicking on it (clickjacking).
    /// </summary>
    public static string ContentSecurityPolicy(string nonce) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    /// <summary>
    /// The policy of everything that is not a page (JSON, SVG, scripts, styles): nothing may run or load from it,
    /// and no nonce, so that equal answers (e.g. two refusals an attacker compares) are byte for byte equal.
    /// </summary>
    public const string NonPageContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>
    /// The script Monaco (the Scripts page's code editor) starts its web workers with. A dedicated worker runs under the
    /// policy of its own script's response, not the page's, and this one loads the rest of Monaco's worker code with
    /// <c>importScripts</c> from the studio; under <see cref="NonPageContentSecurityPolicy"/> it could not. So it alone may
    /// run scripts from the studio, and still nothing else (no connections, no other origin).
    /// </summary>
    public const string MonacoWorkerPath = "/_content/BlazorMonaco/lib/monaco-editor/min/vs/base/worker/workerMain.js";

    public const string MonacoWorkerContentSecurityPolicy = "default-src 'none'; script-src 'self'; frame-ancestors 'none'";

    /// <summary>
    /// <c>same-origin</c>: no URL of the studio (preview URLs, <c>suspendedId</c> links) leaks to another
    /// site, while same-origin requests keep their <c>Origin</c>, which cross-site checks rely on.
    /// </summary>
    public const string ReferrerPolicy = "same-origin";

    /// <summary>Leaves the framing header to <see cref="UseStudioSecurityHeaders"/> (antiforgery would set a weaker SAMEORIGIN).</summary>
    public static IServiceCollection AddStudioSecurityHeaders(this IServiceCollection services) =>
        services.Configure<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>(options => options.SuppressXFrameOptionsHeader = true);

    /// <summary>Adds the security headers to every response; call it first, so error pages get them too.</summary>
    public static IApplicationBuilder UseStudioSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            // Made when a page first asks for it: JSON, static files and other non-pages never carry one, and a random
            // nonce for each of their requests was a measurable part of a sign-on step's CPU.
            var nonce = new CspNonceFeature();
            http.Features.Set<ICspNonceFeature>(nonce);
            // OnStarting rather than now: the exception handler clears the headers before it renders the error
            // page, and endpoints that set their own value (e.g. a stricter Referrer-Policy) keep it.
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                var isPage = http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true;
                headers.TryAdd(HeaderNames.ContentSecurityPolicy, isPage ? ContentSecurityPolicy(nonce.Nonce)
                    : http.Request.Path.Equals(MonacoWorkerPath, StringComparison.Ordinal) ? MonacoWorkerContentSecurityPolicy
                    : NonPageContentSecurityPolicy);
                headers.TryAdd(HeaderNames.XContentTypeOptions, "nosniff");
                headers.TryAdd(HeaderNames.XFrameOptions, "DENY"); // frame-ancestors for browsers without CSP 2
                headers.TryAdd("Referrer-Policy", ReferrerPolicy);
                return Task.CompletedTask;
            });
            return next(http);
        });

    /// <summary>
    /// Every cookie the studio sets (admin sign-in, antiforgery, the end user's <c>iPlanetDirectoryPro</c>
    /// session) is HttpOnly, at least SameSite=Lax, and Secure whenever the request came over HTTPS. Call it
    /// before anything that sets cookies.
    /// </summary>
    public static IApplicationBuilder UseStudioCookiePolicy(this IApplicationBuilder app) =>
        app.UseCookiePolicy(new CookiePolicyOptions
        {
            HttpOnly = HttpOnlyPolicy.Always,
            Secure = CookieSecurePolicy.SameAsRequest,
            MinimumSameSitePolicy = Microsoft.AspNetCore.Http.SameSiteMode.Lax,
        });

    /// <summary>This request's CSP nonce, for the few inline scripts a page renders (e.g. the import map).</summary>
    public static string? CspNonce(this HttpContext http) => http.Features.Get<ICspNonceFeature>()?.Nonce;

    // base64url: Razor HTML-encodes '+' in attribute values, which would no longer match the header's nonce.
    private static string CreateNonce() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');

    public interface ICspNonceFeature
    {
        string Nonce { get; }
    }

    private sealed class CspNonceFeature : ICspNonceFeature
    {
        private string? _nonce;

        // One value per request however often (and from wherever) it is read: the header and the page must agree.
        public string Nonce => Volatile.Read(ref _nonce) ?? Interlocked.CompareExchange(ref _nonce, CreateNonce(), null) ?? _nonce!;
    }
}
