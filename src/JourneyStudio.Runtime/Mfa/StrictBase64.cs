using System.Diagnostics.CodeAnalysis;

namespace JourneyStudio.Runtime.Mfa;

/// <summary>
/// One strict decoder for both base64 alphabets. Strict means: no whitespace, no characters of the other
/// alphabet, padding only at the end and only as much as the length needs, and unused trailing bits zero.
/// A lenient decoder would let several encodings stand for one secret or challenge, which makes equality
/// checks on the text form unreliable and hides corrupted data.
/// </summary>
internal static class StrictBase64
{
    private const string StandardAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private const string UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    public static bool TryDecode(
        string? text,
        bool urlSafe,
        Base64Padding padding,
        [NotNullWhen(true)] out byte[]? bytes,
        [NotNullWhen(false)] out string? error)
    {
        bytes = null;
        var name = urlSafe ? "base64url" : "base64";
        if (text is null)
        {
            error = $"{name} text is missing";
            return false;
        }

        var alphabet = urlSafe ? UrlAlphabet : StandardAlphabet;
        var firstPad = text.IndexOf('=');
        var dataLength = firstPad < 0 ? text.Length : firstPad;
        var padCount = text.Length - dataLength;

        for (var i = dataLength; i < text.Length; i++)
        {
            if (text[i] != '=')
            {
                error = $"{name} padding '=' may only appear at the end (position {firstPad})";
                return false;
            }
        }

        for (var i = 0; i < dataLength; i++)
        {
            if (alphabet.IndexOf(text[i]) < 0)
            {
                error = $"{name} text has an invalid character {Describe(text[i])} at position {i}";
                return false;
            }
        }

        var remainder = dataLength % 4;
        if (remainder == 1)
        {
            error = $"{name} text has an impossible length ({dataLength} without padding)";
            return false;
        }

        var expectedPad = remainder == 0 ? 0 : 4 - remainder;
        if (padCount > 0 && padding == Base64Padding.Forbidden)
        {
            error = $"{name} text must not be padded with '='";
            return false;
        }

        if (padCount == 0 && expectedPad > 0 && padding == Base64Padding.Required)
        {
            error = $"{name} text must be padded with {expectedPad} '='";
            return false;
        }

        if (padCount > 0 && padCount != expectedPad)
        {
            error = $"{name} text has {padCount} '=' but its length needs {expectedPad}";
            return false;
        }

        var output = new byte[dataLength * 3 / 4];
        var buffer = 0;
        var bits = 0;
        var written = 0;
        for (var i = 0; i < dataLength; i++)
        {
            buffer = (buffer << 6) | alphabet.IndexOf(text[i]);
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                output[written++] = (byte)(buffer >> bits);
                buffer &= (1 << bits) - 1;
            }
        }

        if (buffer != 0)
        {
            error = $"{name} text is not canonical: its unused trailing bits are not zero";
            return false;
        }

        bytes = output;
        error = null;
        return true;
    }

    public static string Encode(ReadOnlySpan<byte> bytes, bool urlSafe, bool pad)
    {
        var text = Convert.ToBase64String(bytes);
        if (urlSafe)
        {
            text = text.Replace('+', '-').Replace('/', '_');
        }

        return pad ? text : text.TrimEnd('=');
    }

    private static string Describe(char c) =>
        c is >= ' ' and <= '~' ? $"'{c}'" : $"U+{(int)c:X4}";
}
