using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Diagnostics;
using JourneyStudio.Runtime.Push.Embedded;
using JourneyStudio.Runtime.Push.Sns;
using JourneyStudio.Runtime.Realms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace JourneyStudio.Runtime.Push;

public static class PushServiceCollectionExtensions
{
    /// <summary>The operator setting that picks the transport: <c>embedded</c> (default) or <c>sns</c>.</summary>
    public const string TransportSetting = PushTransportNames.ConfigurationKey;

    private const string Embedded = PushTransportNames.Embedded;

    private const string Sns = PushTransportNames.Sns;

    /// <summary>
    /// Registers <see cref="IPushTransport"/> (routed per realm; <see cref="TransportSetting"/> is the default), the
    /// <see cref="VirtualInbox"/> and the <see cref="PushMessageResponder"/>; needs <c>AddJourneyStudioRealmServices</c>. An unknown transport name
    /// throws here, naming the setting, so a typo stops the studio instead of silently using the default.
    /// </summary>
    public static IServiceCollection AddJourneyStudioPush(this IServiceCollection services, IConfiguration configuration)
    {
        ReadTransport(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddJourneyStudioMetrics();
        services.TryAddSignOnStore<VirtualInbox>();
        services.AddSingleton<PushMessageResponder>();
        services.AddHttpClient(nameof(SnsPushTransport));
        services.AddSingleton<EmbeddedPushTransport>();
        services.AddSingleton<RealmPushTransport>();
        services.AddSingleton<IPushTransport>(provider => provider.GetRequiredService<RealmPushTransport>());
        return services;
    }

    /// <summary>
    /// Problems that stop push delivery, one sentence each naming the setting (SNS without region,
    /// credentials or platform application); empty for the embedded transport. The host checks this at startup.
    /// </summary>
    public static IReadOnlyList<string> CheckPushConfiguration(this IServiceProvider services)
    {
        // The configured values are every realm's defaults; RealmServiceDefaults already holds them.
        var defaults = services.GetRequiredService<RealmServiceDefaults>();
        if (defaults.Transport.Value != Sns) return [];
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(SnsPushTransport));
        return new SnsPushTransport(defaults.Sns, http).CheckConfiguration();
    }

    /// <summary>The normalized transport name; throws <see cref="InvalidOperationException"/> naming the setting for anything else.</summary>
    public static string ReadTransport(IConfiguration configuration)
    {
        var value = configuration[TransportSetting];
        if (string.IsNullOrWhiteSpace(value)) return Embedded;
        var normalized = value.Trim().ToLowerInvariant();
        return normalized is Embedded or Sns
            ? normalized
            : throw new InvalidOperationException($"{TransportSetting} must be '{Embedded}' or '{Sns}', not '{value}'.");
    }
}
