using JourneyStudio.Journeys.Frodo;
using JourneyStudio.Journeys.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace JourneyStudio.Web.Api;

/// <summary>
/// Every error of the admin API has one shape, <c>{code, reason, message}</c> plus details, so that
/// scripts can branch on <c>code</c> and show <c>message</c> as it is.
/// </summary>
internal static class AdminApiErrors
{
    public static IResult Error(int status, string message, IReadOnlyDictionary<string, object?>? details = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["code"] = status,
            ["reason"] = ReasonPhrases.GetReasonPhrase(status),
            ["message"] = message,
        };
        foreach (var (key, value) in details ?? new Dictionary<string, object?>())
            body[key] = value;
        return Results.Json(body, statusCode: status);
    }

    public static IResult BadRequest(string message) => Error(StatusCodes.Status400BadRequest, message);

    /// <summary>400 with <c>errors: [{path, message}]</c>, each pointing into the request body.</summary>
    public static IResult BadRequest(string message, IEnumerable<JourneyFormatError> errors) =>
        Error(StatusCodes.Status400BadRequest, message, new Dictionary<string, object?>
        {
            ["errors"] = errors.Select(e => new { path = e.Path, message = e.Message, line = e.Line, position = e.BytePositionInLine }).ToList(),
        });

    /// <summary>400 for a body <see cref="StrictJson"/> refused, with the place in <c>errors</c>.</summary>
    public static IResult InvalidJson(JsonInputProblem problem) =>
        BadRequest("The request body is not valid JSON.", [FrodoJourneyReader.FormatError(problem)]);

    /// <summary>The answer to a body that <see cref="RequestJson"/> did not parse (too large, invalid, or empty when <paramref name="emptyMessage"/> is given).</summary>
    public static IResult? Refusal(RequestJsonBody body, string emptyMessage) => body switch
    {
        RequestJsonBody.TooLarge tooLarge => Error(StatusCodes.Status413PayloadTooLarge,
            $"The request body is larger than {tooLarge.MaxBytes / (1024 * 1024)} MB."),
        RequestJsonBody.Invalid invalid => InvalidJson(invalid.Problem),
        RequestJsonBody.Empty => BadRequest(emptyMessage),
        _ => null,
    };

    public static IResult NotFound(string message) => Error(StatusCodes.Status404NotFound, message);

    public static IResult Conflict(string message, IReadOnlyDictionary<string, object?>? details = null) =>
        Error(StatusCodes.Status409Conflict, message, details);
}
