using System.Text.RegularExpressions;

namespace JourneyStudio.Runtime.Push.Sns;

/// <summary>
/// Turns <see cref="SnsOptions"/> plus the process environment into checked <see cref="SnsClientSettings"/>:
/// options first, then the standard AWS environment variables.
/// </summary>
public static partial class SnsSettingsResolver
{
    public const string AccessKeyIdVariable = "AWS_ACCESS_KEY_ID";
    public const string SecretAccessKeyVariable = "AWS_SECRET_ACCESS_KEY";
    public const string SessionTokenVariable = "AWS_SESSION_TOKEN";
    public const string RegionVariable = "AWS_REGION";
    public const string DefaultRegionVariable = "AWS_DEFAULT_REGION";

    public const string RegionSetting = SnsOptions.SectionName + ":" + nameof(SnsOptions.Region);
    public const string AccessKeyIdSetting = SnsOptions.SectionName + ":" + nameof(SnsOptions.AccessKeyId);
    public const string SecretAccessKeySetting = SnsOptions.SectionName + ":" + nameof(SnsOptions.SecretAccessKey);
    public const string SessionTokenSetting = SnsOptions.SectionName + ":" + nameof(SnsOptions.SessionToken);
    public const string ServiceUrlSetting = SnsOptions.SectionName + ":" + nameof(SnsOptions.ServiceUrl);
    public const string RequestTimeoutSetting = SnsOptions.SectionName + ":" + nameof(SnsOptions.RequestTimeout);
    public const string ApnsArnSetting = SnsOptions.SectionName + ":" + nameof(SnsOptions.ApnsPlatformApplicationArn);
    public const string GcmArnSetting = SnsOptions.SectionName + ":" + nameof(SnsOptions.GcmPlatformApplicationArn);

    /// <summary>Resolves the client settings.</summary>
    /// <param name="environment">Reads an environment variable; <see cref="Environment.GetEnvironmentVariable(string)"/> in production.</param>
    /// <exception cref="SnsConfigurationException">A setting is missing or invalid; the message names it.</exception>
    public static SnsClientSettings Resolve(SnsOptions options, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);

