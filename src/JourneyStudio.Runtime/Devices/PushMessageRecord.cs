namespace JourneyStudio.Runtime.Devices;

public enum PushMessageKind
{
    Register,
    Authenticate,
}

public enum PushMessageState
{
    /// <summary>Sent, not answered yet (AM: accept flag absent).</summary>
    Pending,
    Accepted,
    Denied,
}

/// <summary>
/// A push message awaiting the device's answer (AM keeps these in the CTS). In the database, so any server
/// instance can verify an answer and any instance can poll the result.
/// </summary>
public sealed class PushMessageRecord
{
    /// <summary><c>REGISTER:{uuid}{millis}</c> or <c>AUTHENTICATE:{uuid}{millis}</c>.</summary>
    public required string MessageId { get; init; }

    public PushMessageKind Kind { get; init; }

    public required string Username { get; init; }

    public required string Realm { get; init; }

    /// <summary>The sign-on (journey session id) that sent the message, so the device's answer logs under it; null when unknown.</summary>
    public string? SignOnId { get; init; }

    /// <summary>The secret the answer's JWT must be signed with, protected with Data Protection.</summary>
    public required string ProtectedSecret { get; init; }

    /// <summary>The challenge (base64) whose HMAC the device must return.</summary>
    public required string Challenge { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public PushMessageState State { get; set; }

    /// <summary>The number the user picked, for the number challenge.</summary>
    public int? ChallengeResponse { get; set; }

    /// <summary>Registration only: what the device sent (deviceId, deviceName, deviceType, communicationType, mechanismUid) plus the communication id.</summary>
    public string? RegistrationJson { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }
}
