using JourneyStudio.Runtime.Realms;

namespace JourneyStudio.Web.Api;

/// <summary>
/// The end-user surface: AM's REST paths (<c>/json/realms/root[/realms/{realm}]/...</c>) and the hosted
/// sign-on pages. All public: end users never hold an admin login.
/// </summary>
public static class EndUserApi
{
    public static void MapEndUserApi(this WebApplication app)
    {
        // The root realm's short path and every other realm's long one lead to the same handlers.
        var root = app.MapGroup("/json/realms/root").AllowAnonymous();
        root.MapAuthenticateEndpoints();
        root.MapSessionEndpoints();
        root.MapUserEndpoints();
        app.MapHostedPageEndpoints();
    }

    /// <summary>Maps <paramref name="pattern"/> for the root realm and under <c>/realms/{realm}</c>.</summary>
    internal static void MapForRealms(this RouteGroupBuilder root, string method, string pattern, Func<HttpContext, string, Task<IResult>> handler)
    {
        // Cast to Delegate: as a plain lambda it would bind as a RequestDelegate and drop the result.
        root.MapMethods(pattern, [method], (Delegate)((HttpContext http) => handler(http, RealmNames.Root)));
        root.MapMethods("/realms/{realm}" + pattern, [method], (HttpContext http, string realm) =>
            Realms.Normalize(realm) is { } known ? handler(http, known) : Task.FromResult(Realms.NotFound(realm)));
    }
}
