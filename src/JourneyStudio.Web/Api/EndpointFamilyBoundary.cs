using JourneyStudio.Journeys.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace JourneyStudio.Web.Api;

/// <summary>
/// The exception boundary of every API family (<see cref="EndpointFamilies"/>): whatever fails below it
/// (authentication, binding, a handler, writing the result) is answered in the family's error shape, and a bug
/// is a generic 500 with the details only in the log, in every environment: the developer exception page is
/// for the studio's pages, never for clients of an API. Empty error answers (404, 405 from routing) get a body
/// in the family's shape too, instead of the studio's HTML status-code page.
/// </summary>
public sealed partial class EndpointFamilyBoundary(RequestDelegate next, ILogger<EndpointFamilyBoundary> logger)
{
    public const string UnexpectedAmMessage = "The server could not process the request.";
    public const string UnexpectedAdminMessage = "The request failed inside the studio; the server log has the details.";

    public async Task InvokeAsync(HttpContext http)
    {
        var family = EndpointFamilies.Of(http.Request.Path);
        if (family.Shape == ErrorShape.StudioPage)
        {
            await next(http);
            return;
        }

        if (http.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages) statusCodePages.Enabled = false;
        try
        {
            await next(http);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return; // the client has gone; nobody reads an answer
        }
        catch (Exception e) when (!http.Response.HasStarted)
        {
            http.Response.Clear();
            await Answer(e, family, http).ExecuteAsync(http);
            return;
        }

        if (!http.Response.HasStarted && http.Response.StatusCode >= 400 && http.Response.ContentLength is null
            && string.IsNullOrEmpty(http.Response.ContentType))
            await Error(family, http.Response.StatusCode, EmptyAnswerMessage(http)).ExecuteAsync(http);
    }

    private IResult Answer(Exception exception, EndpointFamily family, HttpContext http)
    {
        switch (exception)
        {
            case JsonInputException invalid:
                return family.Shape switch
                {
                    ErrorShape.Admin => AdminApiErrors.InvalidJson(invalid.Problem),
                    ErrorShape.OAuth => OAuthError(StatusCodes.Status400BadRequest, invalid.Problem.Message),
                    _ => AmErrors.InvalidJson(invalid.Problem),
                };
            case BadHttpRequestException bad:
                // The server's own refusals (body too large, body cut short): their messages name the request, not the code.
                return Error(family, bad.StatusCode, bad.Message);
            default:
                LogUnexpected(exception, family.Name, http.Request.Method, http.Request.Path);
                return Error(family, StatusCodes.Status500InternalServerError,
                    family.Shape == ErrorShape.Admin ? UnexpectedAdminMessage : UnexpectedAmMessage);
        }
    }

    private static IResult Error(EndpointFamily family, int status, string message) => family.Shape switch
    {
        ErrorShape.Admin => AdminApiErrors.Error(status, message),
        ErrorShape.OAuth => OAuthError(status, message),
        _ => AmErrors.Result(status, message),
    };

    /// <summary>RFC 6749's error body: <c>server_error</c> for the server's faults, <c>invalid_request</c> for the request's.</summary>
    private static IResult OAuthError(int status, string message) =>
        Results.Json(new Dictionary<string, string>
        {
            ["error"] = status >= 500 ? "server_error" : "invalid_request",
            ["error_description"] = message,
        }, statusCode: status);

    private static string EmptyAnswerMessage(HttpContext http) => http.Response.StatusCode switch
    {
        StatusCodes.Status404NotFound => $"There is no endpoint {http.Request.Method} {http.Request.Path}.",
        StatusCodes.Status405MethodNotAllowed => $"{http.Request.Path} does not answer {http.Request.Method}.",
        var status => AmErrors.Reason(status) + ".",
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error in the {Family} for {Method} {Path}.")]
    private partial void LogUnexpected(Exception exception, string family, string method, string path);
}
