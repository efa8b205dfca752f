using System.Text;
using JourneyStudio.Runtime.Diagnostics;

namespace JourneyStudio.Runtime.Push.Sns;

/// <summary>
/// Push delivery through Amazon SNS mobile push, the way AM does it: a device registers as an SNS platform
/// endpoint (its ARN becomes the <c>communicationId</c>) and each authentication push is a <c>Publish</c>
/// to that endpoint with AM's per-platform JSON message.
/// </summary>
/// <remarks>
/// Settings are resolved on every call, so a configuration problem shows up as a failed result that names
/// the setting (and <see cref="CheckConfiguration"/> lets the host report it at start-up).
/// </remarks>
public sealed class SnsPushTransport : IPushTransport
{
    private const int MaxCustomUserDataBytes = 2048;
    private const int MaxSubjectLength = 99;

    /// <summary>The <c>error_code</c> of <c>journeystudio.sns.errors</c> when SNS gave no answer in time, or none at all.</summary>
    public const string TimeoutErrorCode = "Timeout";
    public const string NetworkErrorCode = "NetworkError";

    private readonly SnsOptions _options;
    private readonly HttpClient _httpClient;
    private readonly Func<string, string?> _environment;
    private readonly TimeProvider _timeProvider;
    private readonly JourneyStudioMetrics? _metrics;

