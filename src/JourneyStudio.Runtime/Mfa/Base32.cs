using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace JourneyStudio.Runtime.Mfa;

/// <summary>
/// Base32 (RFC 4648 section 6), the encoding of OATH secrets in <c>otpauth</c>/<c>mfauth</c> URIs.
/// We write it without padding: AM pads with <c>=</c>, but several common authenticator apps reject a padded
/// secret, while every app we know accepts the unpadded form. Decoding accepts both, and either letter case,
/// because users type secrets by hand.
/// </summary>
public static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>Encodes to upper-case base32 without padding.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder((bytes.Length * 8 + 4) / 5);
        var buffer = 0;
        var bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                builder.Append(Alphabet[(buffer >> bits) & 31]);
            }

            buffer &= (1 << bits) - 1;
        }

        if (bits > 0)
        {
            builder.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return builder.ToString();
    }

    /// <summary>Decodes base32 text (either case; padding optional but exact when present).</summary>
    /// <exception cref="FormatException">The text is not valid base32; the message says why.</exception>
    public static byte[] Decode(string text) =>
        TryDecode(text, out var bytes, out var error) ? bytes : throw new FormatException(error);

    /// <summary>Decodes base32 text; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryDecode(string? text, [NotNullWhen(true)] out byte[]? bytes, [NotNullWhen(false)] out string? error)
    {
        bytes = null;
        if (text is null)
        {
            error = "base32 text is missing";
            return false;
        }

        var firstPad = text.IndexOf('=');
        var dataLength = firstPad < 0 ? text.Length : firstPad;
        for (var i = dataLength; i < text.Length; i++)
        {
            if (text[i] != '=')
            {
                error = $"base32 padding '=' may only appear at the end (position {firstPad})";
                return false;
            }
        }

        // 8 characters carry 5 bytes; a final group of 1, 3 or 6 characters cannot come from whole bytes.
        var expectedPad = (dataLength % 8) switch
        {
            0 => 0,
            2 => 6,
            4 => 4,
            5 => 3,
            7 => 1,
            _ => -1,
        };
        if (expectedPad < 0)
        {
            error = $"base32 text has an impossible length ({dataLength} without padding)";
            return false;
        }

        var padCount = text.Length - dataLength;
        if (padCount > 0 && padCount != expectedPad)
        {
            error = $"base32 text has {padCount} '=' but its length needs {expectedPad}";
            return false;
        }

        var output = new byte[dataLength * 5 / 8];
        var buffer = 0;
        var bits = 0;
        var written = 0;
        for (var i = 0; i < dataLength; i++)
        {
            var value = Alphabet.IndexOf(char.ToUpperInvariant(text[i]));
            if (value < 0 || text[i] > 'z')
            {
                error = $"base32 text has an invalid character '{text[i]}' at position {i}";
                return false;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output[written++] = (byte)(buffer >> bits);
                buffer &= (1 << bits) - 1;
            }
        }

        if (buffer != 0)
        {
            error = "base32 text is not canonical: its unused trailing bits are not zero";
            return false;
        }

        bytes = output;
        error = null;
        return true;
    }
}
