using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace JourneyStudio.OpenIdConnect.Endpoints;

/// <summary>
/// The provider's own pages, in the hosted pages' look (<c>/assets/theme.css</c>): the error page of a request that
/// cannot be sent back to its client, the consent page and the signed-out page. Server-rendered, no script at all,
/// so the studio's CSP holds as it is; every value is HTML-encoded.
/// </summary>
internal static class ProviderPages
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    /// <summary>
    /// An unknown client or a redirect URI the client did not register must never be redirected to: the error is
    /// shown here instead (RFC 6749 4.1.2.1), so the provider cannot be used to send users to an attacker's site.
    /// </summary>
    public static IResult Error(string error, string? description) =>
        Page(StatusCodes.Status400BadRequest, "Sign-on request refused",
            $"""
            <h1>This sign-on request cannot be completed</h1>
            <div class="alert" role="alert" data-testid="oauth-error">{Html.Encode(description ?? error)}</div>
            <p class="description">Error: <code data-testid="oauth-error-code">{Html.Encode(error)}</code>. Go back to the application and try again, or tell its owner.</p>
            """);

    public static IResult SignedOut() =>
        Page(StatusCodes.Status200OK, "Signed out",
            """
            <h1 data-testid="signed-out">You are signed out</h1>
            <p class="description">You can close this window.</p>
            """);

    /// <param name="parameters">The authorization request, posted back with the choice.</param>
    /// <param name="redirectOrigin">The origin of the request's (validated) redirect URI: the form's answer redirects
    /// there, and a browser checks that redirect against the page's <c>form-action</c>.</param>
    public static IResult Consent(string action, string clientName, IReadOnlyList<string> scopes, string username,
        IEnumerable<KeyValuePair<string, string>> parameters, string antiforgeryField, string antiforgeryToken, string redirectOrigin)
    {
        var hidden = new StringBuilder();
        foreach (var (name, value) in parameters)
            hidden.Append($"""<input type="hidden" name="{Html.Encode(name)}" value="{Html.Encode(value)}">""");
        hidden.Append($"""<input type="hidden" name="{Html.Encode(antiforgeryField)}" value="{Html.Encode(antiforgeryToken)}">""");
        var items = string.Concat(scopes.Select(s => $"<li>{Html.Encode(ScopeText(s))}</li>"));
        return Page(StatusCodes.Status200OK, "Allow access",
            $"""
            <h1>Allow <span data-testid="consent-client">{Html.Encode(clientName)}</span> access?</h1>
            <p class="description">Signed on as <strong>{Html.Encode(username)}</strong>. The application asks to:</p>
            <ul data-testid="consent-scopes">{items}</ul>
            <form method="post" action="{Html.Encode(action)}">
              {hidden}
              <div class="actions">
                <button class="primary" type="submit" name="consent" value="allow" data-testid="consent-allow">Allow</button>
                <button class="secondary" type="submit" name="consent" value="deny" data-testid="consent-deny">Deny</button>
              </div>
            </form>
            <p class="description">You can withdraw this on your account page.</p>
            """, ConsentPolicy(redirectOrigin));
    }

    /// <summary>
    /// The studio's policy with one change: the consent form's answer is a redirect to the client, and browsers apply
    /// <c>form-action</c> to a form's redirects too, so this page alone also allows the client's origin. No script runs here.
    /// </summary>
    private static string ConsentPolicy(string redirectOrigin) =>
        "default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; " +
        $"base-uri 'self'; form-action 'self' {redirectOrigin}; frame-ancestors 'none'";

    public static string ScopeText(string scope) => scope switch
    {
        "openid" => "know who you are",
        "profile" => "see your name and username",
        "email" => "see your email address",
        "offline_access" => "stay signed on while you are away",
        _ => scope,
    };

    private static IResult Page(int status, string title, string body, string? contentSecurityPolicy = null) =>
        new HtmlPage(status, contentSecurityPolicy, $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>{Html.Encode(title)}</title>
              <link rel="icon" type="image/svg+xml" href="/assets/logo.svg">
              <link rel="stylesheet" href="/assets/theme.css">
            </head>
            <body>
              <header class="brand"><img src="/assets/logo.svg" alt=""><strong>{Html.Encode(title)}</strong></header>
              <main><div class="card">{body}</div></main>
              <footer>Powered by JourneyStudio</footer>
            </body>
            </html>
            """);

    private sealed class HtmlPage(int status, string? contentSecurityPolicy, string html) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            if (contentSecurityPolicy is not null) http.Response.Headers.ContentSecurityPolicy = contentSecurityPolicy;
            http.Response.ContentType = "text/html; charset=utf-8";
            http.Response.Headers.CacheControl = "no-store";
            return http.Response.WriteAsync(html, Encoding.UTF8);
        }
    }
}
