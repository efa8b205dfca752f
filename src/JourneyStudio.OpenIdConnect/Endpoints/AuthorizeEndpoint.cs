using System.Security.Claims;
using System.Text;
using JourneyStudio.OpenIdConnect.Clients;
using JourneyStudio.OpenIdConnect.Server;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Sessions;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JourneyStudio.OpenIdConnect.Endpoints;

/// <summary>
/// The authorization endpoint (OpenIddict passthrough: OpenIddict has validated the client, the exact redirect URI,
/// the response type, the scopes and PKCE before this runs). It decides with the studio's SSO session: a session from
/// a journey the request accepts signs the user in at once; otherwise the browser goes to the hosted sign-on page of
/// the chosen journey and comes back here when the journey succeeds. <c>prompt=none</c> never shows a page.
/// </summary>
public sealed class AuthorizeEndpoint(
    OAuthClientStore clients,
    UserSessionStore sessions,
    IdentityStore identities,
    JourneyStore journeys,
    IOpenIddictApplicationManager applications,
    IOpenIddictAuthorizationManager authorizations,
    IAntiforgery antiforgery,
    IDataProtectionProvider dataProtection,
    TimeProvider time)
{
    /// <summary>The error_description AM sends with <c>login_required</c>, which the ForgeRock SDK matches to fall back to a redirect.</summary>
    public const string InteractionNotAllowed = "The request requires some interaction that is not allowed.";

    /// <summary>What AM sends with <c>consent_required</c> (also matched by the SDK).</summary>
    public const string ConsentRequired = "The request requires consent.";

    /// <summary>
    /// Added to the return address of a sign-on that <c>prompt=login</c> or <c>max_age</c> demanded: the time it was
    /// sent, protected, so that only a session made after it counts and the return is not asked to sign on again.
    /// </summary>
    public const string SignedOnAfterParameter = "js_signed_on_after";

    private const string ConsentField = "consent";

    private IDataProtector Protector => dataProtection.CreateProtector("JourneyStudio.OAuth2.SignedOnAfter");

    public async Task<IResult> HandleAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var realm = http.Features.Get<OpenIddictServerAspNetCoreFeature>()?.Transaction?.Realm() ?? throw new InvalidOperationException("Not a realm path.");
        var client = await clients.GetAsync(request.ClientId!, http.RequestAborted)
                     ?? throw new InvalidOperationException("OpenIddict accepted a client the store does not have.");
        var cancellation = http.RequestAborted;

        var choice = JourneyChoice.For(client, request, (await journeys.GetRealmDefaultAsync(cancellation))?.Journey.Name);
        switch (choice)
        {
            case JourneyChoice.NotAllowed notAllowed:
                return Refuse(Errors.InvalidRequest, $"The journey '{notAllowed.Journey}' is not one this client may use.");
            case JourneyChoice.NoneConfigured:
                return Refuse(Errors.ServerError, "No journey is configured for this client.");
        }

        var session = await SsoSession.FindAsync(http, sessions);
        var user = session is not null && session.Realm == realm ? await identities.GetAsync(session.Username, cancellation) : null;
        var usable = session is not null && user is { Active: true } && choice.Accepts(session.JourneyName);
        if (usable && NeedsFreshSignOn(request, session!)) usable = false;
        if (!usable)
        {
            if (request.HasPromptValue(PromptValues.None)) return Refuse(Errors.LoginRequired, InteractionNotAllowed);
            return Results.Redirect(SignOnUrl(http, request, realm, choice.JourneyToRun!));
        }

        var scopes = request.GetScopes();
        var applicationId = await applications.GetIdAsync((await applications.FindByClientIdAsync(client.ClientId, cancellation))!, cancellation);
        var identity = ProviderClaims.ForUser(user!, session!, scopes);
        var principal = new ClaimsPrincipal(identity);

        if (!client.FirstParty)
        {
            var authorization = await FindConsentAsync(user!.Username, applicationId!, scopes, cancellation);
            if (authorization is null)
            {
                if (request.HasPromptValue(PromptValues.None)) return Refuse(Errors.ConsentRequired, ConsentRequired);
                var decision = HttpMethods.IsPost(http.Request.Method) ? await ConsentDecisionAsync(http, request) : null;
                if (decision is null) return ConsentPage(http, request, client, user!.Username, scopes);
                if (decision == false) return Refuse(Errors.AccessDenied, "The user did not allow access.");
                authorization = await authorizations.CreateAsync(principal, user!.Username, applicationId!, AuthorizationTypes.Permanent, scopes, cancellation);
            }
            identity.SetAuthorizationId(await authorizations.GetIdAsync(authorization, cancellation));
        }
        return Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>A valid authorization the user gave this client for at least these scopes (the remembered consent).</summary>
    private async Task<object?> FindConsentAsync(string subject, string applicationId, IEnumerable<string> scopes, CancellationToken cancellationToken)
    {
        await foreach (var authorization in authorizations.FindAsync(subject, applicationId, Statuses.Valid, AuthorizationTypes.Permanent,
                           [.. scopes], cancellationToken))
            return authorization;
        return null;
    }

    /// <summary>
    /// <c>prompt=login</c> asks for a new sign-on, <c>max_age</c> for one not older than that; either is met by a session
    /// made after the sign-on this endpoint sent the browser to (<see cref="SignedOnAfterParameter"/>).
    /// </summary>
    private bool NeedsFreshSignOn(OpenIddictRequest request, UserSession session)
    {
        if (SignedOnAfter(request) is { } after) return session.CreatedAt < after;
        if (request.HasPromptValue(PromptValues.Login)) return true;
        return request.MaxAge is { } maxAge && session.CreatedAt.AddSeconds(maxAge) < time.GetUtcNow();
    }

    private DateTimeOffset? SignedOnAfter(OpenIddictRequest request)
    {
        if ((string?)request[SignedOnAfterParameter] is not { Length: > 0 and < 500 } text) return null;
        try
        {
            var ticks = BitConverter.ToInt64(Protector.Unprotect(WebEncoders.Base64UrlDecode(text)));
            return new DateTimeOffset(ticks, TimeSpan.Zero);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The hosted sign-on page of the journey, returning to this request (without its prompt, with the freshness mark).</summary>
    private string SignOnUrl(HttpContext http, OpenIddictRequest request, string realm, string journey)
    {
        var demandsFresh = request.HasPromptValue(PromptValues.Login) || request.MaxAge is not null;
        var query = new List<KeyValuePair<string, string?>>();
        foreach (var (name, value) in request.GetParameters())
        {
            if (name is SignedOnAfterParameter || (name == Parameters.Prompt && demandsFresh)) continue;
            foreach (var item in Values(value)) query.Add(new(name, item));
        }
        if (demandsFresh)
            query.Add(new(SignedOnAfterParameter,
                WebEncoders.Base64UrlEncode(Protector.Protect(BitConverter.GetBytes(time.GetUtcNow().UtcTicks)))));
        var back = QueryHelpers.AddQueryString(http.Request.PathBase + OpenIdConnectPaths.EndpointPath(realm, OpenIdConnectPaths.Authorize), query);
        return QueryHelpers.AddQueryString(http.Request.PathBase + "/login", new Dictionary<string, string?>
        {
            ["realm"] = realm,
            ["journey"] = journey,
            ["goto"] = back,
        });
    }

    /// <summary>The user's choice on the consent page: only from a POST of that page (antiforgery), never from a link.</summary>
    private async Task<bool?> ConsentDecisionAsync(HttpContext http, OpenIddictRequest request)
    {
        if (!await antiforgery.IsRequestValidAsync(http)) return null;
        return (string?)request[ConsentField] switch
        {
            "allow" => true,
            "deny" => false,
            _ => null,
        };
    }

    private IResult ConsentPage(HttpContext http, OpenIddictRequest request, OAuthClient client, string username, IEnumerable<string> scopes)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in request.GetParameters())
        {
            if (name is ConsentField || name == tokens.FormFieldName) continue;
            foreach (var item in Values(value)) parameters.Add(new(name, item));
        }
        return ProviderPages.Consent(http.Request.PathBase + http.Request.Path, client.Name, [.. scopes], username,
            parameters, tokens.FormFieldName, tokens.RequestToken!, new Uri(request.RedirectUri!).GetLeftPart(UriPartial.Authority));
    }

    private static IEnumerable<string> Values(OpenIddictParameter parameter) =>
        ((Microsoft.Extensions.Primitives.StringValues)parameter).OfType<string>();

    /// <summary>An error OpenIddict sends back to the client's (validated) redirect URI.</summary>
    internal static IResult Refuse(string error, string description) =>
        Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
