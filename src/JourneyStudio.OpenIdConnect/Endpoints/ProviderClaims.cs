using System.Security.Claims;
using System.Text.Json;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Nodes.Mfa;
using Microsoft.IdentityModel.JsonWebTokens;
using JourneyStudio.Runtime.Nodes;
using JourneyStudio.Runtime.Sessions;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JourneyStudio.OpenIdConnect.Endpoints;

/// <summary>What the provider says about a user, and in which token: the claims per scope, and the assurance of the session.</summary>
internal static class ProviderClaims
{
    /// <summary>
    /// RFC 8176 method names for the auth types the journey's nodes recorded: a password (<c>pwd</c>), a one-time
    /// code (<c>otp</c>), a push approved on a registered device's key (<c>swk</c>), WebAuthn (<c>hwk</c>); <c>mfa</c>
    /// when two of them were used.
    /// </summary>
    public static IReadOnlyList<string> MethodReferences(IReadOnlyList<string> authTypes)
    {
        var methods = new List<string>();
        foreach (var authType in authTypes)
        {
            var method = authType switch
            {
                PasswordAuthTypes.DataStore => "pwd",
                MfaAuthTypes.Oath => "otp",
                MfaAuthTypes.Push => "swk",
                MfaAuthTypes.WebAuthn => "hwk",
                _ => null,
            };
            if (method is not null && !methods.Contains(method)) methods.Add(method);
        }
        if (methods.Count >= 2) methods.Add("mfa");
        return methods;
    }

    /// <summary>The user's identity for a sign-in: subject, the profile and email claims its scopes allow, and the session's assurance.</summary>
    public static ClaimsIdentity ForUser(IdentitySummary user, UserSession session, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetScopes(scopes);
        AddProfile(identity, user);
        identity.SetClaim(Claims.AuthenticationContextReference, session.JourneyName);
        identity.SetClaim(Claims.AuthenticationTime, session.CreatedAt.ToUnixTimeSeconds());
        var methods = MethodReferences(session.AuthTypes);
        if (methods.Count > 0)
            identity.AddClaim(new Claim(Claims.AuthenticationMethodReference, JsonSerializer.Serialize(methods), JsonClaimValueTypes.JsonArray));
        identity.SetDestinations(Destinations);
        return identity;
    }

    /// <summary>Sets (or refreshes, at a token refresh) the subject and the profile claims from the identity as it is now.</summary>
    public static void AddProfile(ClaimsIdentity identity, IdentitySummary user)
    {
        identity.SetClaim(Claims.Subject, user.Username);
        identity.SetClaim(Claims.PreferredUsername, user.Username);
        var fullName = string.Join(' ', new[] { user.GivenName, user.Sn }.Where(s => s.Length > 0));
        identity.SetClaim(Claims.Name, fullName.Length > 0 ? fullName : user.Username);
        identity.SetClaim(Claims.GivenName, user.GivenName.Length > 0 ? user.GivenName : null);
        identity.SetClaim(Claims.FamilyName, user.Sn.Length > 0 ? user.Sn : null);
        identity.SetClaim(Claims.Email, user.Mail.Length > 0 ? user.Mail : null);
    }

    /// <summary>The subject goes everywhere; profile and email claims into the ID token only with their scope; assurance into the ID token.</summary>
    public static IEnumerable<string> Destinations(Claim claim) => claim.Type switch
    {
        Claims.Subject => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        Claims.Name or Claims.GivenName or Claims.FamilyName or Claims.PreferredUsername
            when claim.Subject?.HasScope(Scopes.Profile) == true => [OpenIddictConstants.Destinations.IdentityToken],
        Claims.Email when claim.Subject?.HasScope(Scopes.Email) == true => [OpenIddictConstants.Destinations.IdentityToken],
        Claims.AuthenticationContextReference or Claims.AuthenticationMethodReference or Claims.AuthenticationTime
            => [OpenIddictConstants.Destinations.IdentityToken],
        _ => [],
    };

    /// <summary>The userinfo answer: <c>sub</c>, plus the claims the access token's scopes allow.</summary>
    public static Dictionary<string, object> UserInfo(IdentitySummary user, ClaimsPrincipal accessToken)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [Claims.Subject] = user.Username };
        if (accessToken.HasScope(Scopes.Profile))
        {
            var fullName = string.Join(' ', new[] { user.GivenName, user.Sn }.Where(s => s.Length > 0));
            claims[Claims.Name] = fullName.Length > 0 ? fullName : user.Username;
            claims[Claims.PreferredUsername] = user.Username;
            if (user.GivenName.Length > 0) claims[Claims.GivenName] = user.GivenName;
            if (user.Sn.Length > 0) claims[Claims.FamilyName] = user.Sn;
        }
        if (accessToken.HasScope(Scopes.Email) && user.Mail.Length > 0)
        {
            claims[Claims.Email] = user.Mail;
            // Nothing in the studio verifies an address.
            claims[Claims.EmailVerified] = false;
        }
        return claims;
    }
}
