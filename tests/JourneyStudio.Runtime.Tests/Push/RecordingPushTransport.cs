using JourneyStudio.Runtime.Push;

namespace JourneyStudio.Runtime.Tests.Push;

/// <summary>A transport that registers every device as <c>test:{token}</c>, or refuses when told to.</summary>
internal sealed class RecordingPushTransport : IPushTransport
{
    public List<PushDeviceRegistration> Registrations { get; } = [];

    public string? RefuseWith { get; set; }

    public Task<PushRegistrationResult> RegisterDeviceAsync(PushDeviceRegistration registration, CancellationToken cancellationToken)
    {
        Registrations.Add(registration);
        return Task.FromResult<PushRegistrationResult>(RefuseWith is null
            ? new PushRegistrationResult.Registered("test:" + registration.DeviceId)
            : new PushRegistrationResult.Failed(RefuseWith));
    }

    public Task<PushSendResult> SendAsync(PushDelivery delivery, CancellationToken cancellationToken) =>
        Task.FromResult<PushSendResult>(new PushSendResult.Sent());
}
