using System.Collections;
using Microsoft.Extensions.Logging;

namespace JourneyStudio.Runtime.Diagnostics;

/// <summary>
/// The logging scope of one sign-on: every log line written while it is open (engine, node processors, push
/// transports, SNS client, EF Core) carries <see cref="SignOnIdField"/> (the journey session id), and where known
/// <see cref="JourneyField"/>, <see cref="RealmField"/> and <see cref="PushMessageIdField"/>. Structured formatters
/// (JSON console, OpenTelemetry) get the fields; the simple console prints <see cref="ToString"/>.
/// </summary>
public sealed class SignOnLogScope : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string SignOnIdField = "SignOnId";
    public const string JourneyField = "Journey";
    public const string RealmField = "Realm";
    public const string PushMessageIdField = "PushMessageId";

    private readonly KeyValuePair<string, object?>[] _fields;

    private SignOnLogScope(KeyValuePair<string, object?>[] fields) => _fields = fields;

    /// <summary>Opens the scope of an authenticate step (start or continue) of sign-on <paramref name="signOnId"/>.</summary>
    public static IDisposable? BeginStep(ILogger logger, string signOnId, string? journey, string realm) =>
        logger.BeginScope(Create((SignOnIdField, signOnId), (JourneyField, journey), (RealmField, realm)));

    /// <summary>Opens the scope of a device request about push message <paramref name="messageId"/>, before the message is read.</summary>
    public static IDisposable? BeginPushMessage(ILogger logger, string messageId) =>
        logger.BeginScope(Create((PushMessageIdField, messageId)));

    /// <summary>Inside <see cref="BeginPushMessage"/>, once the message is read: the sign-on that sent it and its realm.</summary>
    public static IDisposable? BeginPushAnswer(ILogger logger, string? signOnId, string? realm) =>
        logger.BeginScope(Create((SignOnIdField, signOnId), (RealmField, realm)));

    private static SignOnLogScope Create(params (string Name, string? Value)[] fields) =>
        new(fields.Where(f => f.Value is not null).Select(f => new KeyValuePair<string, object?>(f.Name, f.Value)).ToArray());

    public int Count => _fields.Length;

    public KeyValuePair<string, object?> this[int index] => _fields[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_fields).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Join(' ', _fields.Select(f => $"{f.Key}:{f.Value}"));
}