        var region = ResolveRegion(options, environment);
        var credentials = ResolveCredentials(options, environment);
        var endpoint = ResolveEndpoint(options, region);
        var timeout = ResolveTimeout(options);
        return new SnsClientSettings { Endpoint = endpoint, Region = region, Credentials = credentials, Timeout = timeout };
    }

    /// <summary>
    /// Every problem <see cref="Resolve"/> would stop at, one sentence each naming the setting, so an operator
    /// fixes them in one go. Platform application ARNs are checked separately (<see cref="PlatformApplicationArn"/>).
    /// </summary>
    public static IReadOnlyList<string> FindProblems(SnsOptions options, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var problems = new List<string>();
        var checks = new Action[]
        {
            () => ResolveRegion(options, environment),
            () => ResolveCredentials(options, environment),
            // The region only picks the default endpoint here, and that needs no check.
            () => ResolveEndpoint(options, "us-east-1"),
            () => ResolveTimeout(options),
        };
        foreach (var check in checks)
        {
            try
            {
                check();
            }
            catch (SnsConfigurationException problem)
            {
                problems.Add(problem.Message);
            }
        }

        return problems;
    }

    /// <summary>The platform application ARN for a communication type.</summary>
    /// <exception cref="SnsConfigurationException">The ARN for that type is not configured, or the type is unknown.</exception>
    public static string PlatformApplicationArn(SnsOptions options, string communicationType)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (arn, setting, service) = communicationType switch
        {
            PushCommunicationTypes.Apns => (options.ApnsPlatformApplicationArn, ApnsArnSetting, "APNs"),
            PushCommunicationTypes.Gcm => (options.GcmPlatformApplicationArn, GcmArnSetting, "FCM"),
            _ => throw new SnsConfigurationException(
                $"Unknown push communication type '{communicationType}'; expected '{PushCommunicationTypes.Gcm}' or '{PushCommunicationTypes.Apns}'."),
        };
        if (string.IsNullOrWhiteSpace(arn))
        {
            throw new SnsConfigurationException(
                $"Amazon SNS push delivery to {communicationType} devices needs {setting} (the ARN of the SNS platform application for {service}).");
        }

        if (!arn.Trim().StartsWith("arn:", StringComparison.Ordinal))
        {
            throw new SnsConfigurationException($"{setting} '{arn}' is not an ARN (it should start with 'arn:aws:sns:').");
        }

        return arn.Trim();
    }

    private static string ResolveRegion(SnsOptions options, Func<string, string?> environment)
    {
        var (region, source) = FirstSet(
            (options.Region, RegionSetting),
            (environment(RegionVariable), RegionVariable),
            (environment(DefaultRegionVariable), DefaultRegionVariable));
        if (region is null)
        {
            throw new SnsConfigurationException(
                $"Amazon SNS push delivery needs a region: set {RegionSetting} (or the {RegionVariable} environment variable), e.g. eu-west-1.");
        }

        // The region becomes part of the host name and of the signature scope; refuse anything else.
        if (!RegionPattern().IsMatch(region))
        {
            throw new SnsConfigurationException($"{source} '{region}' is not an AWS region name such as eu-west-1.");
        }

        return region;
    }

    private static AwsCredentials ResolveCredentials(SnsOptions options, Func<string, string?> environment)
    {
        var accessKeyId = Clean(options.AccessKeyId);
        var secretAccessKey = Clean(options.SecretAccessKey);
        var sessionToken = Clean(options.SessionToken);
        if (accessKeyId is not null || secretAccessKey is not null)
        {
            if (accessKeyId is null)
            {
                throw new SnsConfigurationException($"{SecretAccessKeySetting} is set but {AccessKeyIdSetting} is missing.");
            }

            if (secretAccessKey is null)
            {
                throw new SnsConfigurationException($"{AccessKeyIdSetting} is set but {SecretAccessKeySetting} is missing.");
            }

            // A token in the environment belongs to the environment's keys, so it is not mixed in here.
            return new AwsCredentials(accessKeyId, secretAccessKey, sessionToken);
        }

        if (sessionToken is not null)
        {
            throw new SnsConfigurationException(
                $"{SessionTokenSetting} is set but {AccessKeyIdSetting} and {SecretAccessKeySetting} are not; set all three.");
        }

        var environmentKeyId = Clean(environment(AccessKeyIdVariable));
        var environmentSecret = Clean(environment(SecretAccessKeyVariable));
        if (environmentKeyId is null && environmentSecret is null)
        {
            throw new SnsConfigurationException(
                $"Amazon SNS push delivery needs AWS credentials: set {AccessKeyIdSetting} and {SecretAccessKeySetting} " +
                $"(or the {AccessKeyIdVariable} and {SecretAccessKeyVariable} environment variables).");
        }

        if (environmentKeyId is null)
        {
            throw new SnsConfigurationException(
                $"The {SecretAccessKeyVariable} environment variable is set but {AccessKeyIdVariable} is missing (or set {AccessKeyIdSetting}).");
        }

        if (environmentSecret is null)
        {
            throw new SnsConfigurationException(
                $"The {AccessKeyIdVariable} environment variable is set but {SecretAccessKeyVariable} is missing (or set {SecretAccessKeySetting}).");
        }

        return new AwsCredentials(environmentKeyId, environmentSecret, Clean(environment(SessionTokenVariable)));
    }

    private static Uri ResolveEndpoint(SnsOptions options, string region)
    {
        var serviceUrl = Clean(options.ServiceUrl);
        if (serviceUrl is null)
        {
            return SnsClientSettings.DefaultEndpointFor(region);
        }

        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var endpoint)
            || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            throw new SnsConfigurationException($"{ServiceUrlSetting} '{serviceUrl}' is not an absolute http(s) URL.");
        }

        return endpoint;
    }

    private static TimeSpan ResolveTimeout(SnsOptions options)
    {
        var timeout = options.RequestTimeout ?? SnsClientSettings.DefaultTimeout;
        if (timeout <= TimeSpan.Zero)
        {
            throw new SnsConfigurationException($"{RequestTimeoutSetting} must be a positive time span such as 00:00:10.");
        }

        return timeout;
    }

    private static (string? Value, string Source) FirstSet(params (string? Value, string Source)[] candidates)
    {
        foreach (var (value, source) in candidates)
        {
            var cleaned = Clean(value);
            if (cleaned is not null)
            {
                return (cleaned, source);
            }
        }

        return (null, string.Empty);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^[a-z]{2}(-[a-z0-9]+)+$")]
    private static partial Regex RegionPattern();
}
