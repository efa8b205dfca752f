using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace JourneyStudio.Runtime.Mfa;

/// <summary>Which exchange a push message id belongs to.</summary>
public enum PushMessageKind
{
    /// <summary>Device registration (<c>REGISTER:</c>).</summary>
    Register,

    /// <summary>An authentication push (<c>AUTHENTICATE:</c>).</summary>
    Authenticate,
}

/// <summary>
/// A push message id, <c>{KIND}:{uuid}{epochMillis}</c> as AM writes it (am-protocol 4.2, 4.5): the device
/// echoes it back, and it keys the message store.
/// </summary>
/// <param name="Kind">Register or authenticate.</param>
/// <param name="Id">The random UUID.</param>
/// <param name="CreatedAtEpochMillis">When the id was made, in Unix milliseconds.</param>
public sealed record PushMessageId(PushMessageKind Kind, Guid Id, long CreatedAtEpochMillis)
{
    private const string RegisterPrefix = "REGISTER";
    private const string AuthenticatePrefix = "AUTHENTICATE";
    private const int UuidLength = 36;

    /// <summary>The wire form, e.g. <c>REGISTER:53b85112-8ba9-4b7e-9107-ecbca2d65f7b1695151603616</c>.</summary>
    public override string ToString() =>
        $"{(Kind == PushMessageKind.Register ? RegisterPrefix : AuthenticatePrefix)}:{Id:D}{CreatedAtEpochMillis.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Parses the wire form.</summary>
    /// <exception cref="FormatException">The text is not a push message id; the message says why.</exception>
    public static PushMessageId Parse(string text) =>
        TryParse(text, out var id, out var error) ? id : throw new FormatException(error);

    /// <summary>Parses the wire form; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(
        string? text,
        [NotNullWhen(true)] out PushMessageId? messageId,
        [NotNullWhen(false)] out string? error)
    {
        messageId = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "the push message id is empty";
            return false;
        }

        var colon = text.IndexOf(':');
        if (colon < 0)
        {
            error = "a push message id starts with REGISTER: or AUTHENTICATE:";
            return false;
        }

        PushMessageKind kind;
        switch (text[..colon])
        {
            case RegisterPrefix:
                kind = PushMessageKind.Register;
                break;
            case AuthenticatePrefix:
                kind = PushMessageKind.Authenticate;
                break;
            default:
                error = $"unknown push message type '{text[..colon]}' (expected REGISTER or AUTHENTICATE)";
                return false;
        }

        var rest = text[(colon + 1)..];
        if (rest.Length <= UuidLength)
        {
            error = "a push message id has a UUID followed by a millisecond timestamp after the type";
            return false;
        }

        if (!Guid.TryParseExact(rest[..UuidLength], "D", out var uuid))
        {
            error = $"'{rest[..UuidLength]}' is not a UUID";
            return false;
        }

        var millisText = rest[UuidLength..];
        if (!millisText.All(char.IsAsciiDigit)
            || !long.TryParse(millisText, NumberStyles.None, CultureInfo.InvariantCulture, out var millis))
        {
            error = $"'{millisText}' is not a millisecond timestamp";
            return false;
        }

        messageId = new PushMessageId(kind, uuid, millis);
        error = null;
        return true;
    }
}

/// <summary>Factory for new push message ids.</summary>
public static class PushMessageIds
{
    /// <summary>A new <c>REGISTER:{uuid}{epochMillis}</c> id.</summary>
    public static PushMessageId NewRegister(DateTimeOffset now) =>
        new(PushMessageKind.Register, Guid.NewGuid(), now.ToUnixTimeMilliseconds());

    /// <summary>A new <c>AUTHENTICATE:{uuid}{epochMillis}</c> id.</summary>
    public static PushMessageId NewAuthenticate(DateTimeOffset now) =>
        new(PushMessageKind.Authenticate, Guid.NewGuid(), now.ToUnixTimeMilliseconds());
}
