using JourneyStudio.Runtime.Realms;
using Microsoft.AspNetCore.Http;

namespace JourneyStudio.OpenIdConnect;

/// <summary>
/// AM's OAuth 2.0 paths: every realm has its own issuer, <c>/oauth2/realms/root/realms/{realm}</c>, and the
/// endpoints below it. OpenIddict knows the endpoints by these relative names and resolves them against the realm
/// of each request (<see cref="Server.RealmIssuerHandlers"/>).
/// </summary>
public static class OpenIdConnectPaths
{
    public const string Prefix = "/oauth2";

    public const string Authorize = "authorize";
    public const string AccessToken = "access_token";
    public const string UserInfo = "userinfo";
    public const string Revoke = "token/revoke";
    public const string Introspect = "introspect";
    public const string EndSession = "connect/endSession";
    public const string Jwks = "connect/jwk_uri";
    public const string Discovery = ".well-known/openid-configuration";

    /// <summary>The path of a realm's issuer, e.g. <c>/oauth2/realms/root/realms/alpha</c>.</summary>
    public static string RealmPath(string realm) => $"{Prefix}/realms/root/realms/{realm}";

    /// <summary>The path of one endpoint of a realm.</summary>
    public static string EndpointPath(string realm, string endpoint) => $"{RealmPath(realm)}/{endpoint}";

    /// <summary>
    /// The realm whose issuer path <paramref name="path"/> is under (exact, lower-case realm names: an issuer is
    /// compared byte for byte by clients, so <c>ALPHA</c> must not make a second one), or null.
    /// </summary>
    public static string? RealmOf(PathString path)
    {
        foreach (var realm in RealmNames.All)
            if (path.StartsWithSegments(RealmPath(realm), StringComparison.Ordinal)) return realm;
        return null;
    }
}
