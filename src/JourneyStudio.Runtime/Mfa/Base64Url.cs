using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace JourneyStudio.Runtime.Mfa;

/// <summary>
/// Base64url (RFC 4648 section 5), the encoding of JWS segments and of most values in the registration URIs.
/// Decoding is strict: see <see cref="Base64Padding"/> for the padding choice; everything else that is not
/// the canonical encoding is refused with a message that says what is wrong.
/// </summary>
public static class Base64Url
{
    /// <summary>Encodes without padding, as AM and compact JWS do.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes) => StrictBase64.Encode(bytes, urlSafe: true, pad: false);

    /// <summary>Encodes with <c>=</c> padding to a multiple of four characters.</summary>
    public static string EncodeWithPadding(ReadOnlySpan<byte> bytes) => StrictBase64.Encode(bytes, urlSafe: true, pad: true);

    /// <summary>Encodes the UTF-8 bytes of <paramref name="text"/> without padding.</summary>
    public static string EncodeUtf8(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Encode(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Decodes base64url text.</summary>
    /// <exception cref="FormatException">The text is not canonical base64url; the message says why.</exception>
    public static byte[] Decode(string text, Base64Padding padding = Base64Padding.Optional) =>
        TryDecode(text, out var bytes, out var error, padding) ? bytes : throw new FormatException(error);

    /// <summary>Decodes base64url text and reads the bytes as UTF-8.</summary>
    /// <exception cref="FormatException">The text is not canonical base64url or not valid UTF-8.</exception>
    public static string DecodeUtf8(string text, Base64Padding padding = Base64Padding.Optional) =>
        TryDecodeUtf8(text, out var value, out var error, padding) ? value : throw new FormatException(error);

    /// <summary>Decodes base64url text; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryDecode(
        string? text,
        [NotNullWhen(true)] out byte[]? bytes,
        [NotNullWhen(false)] out string? error,
        Base64Padding padding = Base64Padding.Optional) =>
        StrictBase64.TryDecode(text, urlSafe: true, padding, out bytes, out error);

    /// <summary>Decodes base64url text to a UTF-8 string; invalid UTF-8 is an error, not replacement characters.</summary>
    public static bool TryDecodeUtf8(
        string? text,
        [NotNullWhen(true)] out string? value,
        [NotNullWhen(false)] out string? error,
        Base64Padding padding = Base64Padding.Optional)
    {
        value = null;
        if (!TryDecode(text, out var bytes, out error, padding))
        {
            return false;
        }

        try
        {
            value = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            error = "base64url text does not decode to valid UTF-8";
            return false;
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
