namespace JourneyStudio.Runtime.Push;

/// <summary>One authentication push to one device (am-protocol 4.6).</summary>
/// <param name="CommunicationId">The id returned at registration (for SNS: the platform endpoint ARN).</param>
/// <param name="CommunicationType"><c>gcm</c> or <c>apns</c>.</param>
/// <param name="MessageId"><c>AUTHENTICATE:{uuid}{epochMillis}</c>; the device echoes it in its answer.</param>
/// <param name="Jwt">The HS256 JWS signed with the device's shared secret.</param>
/// <param name="UserMessage">The text shown to the user, placeholders already substituted.</param>
/// <param name="PushType">Selects the notification category the app uses to render the prompt.</param>
public sealed record PushDelivery(
    string CommunicationId,
    string CommunicationType,
    string MessageId,
    string Jwt,
    string UserMessage,
    PushType PushType = PushType.Default)
{
    /// <summary>The realm whose Push Notification service delivers the message; null means the configured default.</summary>
    public string? Realm { get; init; }
}
