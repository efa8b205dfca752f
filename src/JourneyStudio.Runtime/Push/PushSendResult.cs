namespace JourneyStudio.Runtime.Push;

/// <summary>Outcome of <see cref="IPushTransport.SendAsync"/>.</summary>
public abstract record PushSendResult
{
    private PushSendResult()
    {
    }

    /// <summary>The transport accepted the message; <paramref name="TransportMessageId"/> is its id there, if any.</summary>
    public sealed record Sent(string? TransportMessageId = null) : PushSendResult;

    /// <summary>
    /// The device can no longer be reached at this communication id (disabled or deleted endpoint, usually
    /// because the app was removed or the token rotated): mark the device for re-registration.
    /// </summary>
    public sealed record DeviceMustRegisterAgain(string Reason) : PushSendResult;

    /// <summary>
    /// Anything else went wrong (configuration, credentials, network, timeout, throttling); the device itself may be fine.
    /// <paramref name="ErrorCode"/> is the transport's error code when it gave one (e.g. SNS <c>SignatureDoesNotMatch</c>).
    /// </summary>
    public sealed record TransmissionFailure(string Reason, string? ErrorCode = null) : PushSendResult;
}
