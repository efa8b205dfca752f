using JourneyStudio.Runtime.Devices;

namespace JourneyStudio.Runtime.Push.Embedded;

/// <summary>
/// The default push transport, needing no cloud account: a device's communication id is
/// <c>embedded:{deviceToken}</c>, and a push goes into that token's <see cref="VirtualInbox"/>, where the
/// virtual authenticator polls for it. The token is a random secret only the virtual device knows, so it
/// is the credential for reading the inbox.
/// </summary>
public sealed class EmbeddedPushTransport(VirtualInbox inbox, PushMessageStore messages, TimeProvider time) : IPushTransport
{
    public const string CommunicationIdPrefix = "embedded:";

    /// <summary>A guessable token would let anyone read the inbox; the virtual authenticator sends 32 random bytes.</summary>
    public const int MinDeviceTokenLength = 16;

    public const int MaxDeviceTokenLength = 512;

    /// <summary>Used when the push message record is gone (it should not be): AM's default push timeout.</summary>
    public static readonly TimeSpan DefaultTimeToLive = TimeSpan.FromMinutes(2);

    public Task<PushRegistrationResult> RegisterDeviceAsync(PushDeviceRegistration registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        PushRegistrationResult result;
        if (!PushCommunicationTypes.IsKnown(registration.CommunicationType))
            result = new PushRegistrationResult.Failed(
                $"Unknown push communication type '{registration.CommunicationType}'; expected '{PushCommunicationTypes.Gcm}' or '{PushCommunicationTypes.Apns}'.");
        else if (string.IsNullOrWhiteSpace(registration.DeviceId) || registration.DeviceId.Length < MinDeviceTokenLength)
            result = new PushRegistrationResult.Failed($"The device token must have at least {MinDeviceTokenLength} characters: it is the only key to the device's inbox.");
        else if (registration.DeviceId.Length > MaxDeviceTokenLength)
            result = new PushRegistrationResult.Failed($"The device token must have at most {MaxDeviceTokenLength} characters.");
        else
            result = new PushRegistrationResult.Registered(CommunicationIdPrefix + registration.DeviceId);
        return Task.FromResult(result);
    }

    public async Task<PushSendResult> SendAsync(PushDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (!delivery.CommunicationId.StartsWith(CommunicationIdPrefix, StringComparison.Ordinal)
            || delivery.CommunicationId.Length == CommunicationIdPrefix.Length)
        {
            // e.g. registered while the studio used SNS: the embedded transport cannot reach that device.
            return new PushSendResult.DeviceMustRegisterAgain(
                $"The device was not registered with the embedded push transport (communication id '{delivery.CommunicationId}').");
        }

        var now = time.GetUtcNow();
        var record = await messages.GetLiveAsync(delivery.MessageId, cancellationToken);
        var message = new VirtualInboxMessage
        {
            DeviceToken = delivery.CommunicationId[CommunicationIdPrefix.Length..],
            MessageId = delivery.MessageId,
            Jwt = delivery.Jwt,
            UserMessage = delivery.UserMessage,
            PushType = delivery.PushType,
            CreatedAt = now,
            ExpiresAt = record?.ExpiresAt ?? now + DefaultTimeToLive,
        };
        await inbox.PutAsync(message, cancellationToken);
        return new PushSendResult.Sent(message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
