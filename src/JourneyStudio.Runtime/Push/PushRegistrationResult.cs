namespace JourneyStudio.Runtime.Push;

/// <summary>Outcome of <see cref="IPushTransport.RegisterDeviceAsync"/>.</summary>
public abstract record PushRegistrationResult
{
    private PushRegistrationResult()
    {
    }

    /// <summary>The device can be reached; <paramref name="CommunicationId"/> addresses it from now on.</summary>
    public sealed record Registered(string CommunicationId) : PushRegistrationResult;

    /// <summary>The device could not be registered; <paramref name="Reason"/> says why, for logs and admins.</summary>
    public sealed record Failed(string Reason) : PushRegistrationResult;
}
