namespace JourneyStudio.Runtime.Devices;

/// <summary>One unused recovery code of a user, as a salted hash. A used code is deleted.</summary>
public sealed class RecoveryCodeRecord
{
    public int Id { get; init; }

    public required string Username { get; init; }

    /// <summary>The device type the codes were issued with (Recovery Code Collector Decision's <c>recoveryCodeType</c>).</summary>
    public DeviceKind Kind { get; init; }

    public required string CodeHash { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
