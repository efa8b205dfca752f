using JourneyStudio.Journeys.Json;
using JourneyStudio.Web.Security;
using Microsoft.AspNetCore.Diagnostics;

namespace JourneyStudio.Web.Api;

/// <summary>
/// The admin REST API under <c>/admin/api</c>: an admin API token (Bearer) or an admin's HTTP Basic credentials, JSON in and out,
/// every error as <c>{code, reason, message, …}</c>. The paths are a contract scripts rely on.
/// </summary>
public static class AdminApi
{
    public const string Prefix = "/admin/api";

    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix)
            .RequireAuthorization(AdminAuthentication.ApiPolicy)
            .WithMetadata(AdminApiEndpointMetadata.Instance) // cross-site and content-type rules: AdminApiRequestGuard
            .AddEndpointFilter(GuardAsync)
            .DisableAntiforgery();

        api.MapAdminJourneyEndpoints();
        api.MapAdminIdentityEndpoints();
        api.MapAdminAuditEndpoints();
        api.MapAdminOAuthClientEndpoints();
        api.MapAdminMailboxEndpoints();

        // Anything else under the prefix (any method) is an API 404, not the studio's HTML not-found page.
        api.Map("{**path}", (HttpContext http) =>
            AdminApiErrors.NotFound($"There is no admin API endpoint {http.Request.Method} {http.Request.Path}."));
        return api;
    }

    /// <summary>
    /// Keeps API answers JSON: the studio's status-code pages would replace them with HTML, and an
    /// unexpected exception must not reach the developer exception page with its stack trace.
    /// </summary>
    private static async ValueTask<object?> GuardAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages) statusCodePages.Enabled = false;
        try
        {
            return await next(context);
        }
        catch (BadHttpRequestException e)
        {
            return AdminApiErrors.Error(e.StatusCode, e.Message);
        }
        catch (JsonInputException e)
        {
            return AdminApiErrors.InvalidJson(e.Problem);
        }
        catch (ArgumentException e)
        {
            // The model refuses what it cannot store (e.g. a node id used twice); that is the request's fault.
            return AdminApiErrors.BadRequest(e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdminApi))
                .LogError(e, "Admin API request {Method} {Path} failed", http.Request.Method, http.Request.Path);
            return AdminApiErrors.Error(StatusCodes.Status500InternalServerError,
                "The request failed inside the studio; the server log has the details.");
        }
    }

    /// <summary>Journey exports with their scripts run to a few MB; a body far beyond that is not an export.</summary>
    internal const int MaxBodyBytes = 16 * 1024 * 1024;

    /// <summary>The request body through <see cref="RequestJson"/>, with the admin API's size cap.</summary>
    internal static Task<RequestJsonBody> ReadBodyAsync(HttpRequest request) => RequestJson.ReadAsync(request, MaxBodyBytes);

    internal static string SavedBy(HttpContext http) => http.User.Identity?.Name is { Length: > 0 } name ? $"{name} (admin API)" : "admin API";
}
