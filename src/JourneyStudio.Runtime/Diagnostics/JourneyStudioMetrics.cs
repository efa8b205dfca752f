using System.Diagnostics.Metrics;

namespace JourneyStudio.Runtime.Diagnostics;

/// <summary>
/// The studio's own instruments on the <see cref="MeterName"/> meter (System.Diagnostics.Metrics, so any listener
/// can read them: the host's OpenTelemetry exporter, dotnet-counters). Tags are bounded on purpose: journey names
/// come from saved journeys only, realms from the known realms, SNS codes from SNS; never a username or an id.
/// </summary>
public sealed class JourneyStudioMetrics
{
    public const string MeterName = "JourneyStudio";

    public const string JourneyTag = "journey";
    public const string RealmTag = "realm";
    public const string TransportTag = "transport";
    public const string ErrorCodeTag = "error_code";

    // Steps run in milliseconds to a few seconds (a password hash, an SNS call); the default buckets are for milliseconds.
    private static readonly IReadOnlyList<double> StepDurationBuckets =
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Counter<long> _signOnsStarted;
    private readonly Counter<long> _signOnsSucceeded;
    private readonly Counter<long> _signOnsFailed;
    private readonly Histogram<double> _stepDuration;
    private readonly Counter<long> _pushesSent;
    private readonly Counter<long> _pushesApproved;
    private readonly Counter<long> _pushesDenied;
    private readonly Counter<long> _pushesExpired;
    private readonly Counter<long> _pushNumberChallengeFailures;
    private readonly Counter<long> _snsErrors;
    private readonly Counter<long> _lockouts;
    private long _activeSignOns = -1;

    public JourneyStudioMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _signOnsStarted = meter.CreateCounter<long>("journeystudio.signons.started", "{sign-on}",
            "Sign-ons started (a journey's first step ran).");
        _signOnsSucceeded = meter.CreateCounter<long>("journeystudio.signons.succeeded", "{sign-on}",
            "Sign-ons that reached Success.");
        _signOnsFailed = meter.CreateCounter<long>("journeystudio.signons.failed", "{sign-on}",
            "Sign-ons that reached Failure or failed inside a node.");
        _stepDuration = meter.CreateHistogram("journeystudio.journey.step.duration", "s",
            "Server time of one authenticate request that ran the journey (start or submitted step), database included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = StepDurationBuckets });
        _pushesSent = meter.CreateCounter<long>("journeystudio.push.sent", "{push}",
            "Authentication pushes handed to a transport and accepted by it.");
        _pushesApproved = meter.CreateCounter<long>("journeystudio.push.approved", "{push}",
            "Pushes the device approved (with the right number, for the number challenge).");
        _pushesDenied = meter.CreateCounter<long>("journeystudio.push.denied", "{push}",
            "Pushes the device denied.");
        _pushesExpired = meter.CreateCounter<long>("journeystudio.push.expired", "{push}",
            "Pushes that got no answer in time.");
        _pushNumberChallengeFailures = meter.CreateCounter<long>("journeystudio.push.number_challenge_failed", "{push}",
            "Pushes approved with a wrong number, or without one, for the number challenge.");
        _snsErrors = meter.CreateCounter<long>("journeystudio.sns.errors", "{error}",
            "Amazon SNS requests that failed, by SNS error code (or Timeout, NetworkError).");
        _lockouts = meter.CreateCounter<long>("journeystudio.accounts.locked_out", "{lockout}",
            "Accounts locked by the brute-force protection.");
        meter.CreateObservableGauge("journeystudio.signons.active", ObserveActiveSignOns, "{sign-on}",
            "Sign-ons in progress and not timed out, in the whole database (all instances); counted when metrics are scraped.");
    }

    public void SignOnStarted(string journey, string realm) => _signOnsStarted.Add(1, JourneyAndRealm(journey, realm));

    public void SignOnSucceeded(string journey, string realm) => _signOnsSucceeded.Add(1, JourneyAndRealm(journey, realm));

    public void SignOnFailed(string journey, string realm) => _signOnsFailed.Add(1, JourneyAndRealm(journey, realm));

    public void StepCompleted(string journey, TimeSpan duration) =>
        _stepDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>(JourneyTag, journey));

    /// <param name="transport"><c>embedded</c> or <c>sns</c>.</param>
    public void PushSent(string realm, string transport) =>
        _pushesSent.Add(1, new KeyValuePair<string, object?>(RealmTag, realm), new KeyValuePair<string, object?>(TransportTag, transport));

    public void PushApproved(string realm) => _pushesApproved.Add(1, Realm(realm));

    public void PushDenied(string realm) => _pushesDenied.Add(1, Realm(realm));

    public void PushExpired(string realm) => _pushesExpired.Add(1, Realm(realm));

    public void PushNumberChallengeFailed(string realm) => _pushNumberChallengeFailures.Add(1, Realm(realm));

    /// <param name="errorCode">SNS's wire code (e.g. <c>EndpointDisabled</c>), <c>Timeout</c> or <c>NetworkError</c>.</param>
    public void SnsError(string errorCode) =>
        _snsErrors.Add(1, new KeyValuePair<string, object?>(ErrorCodeTag, BoundedCode(errorCode)));

    /// <summary>For the brute-force protection: call once each time an account becomes locked.</summary>
    public void AccountLockedOut() => _lockouts.Add(1);

    /// <summary>The latest count of active sign-ons (see <see cref="ActiveSignOnsGauge"/>); reported until replaced.</summary>
    public void SetActiveSignOns(long count) => Interlocked.Exchange(ref _activeSignOns, count);

    private IEnumerable<Measurement<long>> ObserveActiveSignOns()
    {
        // Nothing until the first count: a zero would claim a fact nobody measured.
        var count = Interlocked.Read(ref _activeSignOns);
        return count < 0 ? [] : [new Measurement<long>(count)];
    }

    private static KeyValuePair<string, object?>[] JourneyAndRealm(string journey, string realm) =>
        [new(JourneyTag, journey), new(RealmTag, realm)];

    private static KeyValuePair<string, object?> Realm(string realm) => new(RealmTag, realm);

    // An error code comes from the SNS endpoint's answer; a misbehaving endpoint must not mint unbounded label values.
    private static string BoundedCode(string code) =>
        code.Length is > 0 and <= 64 && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-') ? code : "Other";
}
