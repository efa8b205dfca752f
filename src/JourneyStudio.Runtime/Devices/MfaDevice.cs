namespace JourneyStudio.Runtime.Devices;

public enum DeviceKind
{
    Push,
    Oath,
}

/// <summary>
/// A registered authenticator (AM: a push or OATH device profile on the user). The shared secret is
/// kept only in protected form (<see cref="SecretProtector"/>).
/// </summary>
public sealed class MfaDevice
{
    public int Id { get; init; }

    public required string Username { get; init; }

    public DeviceKind Kind { get; init; }

    /// <summary>The device profile id (AM: <c>uuid</c>; the <c>pid</c>/<c>oid</c> URI parameter).</summary>
    public required string Uuid { get; init; }

    public string DeviceName { get; set; } = "";

    public string Issuer { get; set; } = "";

    /// <summary>Shared secret bytes (push: 32 bytes; OATH: the key), base64, protected with Data Protection.</summary>
    public required string ProtectedSecret { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? LastAccessDate { get; set; }

    // Push only (AM PushDeviceSettings)

    /// <summary>Where push messages go: the SNS endpoint ARN, or the virtual device's inbox for the embedded transport.</summary>
    public string? CommunicationId { get; set; }

    /// <summary>"gcm" or "apns".</summary>
    public string? CommunicationType { get; set; }

    /// <summary>"android" or "ios".</summary>
    public string? DeviceType { get; set; }

    /// <summary>The FCM/APNs token the app sent (AM: <c>deviceId</c>).</summary>
    public string? DeviceToken { get; set; }

    public string? MechanismUid { get; set; }

    /// <summary>The transport reported the endpoint gone (disabled, deleted): the device must register again.</summary>
    public bool MustRegisterAgain { get; set; }

    // OATH only

    /// <summary>"TOTP" or "HOTP".</summary>
    public string? OathAlgorithm { get; set; }

    /// <summary>"SHA1", "SHA256" or "SHA512".</summary>
    public string? HashAlgorithm { get; set; }

    public int Digits { get; set; }

    /// <summary>TOTP period in seconds.</summary>
    public int Period { get; set; }

    /// <summary>HOTP: the next counter value expected.</summary>
    public long Counter { get; set; }

    /// <summary>TOTP: the last time step accepted; a code of this step or older is a replay.</summary>
    public long LastAcceptedTimeStep { get; set; } = -1;
}
