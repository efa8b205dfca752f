using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using JourneyStudio.Runtime.ApiTokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace JourneyStudio.Web.Security;

/// <summary>
/// Admin API credentials: <c>Authorization: Bearer &lt;admin API token&gt;</c>, or HTTP Basic with an admin's
/// username and password. Every failure, whatever its cause, gets one and the same 401.
/// </summary>
public sealed class AdminApiAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AdminSignIn signIn)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>
    /// A Bearer challenge, never Basic: a Basic challenge makes a browser prompt and then remember the admin's
    /// password for the origin, sending it along with any request another site's page makes there.
    /// </summary>
    public const string Challenge = "Bearer realm=\"JourneyStudio admin API\"";

    public const string UnauthorizedMessage =
        "Admin credentials are required: an admin API token (Authorization: Bearer jst_…) or an admin's username and password (HTTP Basic).";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)) return AuthenticateResult.NoResult();
        if (string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase))
            return await AuthenticateTokenAsync(header.Parameter ?? "");
        if (string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
            return await AuthenticatePasswordAsync(header.Parameter ?? "");
        return AuthenticateResult.NoResult();
    }

    private async Task<AuthenticateResult> AuthenticateTokenAsync(string token) =>
        await signIn.CheckTokenAsync(token, Context) is AdminApiTokenCheck.Valid valid
            ? Success(AdminAuthentication.AdminPrincipal(AdminSignIn.TokenActor(valid.Summary.Name), Scheme.Name))
            : AuthenticateResult.Fail("Unknown, revoked or expired admin API token.");

    private async Task<AuthenticateResult> AuthenticatePasswordAsync(string encoded)
    {
        string decoded;
        try { decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Convert.FromBase64String(encoded)); }
        catch (Exception e) when (e is FormatException or ArgumentException) { return AuthenticateResult.Fail("The Basic credentials are not valid base64 of UTF-8 text."); }
        var colon = decoded.IndexOf(':');
        if (colon <= 0) return AuthenticateResult.Fail("The Basic credentials must be username:password.");

        return await signIn.CheckPasswordAsync(decoded[..colon], decoded[(colon + 1)..], AdminSignInChannel.Api, Context) is { } admin
            ? Success(AdminAuthentication.AdminPrincipal(admin.Username, Scheme.Name))
            : AuthenticateResult.Fail("Unknown username or wrong password.");
    }

    private AuthenticateResult Success(ClaimsPrincipal principal) =>
        AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = Challenge;
        return WriteErrorAsync(StatusCodes.Status401Unauthorized, UnauthorizedMessage);
    }

    // Only admins are ever authenticated by this handler; kept so a future narrower policy answers in the API's shape.
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteErrorAsync(StatusCodes.Status403Forbidden, "These credentials may not use this admin API endpoint.");

    private Task WriteErrorAsync(int status, string message)
    {
        Response.StatusCode = status;
        return Response.WriteAsJsonAsync(new { code = status, reason = ReasonPhrases.GetReasonPhrase(status), message });
    }
}
