namespace JourneyStudio.Runtime.Push.Sns;

/// <summary>SNS wire error codes this code reacts to.</summary>
public static class SnsErrorCodes
{
    public const string EndpointDisabled = "EndpointDisabled";
    public const string NotFound = "NotFound";
    public const string InvalidParameter = "InvalidParameter";
    public const string SignatureDoesNotMatch = "SignatureDoesNotMatch";
    public const string InvalidClientTokenId = "InvalidClientTokenId";

    /// <summary>
    /// Errors that mean the endpoint is gone or switched off, so the device has to register again:
    /// <c>EndpointDisabled</c>, <c>NotFound</c>, and the <c>InvalidParameter</c> that SNS actually answers
    /// when publishing to a deleted endpoint ("Invalid parameter: TargetArn Reason: No endpoint found for the
    /// target arn specified").
    /// </summary>
    public static bool MeansDeviceMustRegisterAgain(SnsException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Code is EndpointDisabled or NotFound
            || (error.Code == InvalidParameter
                && error.ErrorMessage.Contains("No endpoint found for the target arn", StringComparison.OrdinalIgnoreCase));
    }
}
