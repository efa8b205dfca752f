using JourneyStudio.Runtime.Diagnostics;
using JourneyStudio.Runtime.Push.Embedded;
using JourneyStudio.Runtime.Push.Sns;
using JourneyStudio.Runtime.Realms;
using Microsoft.Extensions.Logging;

namespace JourneyStudio.Runtime.Push;

/// <summary>
/// The studio's <see cref="IPushTransport"/>: each registration and delivery goes through the transport its realm's
/// Push Notification service names (saved on the Services page, else configuration), so a change on that page
/// takes effect with the next push, without a restart.
/// </summary>
public sealed class RealmPushTransport(
    IRealmPushSettings settings,
    EmbeddedPushTransport embedded,
    IHttpClientFactory httpClients,
    TimeProvider time,
    JourneyStudioMetrics metrics,
    ILogger<RealmPushTransport> logger) : IPushTransport
{
    /// <summary>The transport that serves <paramref name="realm"/> now (null: the root realm).</summary>
    public async Task<IPushTransport> ResolveAsync(string? realm, CancellationToken cancellationToken = default)
    {
        var route = await settings.GetPushRouteAsync(realm ?? RealmNames.Root, cancellationToken);
        if (route.Sns is not { } options) return embedded;
        // Built per call: the realm's credentials may have changed since the last push, and signing is cheap.
        return new SnsPushTransport(options, httpClients.CreateClient(nameof(SnsPushTransport)), timeProvider: time, metrics: metrics);
    }

    public async Task<PushRegistrationResult> RegisterDeviceAsync(PushDeviceRegistration registration, CancellationToken cancellationToken)
    {
        var (transport, problem) = await TryResolveAsync(registration.Realm, cancellationToken);
        return transport is null
            ? new PushRegistrationResult.Failed(problem!)
            : await transport.RegisterDeviceAsync(registration, cancellationToken);
    }

    public async Task<PushSendResult> SendAsync(PushDelivery delivery, CancellationToken cancellationToken)
    {
        var (transport, problem) = await TryResolveAsync(delivery.Realm, cancellationToken);
        if (transport is null) return new PushSendResult.TransmissionFailure(problem!);
        var result = await transport.SendAsync(delivery, cancellationToken);
        if (result is PushSendResult.Sent)
            metrics.PushSent(delivery.Realm ?? RealmNames.Root, transport is SnsPushTransport ? PushTransportNames.Sns : PushTransportNames.Embedded);
        return result;
    }

    // A realm whose settings cannot be read (unknown realm, a secret the key ring lost) fails this one push with a reason.
    private async Task<(IPushTransport? Transport, string? Problem)> TryResolveAsync(string? realm, CancellationToken cancellationToken)
    {
        try
        {
            return (await ResolveAsync(realm, cancellationToken), null);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            logger.LogError(e, "No push transport for realm {Realm}", realm);
            return (null, "the realm's push notification service is not usable: " + e.Message);
        }
    }
}
