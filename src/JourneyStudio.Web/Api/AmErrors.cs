using System.Text.Json.Serialization;
using JourneyStudio.Journeys.Json;
using JourneyStudio.Runtime.Realms;
using Microsoft.AspNetCore.WebUtilities;

namespace JourneyStudio.Web.Api;

/// <summary>AM's error body <c>{"code","reason","message"}</c>, used for every refusal of the end-user API.</summary>
public static class AmErrors
{
    public static IResult Result(int statusCode, string message) =>
        Results.Json(new AmError(statusCode, Reason(statusCode), message), statusCode: statusCode);

    /// <summary>400 for a body <see cref="StrictJson"/> refused: the message and <c>detail.path</c> name where.</summary>
    public static IResult InvalidJson(JsonInputProblem problem) =>
        Results.Json(new AmErrorWithDetail(400, Reason(400), $"The request body is not valid JSON at {problem}.",
            new AmJsonDetail(problem.Path, problem.Line, problem.BytePositionInLine)), statusCode: 400);

    /// <summary>The answer to a body that <see cref="RequestJson"/> did not parse; null for a parsed or empty body.</summary>
    public static IResult? Refusal(RequestJsonBody body) => body switch
    {
        RequestJsonBody.TooLarge tooLarge => Result(413, $"The request body is larger than {tooLarge.MaxBytes / 1024} KB."),
        RequestJsonBody.Invalid invalid => InvalidJson(invalid.Problem),
        _ => null,
    };

    /// <summary>The login-failure body the SDK recognises (HTTP 401 with <c>detail.failureUrl</c>).</summary>
    /// <summary>AM's 401 for a failed sign-on; <paramref name="message"/> is a node's <c>withErrorMessage</c>, else "Login failure".</summary>
    public static IResult LoginFailure(string? message = null) =>
        Results.Json(new AmLoginFailure(401, "Unauthorized", message is { Length: > 0 } ? message : "Login failure", new AmFailureDetail("")), statusCode: 401);

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
        _ => ReasonPhrases.GetReasonPhrase(statusCode) is { Length: > 0 } phrase ? phrase : "Error",
    };

    private sealed record AmError(int Code, string Reason, string Message);

    private sealed record AmErrorWithDetail(int Code, string Reason, string Message, AmJsonDetail Detail);

    private sealed record AmJsonDetail(string Path,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Line,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Position);

    private sealed record AmLoginFailure(int Code, string Reason, string Message, AmFailureDetail Detail);

    private sealed record AmFailureDetail(string FailureUrl);
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
