using JourneyStudio.Runtime.Push;

namespace JourneyStudio.Runtime.Tests.Nodes.Mfa;

/// <summary>An <see cref="IPushTransport"/> that keeps every delivery and answers with a result the test chooses.</summary>
internal sealed class RecordingPushTransport : IPushTransport
{
    public List<PushDelivery> Deliveries { get; } = [];

    /// <summary>What the next sends report; <see cref="PushSendResult.Sent"/> by default.</summary>
    public PushSendResult NextResult { get; set; } = new PushSendResult.Sent("sns-1");

    public Task<PushRegistrationResult> RegisterDeviceAsync(PushDeviceRegistration registration, CancellationToken cancellationToken) =>
        Task.FromResult<PushRegistrationResult>(new PushRegistrationResult.Registered("inbox:" + registration.DeviceId));

    public Task<PushSendResult> SendAsync(PushDelivery delivery, CancellationToken cancellationToken)
    {
        Deliveries.Add(delivery);
        return Task.FromResult(NextResult);
    }
}
