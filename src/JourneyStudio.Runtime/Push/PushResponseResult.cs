namespace JourneyStudio.Runtime.Push;

/// <summary>Why a device's answer was refused. Each case names the check that failed.</summary>
public enum PushRejectionReason
{
    /// <summary>The body is not JSON, not an object, or misses a field.</summary>
    MalformedRequest,

    /// <summary>The <c>_action</c> is not register, authenticate or refresh.</summary>
    UnknownAction,

    /// <summary>The message id is not <c>{TYPE}:{uuid}{millis}</c>.</summary>
    MalformedMessageId,

    /// <summary>No such message: never sent, already consumed by the journey, or purged.</summary>
    UnknownMessage,

    Expired,

    /// <summary>A REGISTER message answered through authenticate, or the reverse.</summary>
    WrongMessageKind,

    AlreadyAnswered,

    /// <summary>The JWT is not a well-formed compact JWS.</summary>
    MalformedJwt,

    /// <summary>The JWT header names an algorithm other than HS256 (e.g. <c>none</c>).</summary>
    WrongAlgorithm,

    /// <summary>The JWT was not signed with the message's shared secret.</summary>
    BadSignature,

    /// <summary>The <c>response</c> claim is not the HMAC of the challenge.</summary>
    WrongChallengeResponse,

    /// <summary>A claim the action needs is absent or has the wrong type.</summary>
    InvalidClaims,

    /// <summary>The push transport refused the device token.</summary>
    RegistrationFailed,

    /// <summary>Refresh: no device with that mechanism for that user.</summary>
    UnknownDevice,

    /// <summary>The stored secret can no longer be decrypted (the key ring was replaced).</summary>
    SecretUnavailable,
}

/// <summary>The outcome of one device request: <see cref="Accepted"/> (HTTP 200 <c>{}</c>) or <see cref="Rejected"/> (HTTP 400).</summary>
public abstract record PushResponseResult
{
    private PushResponseResult()
    {
    }

    public sealed record Accepted : PushResponseResult;

    /// <summary><paramref name="Message"/> is safe to return to the device: it never contains secrets.</summary>
    public sealed record Rejected(PushRejectionReason Reason, string Message) : PushResponseResult;

    public bool IsAccepted => this is Accepted;
}
