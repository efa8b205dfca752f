namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>What the user does on the device to approve a push (AM's PushType).</summary>
public enum PushSenderType
{
    [ChoiceValue("DEFAULT", "Tap to Accept")] Default,
    [ChoiceValue("CHALLENGE", "Display Challenge Code")] Challenge,
    [ChoiceValue("BIOMETRIC", "Use Biometrics to Accept")] Biometric,
}

/// <summary>The settings of Push Sender, in AM's order.</summary>
public sealed record PushSenderConfig
{
    [NodeProperty("messageTimeout", "Message Timeout", Minimum = 1000,
        Help = "Milliseconds the notification stays valid; the Push Result Verifier treats later answers as expired. At least 1000.")]
    public long MessageTimeoutMilliseconds { get; init; } = 120000;

    [NodeProperty("userMessage", "User Message",
        Help = "Text of the notification. {{user}} is replaced by the username and {{issuer}} by the issuer name.")]
    public LocalizedText UserMessage { get; init; } = new(PushSenderDescriptor.DefaultUserMessage);

    [NodeProperty("mandatory", "Remove 'skip' option",
        Help = "Make push mandatory: users who opted out of push are still asked, and the Skipped outcome disappears.")]
    public bool Mandatory { get; init; }

    [NodeProperty("contextInfo", "Share Context Info",
        Help = "Add the remote IP, user agent and location to the notification so the user can tell whether the request is theirs. "
               + "The location needs an earlier Device Profile Collector with 'Collect Device Location' on.")]
    public bool ContextInfo { get; init; }

    [NodeProperty("customPayload", "Custom Payload Attributes",
        Help = "Names of shared-state entries to add to the notification payload. The payload may not exceed 3 KB.")]
    public IReadOnlyList<string> CustomPayload { get; init; } = [];

    [NodeProperty("pushType", "Push Type",
        Help = "What the user does on the device: tap Accept; pick the number shown in the browser (number matching, "
               + "which resists push fatigue); or confirm with biometrics.")]
    public PushSenderType PushType { get; init; } = PushSenderType.Default;

    [NodeProperty("captureFailure", "Capture failure",
        Help = "When sending fails, go to the Failure outcome and record the reason in shared state (PushAuthFailureReason) "
               + "instead of ending the journey with an error.")]
    public bool CaptureFailure { get; init; }
}

/// <summary>
/// Push Sender: sends a push notification to the user's registered device and moves on at once (no callbacks).
/// SKIPPED exists only while the user may skip push (not mandatory); FAILURE only when failures are captured.
/// </summary>
public sealed class PushSenderDescriptor : NodeDescriptor<PushSenderConfig>
{
    /// <summary>Notification text when <c>userMessage</c> has no entry for the user's locale.</summary>
    public const string DefaultUserMessage = "Login attempt from {{user}} at {{issuer}}";

    public const string SentOutcome = "SENT";
    public const string NotRegisteredOutcome = "NOT_REGISTERED";
    public const string SkippedOutcome = "SKIPPED";
    public const string FailureOutcome = "FAILURE";

    /// <summary>Largest custom payload the push services deliver (3 KB on both iOS and Android).</summary>
    public const int MaximumPayloadBytes = 3 * 1024;

    public override string TypeId => NodeTypeIds.PushSender;
    public override string DisplayName => "Push Sender";
    public override string Category => NodeCategories.Mfa;
    public override string Description => "Sends a push notification to the user's registered authenticator app.";

    public override IReadOnlyList<NodeOutcome> GetOutcomes(PushSenderConfig config)
    {
        var outcomes = new List<NodeOutcome> { new(SentOutcome, "Sent"), new(NotRegisteredOutcome, "Not Registered") };
        if (!config.Mandatory) outcomes.Add(new(SkippedOutcome, "Skipped"));
        if (config.CaptureFailure) outcomes.Add(new(FailureOutcome, "Failure"));
        return outcomes;
    }

    protected override IEnumerable<ConfigProblem> ValidateRules(PushSenderConfig config)
    {
        // A blank or repeated name would put an empty or duplicate key into every notification payload.
        var names = config.CustomPayload;
        if (names.Any(string.IsNullOrWhiteSpace))
            yield return new ConfigProblem("customPayload", "Custom Payload Attributes must not contain blank names.");
        foreach (var duplicate in names.Where(n => !string.IsNullOrWhiteSpace(n)).GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1))
            yield return new ConfigProblem("customPayload", $"Custom Payload Attributes lists '{duplicate.Key}' more than once.");
    }
}
