namespace JourneyStudio.Runtime.Realms;

/// <summary>
/// What an admin submits for a realm: the values as the page shows them. A value equal to the configuration
/// default is not stored as an override (the realm keeps following the configuration); a blank optional
/// value means "use the configuration"; a blank <see cref="SecretAccessKey"/> keeps the stored secret.
/// </summary>
public sealed record RealmServiceChanges
{
    public string Transport { get; init; } = PushTransportNames.Embedded;

    public string? Region { get; init; }

    public string? AccessKeyId { get; init; }

    /// <summary>A new secret, or blank to keep the stored (or configured) one.</summary>
    public string? SecretAccessKey { get; init; }

    public string? ApnsEndpoint { get; init; }

    public string? GcmEndpoint { get; init; }

    public string? ServiceUrl { get; init; }

    public bool DeviceProfileEncryption { get; init; }

    public string SkippableAttributeName { get; init; } = RealmServiceDefaults.DefaultSkippableAttributeName;

    // Records print every property; keep a typed secret out of logs.
    public override string ToString() =>
        $"RealmServiceChanges {{ Transport = {Transport}, Region = {Region}, AccessKeyId = {AccessKeyId}, " +
        $"SecretAccessKey = {(string.IsNullOrEmpty(SecretAccessKey) ? "blank" : "entered")}, ApnsEndpoint = {ApnsEndpoint}, " +
        $"GcmEndpoint = {GcmEndpoint}, ServiceUrl = {ServiceUrl}, DeviceProfileEncryption = {DeviceProfileEncryption}, " +
        $"SkippableAttributeName = {SkippableAttributeName} }}";
}
