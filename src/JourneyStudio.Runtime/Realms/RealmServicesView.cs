namespace JourneyStudio.Runtime.Realms;

/// <summary>Where an effective value comes from.</summary>
public enum SettingSource
{
    /// <summary>Nothing is configured; the built-in default (or no value).</summary>
    Default,

    /// <summary>ASP.NET Core configuration (<c>JourneyStudio:Push:*</c>, also as environment variables).</summary>
    Configuration,

    /// <summary>The standard <c>AWS_*</c> environment variables.</summary>
    Environment,

    /// <summary>Saved for this realm on the Services page.</summary>
    Saved,
}

public sealed record SettingValue<T>(T Value, SettingSource Source);

/// <summary>
/// A realm's effective service settings for display: every value with its source. The SNS secret is
/// represented only by <see cref="HasSecret"/> and <see cref="SecretSource"/>, never by its value.
/// </summary>
public sealed record RealmServicesView
{
    public required string Realm { get; init; }

    public required SettingValue<string> Transport { get; init; }

    public required SettingValue<string?> Region { get; init; }

    public required SettingValue<string?> AccessKeyId { get; init; }

    public bool HasSecret => SecretSource != SettingSource.Default;

    /// <summary><see cref="SettingSource.Default"/> when no secret is available at all.</summary>
    public required SettingSource SecretSource { get; init; }

    public required SettingValue<string?> ApnsEndpoint { get; init; }

    public required SettingValue<string?> GcmEndpoint { get; init; }

    public required SettingValue<string?> ServiceUrl { get; init; }

    public required SettingValue<bool> DeviceProfileEncryption { get; init; }

    public required SettingValue<string> SkippableAttributeName { get; init; }

    /// <summary>When and by whom the realm's overrides were last saved; null when the realm uses the defaults only.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    public string? UpdatedBy { get; init; }

    /// <summary>The form's starting values: the effective ones, with the secret blank ("keep").</summary>
    public RealmServiceChanges ToChanges() => new()
    {
        Transport = Transport.Value,
        Region = Region.Value,
        AccessKeyId = AccessKeyId.Value,
        ApnsEndpoint = ApnsEndpoint.Value,
        GcmEndpoint = GcmEndpoint.Value,
        ServiceUrl = ServiceUrl.Value,
        DeviceProfileEncryption = DeviceProfileEncryption.Value,
        SkippableAttributeName = SkippableAttributeName.Value,
    };

    /// <summary>True when a saved override would change push delivery (so resetting it also forces devices to register again).</summary>
    public bool HasSavedDeliverySettings =>
        Transport.Source == SettingSource.Saved || Region.Source == SettingSource.Saved || AccessKeyId.Source == SettingSource.Saved
        || SecretSource == SettingSource.Saved || ApnsEndpoint.Source == SettingSource.Saved || GcmEndpoint.Source == SettingSource.Saved
        || ServiceUrl.Source == SettingSource.Saved;
}
