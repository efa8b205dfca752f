using JourneyStudio.Runtime.Push.Sns;
using Microsoft.Extensions.Configuration;

namespace JourneyStudio.Runtime.Realms;

/// <summary>
/// The values a realm uses until an admin overrides them: <c>JourneyStudio:Push:Transport</c>,
/// <c>JourneyStudio:Push:Sns:*</c>, then the standard <c>AWS_*</c> environment variables, then AM's defaults.
/// </summary>
public sealed class RealmServiceDefaults
{
    /// <summary>AM's default for "ForgeRock Authenticator (Push) Device Skippable Attribute Name".</summary>
    public const string DefaultSkippableAttributeName = "push2faEnabled";

    private readonly Func<string, string?> _environment;

    /// <param name="environment">Reads an environment variable; the process environment in production.</param>
    public RealmServiceDefaults(string? transport, SnsOptions sns, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(sns);
        ArgumentNullException.ThrowIfNull(environment);
        ConfiguredTransport = Clean(transport)?.ToLowerInvariant();
        Sns = sns;
        _environment = environment;
    }

    public static RealmServiceDefaults FromConfiguration(IConfiguration configuration, Func<string, string?>? environment = null) =>
        new(configuration[PushTransportNames.ConfigurationKey],
            configuration.GetSection(SnsOptions.SectionName).Get<SnsOptions>() ?? new SnsOptions(),
            environment ?? Environment.GetEnvironmentVariable);

    /// <summary>The configured transport as written (possibly invalid, which the page then shows for fixing).</summary>
    public string? ConfiguredTransport { get; }

    /// <summary>The configured SNS options, without the environment fallback (the SNS resolver applies that).</summary>
    public SnsOptions Sns { get; }

    public SettingValue<string> Transport => ConfiguredTransport is { } transport
        ? new(transport, SettingSource.Configuration)
        : new(PushTransportNames.Embedded, SettingSource.Default);

    public SettingValue<string?> Region => FirstSet(
        (Sns.Region, SettingSource.Configuration),
        (_environment(SnsSettingsResolver.RegionVariable), SettingSource.Environment),
        (_environment(SnsSettingsResolver.DefaultRegionVariable), SettingSource.Environment));

    /// <summary>Configured keys win as a pair over the environment's, as in <see cref="SnsSettingsResolver"/>.</summary>
    public bool UsesEnvironmentCredentials => Clean(Sns.AccessKeyId) is null && Clean(Sns.SecretAccessKey) is null;

    public SettingValue<string?> AccessKeyId => UsesEnvironmentCredentials
        ? FirstSet((_environment(SnsSettingsResolver.AccessKeyIdVariable), SettingSource.Environment))
        : FirstSet((Sns.AccessKeyId, SettingSource.Configuration));

    public SettingValue<string?> SecretAccessKey => UsesEnvironmentCredentials
        ? FirstSet((_environment(SnsSettingsResolver.SecretAccessKeyVariable), SettingSource.Environment))
        : FirstSet((Sns.SecretAccessKey, SettingSource.Configuration));

    public string? SessionToken => UsesEnvironmentCredentials
        ? Clean(_environment(SnsSettingsResolver.SessionTokenVariable))
        : Clean(Sns.SessionToken);

    public SettingValue<string?> ApnsEndpoint => FirstSet((Sns.ApnsPlatformApplicationArn, SettingSource.Configuration));

    public SettingValue<string?> GcmEndpoint => FirstSet((Sns.GcmPlatformApplicationArn, SettingSource.Configuration));

    public SettingValue<string?> ServiceUrl => FirstSet((Sns.ServiceUrl, SettingSource.Configuration));

    public SettingValue<bool> DeviceProfileEncryption => new(false, SettingSource.Default);

    public SettingValue<string> SkippableAttributeName => new(DefaultSkippableAttributeName, SettingSource.Default);

    internal static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static SettingValue<string?> FirstSet(params (string? Value, SettingSource Source)[] candidates)
    {
        foreach (var (value, source) in candidates)
            if (Clean(value) is { } cleaned)
                return new(cleaned, source);
        return new(null, SettingSource.Default);
    }
}
