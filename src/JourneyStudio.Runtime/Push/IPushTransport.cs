namespace JourneyStudio.Runtime.Push;

/// <summary>
/// Delivers push notifications to authenticator devices. One implementation talks to Amazon SNS,
/// another keeps everything in process; callers only see these two operations and their results.
/// </summary>
public interface IPushTransport
{
    /// <summary>
    /// Registers a device token with the transport and returns the id that later deliveries address
    /// (AM stores it as the device's <c>communicationId</c>).
    /// </summary>
    Task<PushRegistrationResult> RegisterDeviceAsync(PushDeviceRegistration registration, CancellationToken cancellationToken);

    /// <summary>Sends one authentication push message to a registered device.</summary>
    Task<PushSendResult> SendAsync(PushDelivery delivery, CancellationToken cancellationToken);
}
