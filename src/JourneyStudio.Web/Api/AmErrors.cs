using JourneyStudio.Runtime.Realms;

namespace JourneyStudio.Web.Api;

/// <summary>AM's error body <c>{"code","reason","message"}</c>, used for every refusal of the end-user API.</summary>
public static class AmErrors
{
    public static IResult Result(int statusCode, string message) =>
        Results.Json(new AmError(statusCode, Reason(statusCode), message), statusCode: statusCode);

    /// <summary>The login-failure body the SDK recognises (HTTP 401 with <c>detail.failureUrl</c>).</summary>
    public static IResult LoginFailure() =>
        Results.Json(new AmLoginFailure(401, "Unauthorized", "Login failure", new AmFailureDetail("")), statusCode: 401);

    public static string Reason(int statusCode) => statusCode switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Request Entity Too Large",
        415 => "Unsupported Media Type",
        500 => "Internal Server Error",
        _ => "Error",
    };

    private sealed record AmError(int Code, string Reason, string Message);

    private sealed record AmLoginFailure(int Code, string Reason, string Message, AmFailureDetail Detail);

    private sealed record AmFailureDetail(string FailureUrl);
}

/// <summary>
/// Last line of defence for the end-user endpoints: a bug answers a generic JSON 500 (logged with the
/// details), never a stack trace or the HTML error page.
/// </summary>
public sealed partial class AmExceptionFilter(ILogger<AmExceptionFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (OperationCanceledException) when (context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }
        catch (Exception e)
        {
            LogUnhandled(e, context.HttpContext.Request.Method, context.HttpContext.Request.Path);
            return AmErrors.Result(500, "The server could not process the request.");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error in {Method} {Path}.")]
    private partial void LogUnhandled(Exception exception, string method, string path);
}

/// <summary>The realms of <see cref="RealmNames"/> as the end-user API names them in paths and answers.</summary>
public static class Realms
{
    /// <summary>The realm's canonical name, or null when the studio has no such realm.</summary>
    public static string? Normalize(string? realm) =>
        RealmNames.All.FirstOrDefault(known => string.Equals(realm, known, StringComparison.OrdinalIgnoreCase));

    /// <summary>AM's realm path: <c>/alpha</c>, or <c>/</c> for the root realm.</summary>
    public static string Path(string realm) => realm == RealmNames.Root ? "/" : "/" + realm;

    public static IResult NotFound(string realm) =>
        AmErrors.Result(404, $"Realm '{realm}' not found; this server has the realms 'alpha' and 'root'.");
}
