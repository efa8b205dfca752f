namespace JourneyStudio.Runtime.Push.Sns;

/// <summary>
/// Amazon SNS answered with an error: the HTTP status and the wire error code from
/// <c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code&gt;</c> (e.g. <c>EndpointDisabled</c>, <c>NotFound</c>,
/// <c>SignatureDoesNotMatch</c>; without the SDK's "Exception" suffix).
/// </summary>
public sealed class SnsException : Exception
{
    public SnsException(int statusCode, string code, string errorMessage, string? action = null)
        : base($"Amazon SNS {action ?? "request"} failed: HTTP {statusCode} {code}: {errorMessage}")
    {
        StatusCode = statusCode;
        Code = code;
        ErrorMessage = errorMessage;
        Action = action;
    }

    public int StatusCode { get; }

    public string Code { get; }

    /// <summary>The human-readable <c>&lt;Message&gt;</c> SNS sent (may be empty).</summary>
    public string ErrorMessage { get; }

    /// <summary>The SNS action that failed, e.g. <c>Publish</c>.</summary>
    public string? Action { get; }
}
