namespace JourneyStudio.Runtime.Push.Sns;

/// <summary>
/// Operator settings for push delivery through Amazon SNS, bound from <see cref="SectionName"/>
/// (so each also works as an environment variable, e.g. <c>JourneyStudio__Push__Sns__Region</c>).
/// Region and credentials fall back to the standard <c>AWS_*</c> environment variables when absent.
/// </summary>
public sealed class SnsOptions
{
    public const string SectionName = "JourneyStudio:Push:Sns";

    /// <summary>AWS region of the platform applications, e.g. <c>eu-west-1</c>. Fallback: AWS_REGION, AWS_DEFAULT_REGION.</summary>
    public string? Region { get; init; }

    /// <summary>Fallback: AWS_ACCESS_KEY_ID.</summary>
    public string? AccessKeyId { get; init; }

    /// <summary>Fallback: AWS_SECRET_ACCESS_KEY.</summary>
    public string? SecretAccessKey { get; init; }

    /// <summary>Only for temporary credentials. Fallback (with environment keys only): AWS_SESSION_TOKEN.</summary>
    public string? SessionToken { get; init; }

    /// <summary>Endpoint override, e.g. a local SNS-compatible endpoint; default <c>https://sns.{region}.amazonaws.com/</c>.</summary>
    public string? ServiceUrl { get; init; }

    /// <summary>The SNS platform application ARN used for <c>apns</c> devices.</summary>
    public string? ApnsPlatformApplicationArn { get; init; }

    /// <summary>The SNS platform application ARN used for <c>gcm</c> (FCM) devices.</summary>
    public string? GcmPlatformApplicationArn { get; init; }

    /// <summary>Time limit for one request to SNS; default 10 seconds.</summary>
    public TimeSpan? RequestTimeout { get; init; }
}
