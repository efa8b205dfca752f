using System.Security.Claims;
using JourneyStudio.OpenIdConnect.Clients;
using JourneyStudio.Runtime.Administration;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Sessions;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JourneyStudio.OpenIdConnect.Endpoints;

/// <summary>
/// The token, userinfo and end-session endpoints (OpenIddict passthrough). OpenIddict has authenticated the client and
/// validated the code (with its PKCE verifier), refresh token or access token; these check what only the studio knows:
/// that the user may still sign on. A disabled, deleted or locked identity gets no new token, whatever it still holds.
/// </summary>
public sealed class TokenEndpoints(
    OAuthClientStore clients,
    IdentityStore identities,
    AccountLockoutService lockouts,
    UserSessionStore sessions)
{
    public const string UserNotAllowed = "The user is no longer allowed to sign on.";

    public async Task<IResult> ExchangeAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var cancellation = http.RequestAborted;
        if (request.IsClientCredentialsGrantType())
        {
            // The client acts for itself: its id is the subject, and only the scopes it was granted (checked by OpenIddict).
            var client = await clients.GetAsync(request.ClientId!, cancellation) ?? throw new InvalidOperationException("Unknown client.");
            var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, client.ClientId).SetClaim(Claims.Name, client.Name);
            identity.SetScopes(request.GetScopes().Where(s => s != Scopes.OpenId && s != Scopes.OfflineAccess));
            identity.SetDestinations(claim => claim.Type == Claims.Subject || claim.Type == Claims.Name ? [Destinations.AccessToken] : []);
            return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }
        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            if (result.Principal?.Identity is not ClaimsIdentity granted) return RefuseGrant("The grant is not valid.");
            if (await AllowedUserAsync(granted.FindFirst(Claims.Subject)?.Value, cancellation) is not { } user)
                return RefuseGrant(UserNotAllowed);
            // The same grant (scopes, authorization, assurance of the sign-on), with the profile as it is now.
            var identity = new ClaimsIdentity(granted.Claims, TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            ProviderClaims.AddProfile(identity, user);
            identity.SetDestinations(ProviderClaims.Destinations);
            return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }
        return RefuseGrant("The grant type is not supported.", Errors.UnsupportedGrantType);
    }

    public async Task<IResult> UserInfoAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (result.Principal is not { } principal) return RefuseToken("The access token is not valid.");
        if (await AllowedUserAsync(principal.GetClaim(Claims.Subject), http.RequestAborted) is not { } user)
            return RefuseToken(UserNotAllowed);
        return Results.Json(ProviderClaims.UserInfo(user, principal));
    }

    /// <summary>
    /// Ends the SSO session of this browser (the cookie it sends), then returns to the client's registered
    /// <c>post_logout_redirect_uri</c> (OpenIddict checks it against the client's list), or shows the signed-out page.
    /// </summary>
    public async Task<IResult> EndSessionAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        await SsoSession.EndAsync(http, sessions);
        return string.IsNullOrEmpty(request.PostLogoutRedirectUri)
            ? ProviderPages.SignedOut()
            : Results.SignOut(properties: null, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private async Task<IdentitySummary?> AllowedUserAsync(string? username, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(username)) return null;
        var user = await identities.GetAsync(username, cancellationToken);
        // Same name, same rules: exists, active, not locked. A re-created user's grants were revoked with the old one.
        if (user is not { Active: true } || !string.Equals(user.Username, username, StringComparison.Ordinal)) return null;
        return await lockouts.LockedUntilAsync(user.Username, cancellationToken) is null ? user : null;
    }

    private static IResult RefuseGrant(string description, string error = Errors.InvalidGrant) =>
        Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    private static IResult RefuseToken(string description) =>
        Results.Challenge(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidToken,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
