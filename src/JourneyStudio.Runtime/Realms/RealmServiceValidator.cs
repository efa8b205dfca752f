using System.Text.RegularExpressions;

namespace JourneyStudio.Runtime.Realms;

/// <summary>Checks single realm-service values; each problem is one sentence naming the field as AM's console does.</summary>
public static partial class RealmServiceValidator
{
    public const int MaxArnLength = 1024;

    public const int MaxAttributeNameLength = 100;

    public const string ApnsPlatform = "APNS";
    public const string ApnsSandboxPlatform = "APNS_SANDBOX";
    public const string GcmPlatform = "GCM";

    private const string ArnExample = "arn:aws:sns:eu-west-1:123456789012:app/GCM/MyApp";

    public static string? ValidateTransport(string? transport) =>
        PushTransportNames.IsKnown(transport)
            ? null
            : $"Transport '{transport}' is not known; choose '{PushTransportNames.Embedded}' or '{PushTransportNames.Sns}'.";

    public static string? ValidateRegion(string region) =>
        RegionPattern().IsMatch(region) ? null : $"SNS Region '{region}' is not an AWS region name such as eu-west-1.";

    public static string? ValidateAccessKeyId(string accessKeyId) =>
        AccessKeyIdPattern().IsMatch(accessKeyId)
            ? null
            : "SNS Access Key ID may contain only letters and digits, at most 128 (AWS key IDs look like AKIAIOSFODNN7EXAMPLE).";

    public static string? ValidateSecretAccessKey(string secret) =>
        secret.Length > 256 || secret.Any(char.IsWhiteSpace)
            ? "SNS Access Key Secret must be a single word without spaces, at most 256 characters."
            : null;

    public static string? ValidateServiceUrl(string serviceUrl) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? null
            : $"SNS Service URL '{serviceUrl}' is not an absolute http(s) URL such as https://sns.eu-west-1.amazonaws.com/.";

    public static string? ValidateSkippableAttributeName(string name) =>
        AttributeNamePattern().IsMatch(name) && name.Length <= MaxAttributeNameLength
            ? null
            : $"'{name}' is not an attribute name: use a letter followed by letters, digits or '-' (at most {MaxAttributeNameLength}), e.g. push2faEnabled.";

    /// <summary>
    /// Checks a platform application ARN, <c>arn:aws:sns:{region}:{account}:app/{platform}/{name}</c>, for the
    /// APNS field (<paramref name="forApns"/>: APNS or APNS_SANDBOX) or the GCM field (GCM).
    /// </summary>
    /// <param name="serviceRegion">The realm's effective region; the ARN must be in it. Null skips that check.</param>
    public static string? ValidatePlatformApplicationArn(string arn, bool forApns, string? serviceRegion)
    {
        var field = RealmServiceFields.Label(forApns ? RealmServiceFields.ApnsEndpoint : RealmServiceFields.GcmEndpoint);
        if (arn.Length > MaxArnLength)
            return $"{field} is longer than {MaxArnLength} characters.";
        var parts = arn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn")
            return $"{field} '{arn}' is not an ARN; expected arn:aws:sns:{{region}}:{{account}}:app/{{platform}}/{{name}}, e.g. {ArnExample}.";
        if (parts[1] != "aws" || parts[2] != "sns")
            return $"{field} '{arn}' is not an Amazon SNS ARN: it must start with arn:aws:sns:.";
        var (region, account, resource) = (parts[3], parts[4], parts[5]);
        if (!RegionPattern().IsMatch(region))
            return $"{field} has '{region}' where the AWS region belongs (e.g. eu-west-1).";
        if (!AccountPattern().IsMatch(account))
            return $"{field} has '{account}' where the 12-digit AWS account ID belongs.";
        var path = resource.Split('/', 3);
        if (path[0] != "app" || path.Length != 3)
            return $"{field} names '{resource}', not a platform application (app/{{platform}}/{{name}}); a device endpoint ARN (endpoint/...) cannot be used here.";
        var (platform, name) = (path[1], path[2]);
        if (forApns && platform is not (ApnsPlatform or ApnsSandboxPlatform))
            return $"{field} is a '{platform}' platform application; the APNS endpoint needs app/{ApnsPlatform}/... or app/{ApnsSandboxPlatform}/....";
        if (!forApns && platform != GcmPlatform)
            return $"{field} is a '{platform}' platform application; the GCM endpoint needs app/{GcmPlatform}/....";
        if (!ApplicationNamePattern().IsMatch(name))
            return $"{field} has the application name '{name}'; a name has 1 to 256 letters, digits, '_', '-' or '.'.";
        if (serviceRegion is not null && region != serviceRegion)
            return $"{field} is in region {region}, but the SNS Region is {serviceRegion}; the platform application must be in the service's region.";
        return null;
    }

    [GeneratedRegex("^[a-z]{2}(-[a-z0-9]+)+$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountPattern();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,256}$")]
    private static partial Regex ApplicationNamePattern();

    [GeneratedRegex("^[A-Za-z0-9]{1,128}$")]
    private static partial Regex AccessKeyIdPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9-]*$")]
    private static partial Regex AttributeNamePattern();
}
