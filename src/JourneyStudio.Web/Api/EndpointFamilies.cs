namespace JourneyStudio.Web.Api;

/// <summary>The error body an endpoint family answers with.</summary>
public enum ErrorShape
{
    /// <summary>AM's <c>{code, reason, message}</c> (<see cref="AmErrors"/>): what the ForgeRock SDKs and the authenticator apps read.</summary>
    Am,

    /// <summary>The admin API's <c>{code, reason, message, …}</c> (<see cref="AdminApiErrors"/>).</summary>
    Admin,

    /// <summary>The studio's HTML pages: the error page in Production (<c>UseExceptionHandler</c>), the developer page in Development.</summary>
    StudioPage,

    /// <summary>OAuth 2.0's <c>{error, error_description}</c> (RFC 6749 5.2): what OIDC clients and the SDK's OAuth calls read.</summary>
    OAuth,
}

/// <summary>A group of endpoints that shares clients and therefore one error shape, found by path prefix.</summary>
public sealed record EndpointFamily(string Name, ErrorShape Shape, IReadOnlyList<PathString> Prefixes)
{
    public bool Contains(PathString path) => Prefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Every endpoint family of the studio. A path belongs to the first family with a matching prefix; anything else
/// is a studio page. A new API path needs its family here, or its errors would be the studio's HTML.
/// </summary>
public static class EndpointFamilies
{
    public static readonly EndpointFamily AdminApi = new("admin API", ErrorShape.Admin, [Api.AdminApi.Prefix]);

    /// <summary>AM's REST paths: authenticate, sessions, users, and the push device endpoints (<c>push/sns/message</c>).</summary>
    public static readonly EndpointFamily EndUserApi = new("end-user and device API", ErrorShape.Am, ["/json"]);

    /// <summary>The sign-on and account pages and the QR renderer they use.</summary>
    public static readonly EndpointFamily HostedPages = new("hosted pages", ErrorShape.Am, ["/login", "/account"]);

    /// <summary>The virtual authenticator's page and the inbox it polls.</summary>
    public static readonly EndpointFamily VirtualAuthenticator = new("virtual authenticator", ErrorShape.Am, ["/authenticator", "/virtual-authenticator"]);

    /// <summary>The OpenID Connect provider at AM's paths (<c>/oauth2/realms/root/realms/{realm}/…</c>).</summary>
    public static readonly EndpointFamily OAuth2 = new("OpenID Connect provider", ErrorShape.OAuth, [OpenIdConnect.OpenIdConnectPaths.Prefix]);

    public static readonly EndpointFamily Studio = new("studio", ErrorShape.StudioPage, []);

    public static IReadOnlyList<EndpointFamily> All { get; } = [AdminApi, EndUserApi, HostedPages, VirtualAuthenticator, OAuth2, Studio];

    public static EndpointFamily Of(PathString path) => All.FirstOrDefault(family => family.Contains(path)) ?? Studio;
}
