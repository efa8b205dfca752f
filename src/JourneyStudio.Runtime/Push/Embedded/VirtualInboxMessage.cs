namespace JourneyStudio.Runtime.Push.Embedded;

/// <summary>
/// One push message waiting in a virtual device's inbox (the embedded transport's stand-in for FCM/APNs).
/// Kept in the database so a pending push survives a restart, like a notification queued by a real push service.
/// </summary>
public sealed class VirtualInboxMessage
{
    public long Id { get; init; }

    /// <summary>The device token the virtual device registered with; only that device knows it.</summary>
    public required string DeviceToken { get; init; }

    /// <summary><c>AUTHENTICATE:{uuid}{millis}</c>, echoed by the device in its answer.</summary>
    public required string MessageId { get; init; }

    /// <summary>The HS256 JWS (the FCM data field <c>message</c>).</summary>
    public required string Jwt { get; init; }

    public required string UserMessage { get; init; }

    public PushType PushType { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the push message itself expires; after that the device could no longer answer it.</summary>
    public DateTimeOffset ExpiresAt { get; init; }
}
