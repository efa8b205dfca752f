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
    ILogger<RealmPushTransport> logger) : IPushTransport
{
    /// <summary>The transport that serves <paramref name="realm"/> now (null: the root realm).</summary>
    public async Task<IPushTransport> ResolveAsync(string? realm, CancellationToken cancellationToken = default)
    {
        realm ??= RealmNames.Root;
        if (await settings.GetTransportAsync(realm, cancellationToken) != PushTransportNames.Sns) return embedded;
        var options = await settings.GetSnsOptionsAsync(realm, cancellationToken);
        // Built per call: the realm's credentials may have changed since the last push, and signing is cheap.
        return new SnsPushTransport(options, httpClients.CreateClient(nameof(SnsPushTransport)), timeProvider: time);
    }

    public async Task<PushRegistrationResult> RegisterDeviceAsync(PushDeviceRegistration registration, CancellationToken cancellationToken)
    {
        IPushTransport transport;
        try
        {
            transport = await ResolveAsync(registration.Realm, cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            logger.LogError(e, "No push transport for realm {Realm}", registration.Realm);
            return new PushRegistrationResult.Failed("the realm's push notification service is not usable: " + e.Message);
        }
        return await transport.RegisterDeviceAsync(registration, cancellationToken);
    }

    public async Task<PushSendResult> SendAsync(PushDelivery delivery, CancellationToken cancellationToken)
    {
        IPushTransport transport;
        try
        {
            transport = await ResolveAsync(delivery.Realm, cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            logger.LogError(e, "No push transport for realm {Realm}", delivery.Realm);
            return new PushSendResult.TransmissionFailure("the realm's push notification service is not usable: " + e.Message);
        }
        return await transport.SendAsync(delivery, cancellationToken);
    }
}