    /// <param name="options">Bound from <see cref="SnsOptions.SectionName"/>.</param>
    /// <param name="httpClient">Used for every SNS request; the transport does not dispose it.</param>
    /// <param name="environment">Reads AWS_* variables; defaults to the process environment.</param>
    /// <param name="timeProvider">Signing clock; defaults to the system clock.</param>
    /// <param name="metrics">Counts failed SNS requests by error code; none when null (a configuration check).</param>
    public SnsPushTransport(
        SnsOptions options,
        HttpClient httpClient,
        Func<string, string?>? environment = null,
        TimeProvider? timeProvider = null,
        JourneyStudioMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClient);
        _options = options;
        _httpClient = httpClient;
        _environment = environment ?? Environment.GetEnvironmentVariable;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _metrics = metrics;
    }

    /// <summary>Problems with the settings, one sentence each naming the setting; empty when delivery can work.</summary>
    public IReadOnlyList<string> CheckConfiguration()
    {
        var problems = new List<string>(SnsSettingsResolver.FindProblems(_options, _environment));
        var missingArns = new List<string>();
        foreach (var (communicationType, arn) in new[]
                 {
                     (PushCommunicationTypes.Gcm, _options.GcmPlatformApplicationArn),
                     (PushCommunicationTypes.Apns, _options.ApnsPlatformApplicationArn),
                 })
        {
            try
            {
                SnsSettingsResolver.PlatformApplicationArn(_options, communicationType);
            }
            catch (SnsConfigurationException problem)
            {
                (string.IsNullOrWhiteSpace(arn) ? missingArns : problems).Add(problem.Message);
            }
        }

        // One platform is enough (an Android-only rollout is fine); none at all cannot register anything.
        if (missingArns.Count == 2)
        {
            problems.AddRange(missingArns);
        }

        return problems;
    }

    public async Task<PushRegistrationResult> RegisterDeviceAsync(PushDeviceRegistration registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (!PushCommunicationTypes.IsKnown(registration.CommunicationType))
        {
            return new PushRegistrationResult.Failed(
                $"Unknown push communication type '{registration.CommunicationType}'; expected '{PushCommunicationTypes.Gcm}' or '{PushCommunicationTypes.Apns}'.");
        }

        if (string.IsNullOrWhiteSpace(registration.DeviceId))
        {
            return new PushRegistrationResult.Failed("The device sent no push token (deviceId is empty).");
        }

        if (registration.CustomUserData is not null && Encoding.UTF8.GetByteCount(registration.CustomUserData) >= MaxCustomUserDataBytes)
        {
            return new PushRegistrationResult.Failed(
                $"The custom user data is {Encoding.UTF8.GetByteCount(registration.CustomUserData)} bytes; Amazon SNS accepts less than {MaxCustomUserDataBytes}.");
        }

        SnsClient client;
        string platformApplicationArn;
        try
        {
            platformApplicationArn = SnsSettingsResolver.PlatformApplicationArn(_options, registration.CommunicationType);
            client = CreateClient();
        }
        catch (SnsConfigurationException problem)
        {
            return new PushRegistrationResult.Failed(problem.Message);
        }

        try
        {
            var endpointArn = await client
                .EnsurePlatformEndpointAsync(platformApplicationArn, registration.DeviceId, registration.CustomUserData, cancellationToken)
                .ConfigureAwait(false);
            return new PushRegistrationResult.Registered(endpointArn);
        }
        catch (SnsException error)
        {
            _metrics?.SnsError(error.Code);
            return new PushRegistrationResult.Failed(
                $"Amazon SNS refused to register the {registration.CommunicationType} device: {error.Code} (HTTP {error.StatusCode}): {error.ErrorMessage}");
        }
        catch (TimeoutException timeout)
        {
            _metrics?.SnsError(TimeoutErrorCode);
            return new PushRegistrationResult.Failed(timeout.Message);
        }
        catch (HttpRequestException network)
        {
            _metrics?.SnsError(NetworkErrorCode);
            return new PushRegistrationResult.Failed(
                $"Amazon SNS could not be reached at {client.Settings.Endpoint}: {network.Message}");
        }
    }

    public async Task<PushSendResult> SendAsync(PushDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (string.IsNullOrWhiteSpace(delivery.CommunicationId) || !delivery.CommunicationId.StartsWith("arn:", StringComparison.Ordinal))
        {
            // e.g. a device registered while another transport was configured: only a new registration helps.
            return new PushSendResult.DeviceMustRegisterAgain(
                $"The device's communication id '{delivery.CommunicationId}' is not an Amazon SNS endpoint ARN; the device has to register again.");
        }

        SnsClient client;
        try
        {
            client = CreateClient();
        }
        catch (SnsConfigurationException problem)
        {
            return new PushSendResult.TransmissionFailure(problem.Message);
        }

        var message = SnsPushMessageConverter.ToSnsMessage(delivery);
        try
        {
            var messageId = await client
                .PublishAsync(delivery.CommunicationId, message, messageStructureJson: true, SubjectFor(delivery.UserMessage), cancellationToken)
                .ConfigureAwait(false);
            return new PushSendResult.Sent(messageId);
        }
        catch (SnsException error) when (SnsErrorCodes.MeansDeviceMustRegisterAgain(error))
        {
            _metrics?.SnsError(error.Code);
            return new PushSendResult.DeviceMustRegisterAgain(
                $"Amazon SNS endpoint {delivery.CommunicationId} cannot be reached: {error.Code}: {error.ErrorMessage}");
        }
        catch (SnsException error)
        {
            _metrics?.SnsError(error.Code);
            return new PushSendResult.TransmissionFailure(
                $"Amazon SNS refused the push: {error.Code} (HTTP {error.StatusCode}): {error.ErrorMessage}", error.Code);
        }
        catch (TimeoutException timeout)
        {
            _metrics?.SnsError(TimeoutErrorCode);
            return new PushSendResult.TransmissionFailure(timeout.Message);
        }
        catch (HttpRequestException network)
        {
            _metrics?.SnsError(NetworkErrorCode);
            return new PushSendResult.TransmissionFailure($"Amazon SNS could not be reached at {client.Settings.Endpoint}: {network.Message}");
        }
    }

    private SnsClient CreateClient() =>
        new(_httpClient, SnsSettingsResolver.Resolve(_options, _environment), _timeProvider);

    /// <summary>
    /// AM sends the user message as the Subject. SNS rejects the whole Publish for a subject that is not
    /// printable ASCII under 100 characters, and mobile endpoints ignore it anyway, so such a subject is left out.
    /// </summary>
    private static string? SubjectFor(string userMessage)
    {
        if (string.IsNullOrEmpty(userMessage) || userMessage.Length > MaxSubjectLength || userMessage[0] == ' ')
        {
            return null;
        }

        return userMessage.All(character => character is >= ' ' and <= '~') ? userMessage : null;
    }
}
