namespace JourneyStudio.Runtime.Push;

/// <summary>What a device reports when it registers for push (am-protocol 4.5).</summary>
/// <param name="CommunicationType"><c>gcm</c> or <c>apns</c> (see <see cref="PushCommunicationTypes"/>).</param>
/// <param name="DeviceId">The FCM registration token or APNs device token.</param>
/// <param name="CustomUserData">Optional free text stored with the endpoint (SNS limits it to 2 KB).</param>
public sealed record PushDeviceRegistration(string CommunicationType, string DeviceId, string? CustomUserData = null)
{
    /// <summary>The realm whose Push Notification service registers the device; null means the configured default.</summary>
    public string? Realm { get; init; }
}
