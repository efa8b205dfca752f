using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Identities;

namespace JourneyStudio.Runtime.Administration;

/// <summary>The admin's "reset MFA devices" for what <see cref="DeviceStore"/> keeps: every device and recovery code of the user.</summary>
public sealed class DeviceStoreMfaReset(DeviceStore devices) : IMfaDeviceReset
{
    public Task ResetAsync(string username, CancellationToken cancellationToken) => devices.DeleteAllAsync(username, cancellationToken);
}
