using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>
/// Push Sender: sends a push notification to the user's registered device and moves on at once (no callbacks).
/// SKIPPED exists only while the user may skip push (not mandatory); FAILURE only when failures are captured.
/// </summary>
public sealed class PushSenderDescriptor : NodeDescriptor
{
    /// <summary>Notification text when <c>userMessage</c> has no entry for the user's locale.</summary>
    public const string DefaultUserMessage = "Login attempt from {{user}} at {{issuer}}";

    public const string SentOutcome = "SENT";
    public const string NotRegisteredOutcome = "NOT_REGISTERED";
    public const string SkippedOutcome = "SKIPPED";
    public const string FailureOutcome = "FAILURE";

    /// <summary>Largest custom payload the push services deliver (3 KB on both iOS and Android).</summary>
    public const int MaximumPayloadBytes = 3 * 1024;

    private static readonly IReadOnlyList<ConfigProperty> PropertyList =
    [
        new()
        {
            Name = "messageTimeout", Label = "Message Timeout", Kind = ConfigValueKind.Integer, Default = Json(120000), Minimum = 1000,
            Help = "Milliseconds the notification stays valid; the Push Result Verifier treats later answers as expired. At least 1000.",
        },
        SharedProperties.LocalizedMessage("userMessage", "User Message",
            "Text of the notification. {{user}} is replaced by the username and {{issuer}} by the issuer name.", DefaultUserMessage),
        new()
        {
            Name = "mandatory", Label = "Remove 'skip' option", Kind = ConfigValueKind.Boolean, Default = Json(false),
            Help = "Make push mandatory: users who opted out of push are still asked, and the Skipped outcome disappears.",
        },
        new()
        {
            Name = "contextInfo", Label = "Share Context Info", Kind = ConfigValueKind.Boolean, Default = Json(false),
            Help = "Add the remote IP, user agent and location to the notification so the user can tell whether the request is theirs. "
                   + "The location needs an earlier Device Profile Collector with 'Collect Device Location' on.",
        },
        new()
        {
            Name = "customPayload", Label = "Custom Payload Attributes", Kind = ConfigValueKind.TextList, Default = Json(Array.Empty<string>()),
            Help = "Names of shared-state entries to add to the notification payload. The payload may not exceed 3 KB.",
        },
        new()
        {
            Name = "pushType", Label = "Push Type", Kind = ConfigValueKind.Choice, Default = Json("DEFAULT"),
            Options =
            [
                new("DEFAULT", "Tap to Accept"),
                new("CHALLENGE", "Display Challenge Code"),
                new("BIOMETRIC", "Use Biometrics to Accept"),
            ],
            Help = "What the user does on the device: tap Accept; pick the number shown in the browser (number matching, "
                   + "which resists push fatigue); or confirm with biometrics.",
        },
        new()
        {
            Name = "captureFailure", Label = "Capture failure", Kind = ConfigValueKind.Boolean, Default = Json(false),
            Help = "When sending fails, go to the Failure outcome and record the reason in shared state (PushAuthFailureReason) "
                   + "instead of ending the journey with an error.",
        },
    ];

    public override string TypeId => NodeTypeIds.PushSender;
    public override string DisplayName => "Push Sender";
    public override string Category => NodeCategories.Mfa;
    public override string Description => "Sends a push notification to the user's registered authenticator app.";
    public override IReadOnlyList<ConfigProperty> Properties => PropertyList;

    public override IReadOnlyList<NodeOutcome> GetOutcomes(NodeConfig config)
    {
        var outcomes = new List<NodeOutcome> { Outcome(SentOutcome, "Sent"), Outcome(NotRegisteredOutcome, "Not Registered") };
        if (config.GetBoolean("mandatory") != true) outcomes.Add(Outcome(SkippedOutcome, "Skipped"));
        if (config.GetBoolean("captureFailure") == true) outcomes.Add(Outcome(FailureOutcome, "Failure"));
        return outcomes;
    }

    protected override IEnumerable<ConfigProblem> ValidateRules(NodeConfig config)
    {
        // A blank or repeated name would put an empty or duplicate key into every notification payload.
        var names = config.GetStringList("customPayload") ?? [];
        if (names.Any(string.IsNullOrWhiteSpace))
            yield return new ConfigProblem("customPayload", "Custom Payload Attributes must not contain blank names.");
        foreach (var duplicate in names.Where(n => !string.IsNullOrWhiteSpace(n)).GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1))
            yield return new ConfigProblem("customPayload", $"Custom Payload Attributes lists '{duplicate.Key}' more than once.");
    }
}
