using JourneyStudio.Runtime.Push;

namespace JourneyStudio.Runtime.JourneyTests;

/// <summary>
/// The sandbox's push transport: nothing leaves the process (no SNS, no virtual inbox of the studio); deliveries are
/// kept for the scenario's virtual device, which the device actions drive.
/// </summary>
public sealed class SandboxPushTransport : IPushTransport
{
    public const string CommunicationIdPrefix = "sandbox:";

    private readonly List<PushDelivery> _deliveries = [];

    /// <summary>Every push the journey sent, oldest first.</summary>
    public IReadOnlyList<PushDelivery> Deliveries => _deliveries;

    public void Clear() => _deliveries.Clear();

    public Task<PushRegistrationResult> RegisterDeviceAsync(PushDeviceRegistration registration, CancellationToken cancellationToken) =>
        Task.FromResult<PushRegistrationResult>(new PushRegistrationResult.Registered(CommunicationIdPrefix + registration.DeviceId));

    public Task<PushSendResult> SendAsync(PushDelivery delivery, CancellationToken cancellationToken)
    {
        _deliveries.Add(delivery);
        return Task.FromResult<PushSendResult>(new PushSendResult.Sent());
    }
}
