namespace JourneyStudio.Runtime.Realms;

/// <summary>Field keys of the realm services (validation errors are keyed by them) and AM's console labels.</summary>
public static class RealmServiceFields
{
    public const string Transport = nameof(Transport);
    public const string Region = nameof(Region);
    public const string AccessKeyId = nameof(AccessKeyId);
    public const string SecretAccessKey = nameof(SecretAccessKey);
    public const string ApnsEndpoint = nameof(ApnsEndpoint);
    public const string GcmEndpoint = nameof(GcmEndpoint);
    public const string ServiceUrl = nameof(ServiceUrl);
    public const string DeviceProfileEncryption = nameof(DeviceProfileEncryption);
    public const string SkippableAttributeName = nameof(SkippableAttributeName);

    public static string Label(string field) => field switch
    {
        Transport => "Transport",
        Region => "SNS Region",
        AccessKeyId => "SNS Access Key ID",
        SecretAccessKey => "SNS Access Key Secret",
        ApnsEndpoint => "SNS Endpoint for APNS",
        GcmEndpoint => "SNS Endpoint for GCM",
        ServiceUrl => "SNS Service URL",
        DeviceProfileEncryption => "Device Profile Encryption",
        SkippableAttributeName => "ForgeRock Authenticator (Push) Device Skippable Attribute Name",
        _ => field,
    };
}
