using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using JourneyStudio.Runtime.Administration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace JourneyStudio.Web.Security;

/// <summary>
/// HTTP Basic for the admin API. Admin credentials give the admin role; any other valid sign-in
/// (an end user's) is authenticated without it, so the API answers 403 rather than 401.
/// </summary>
public sealed class AdminBasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AdminSignIn adminSignIn,
    IEnumerable<IEndUserCredentialCheck> endUsers)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();

        string decoded;
        try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter ?? "")); }
        catch (FormatException) { return AuthenticateResult.Fail("The Basic credentials are not valid base64."); }
        var colon = decoded.IndexOf(':');
        if (colon <= 0) return AuthenticateResult.Fail("The Basic credentials must be username:password.");
        var (username, password) = (decoded[..colon], decoded[(colon + 1)..]);

        if (await adminSignIn.VerifyAsync(username, password, Context.Connection.RemoteIpAddress?.ToString(), Context.RequestAborted) is { } admin)
            return Success(AdminAuthentication.AdminPrincipal(admin.Username, Scheme.Name));
        foreach (var check in endUsers)
            if (await check.IsValidAsync(username, password, Context.RequestAborted))
                return Success(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, username)], Scheme.Name)));
        return AuthenticateResult.Fail("Unknown username or wrong password.");
    }

    private AuthenticateResult Success(ClaimsPrincipal principal) =>
        AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"JourneyStudio admin API\", charset=\"UTF-8\"";
        await Response.WriteAsJsonAsync(new { code = 401, reason = "Unauthorized", message = "Admin credentials are required (HTTP Basic)." });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Response.WriteAsJsonAsync(new { code = 403, reason = "Forbidden", message = "Only admins may use the admin API." });
    }
}

/// <summary>Lets the identity store tell the admin API that credentials belong to an end user (403, not 401).</summary>
public interface IEndUserCredentialCheck
{
    Task<bool> IsValidAsync(string username, string password, CancellationToken cancellationToken);
}
