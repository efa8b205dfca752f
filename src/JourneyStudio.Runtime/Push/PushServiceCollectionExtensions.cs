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
    /// <see cref="VirtualInbox"/> and the <see cref="PushMessageResponder"/>. An unknown transport name
    /// throws here, naming the setting, so a typo stops the studio instead of silently using the default.
    /// </summary>
    public static IServiceCollection AddJourneyStudioPush(this IServiceCollection services, IConfiguration configuration)
    {
        var transport = ReadTransport(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<VirtualInbox>();
        services.AddSingleton<PushMessageResponder>();
        services.AddHttpClient(nameof(SnsPushTransport));
        services.AddSingleton<EmbeddedPushTransport>();
        if (transport == Sns)
        {
            // Only for the start-up check of the configured defaults; deliveries go through the realm's settings.
            var options = configuration.GetSection(SnsOptions.SectionName).Get<SnsOptions>() ?? new SnsOptions();
            services.AddSingleton(provider => new SnsPushTransport(
                options,
                provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(SnsPushTransport)),
                timeProvider: provider.GetRequiredService<TimeProvider>()));
        }
        services.AddSingleton<RealmPushTransport>();
        services.AddSingleton<IPushTransport>(provider => provider.GetRequiredService<RealmPushTransport>());
        return services;
    }

    /// <summary>
    /// Problems that stop push delivery, one sentence each naming the setting (SNS without region,
    /// credentials or platform application); empty for the embedded transport. The host checks this at startup.
    /// </summary>
    public static IReadOnlyList<string> CheckPushConfiguration(this IServiceProvider services) =>
        services.GetService<SnsPushTransport>() is { } sns ? sns.CheckConfiguration() : [];

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
