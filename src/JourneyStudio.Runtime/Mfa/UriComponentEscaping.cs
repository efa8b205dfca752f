using System.Text;

namespace JourneyStudio.Runtime.Mfa;

/// <summary>Percent-escaping for the parts of the registration URIs that are not base64url.</summary>
internal static class UriComponentEscaping
{
    // Guava's urlFragmentEscaper (what AM uses for issuer and account) keeps unreserved characters, the
    // sub-delimiters and ":@/?". We also escape ':', '/' and '?' in a label part: the app splits the label on
    // the first ':', and an unescaped '/' or '?' would end the path early.
    private const string LabelSafe = "-._~!$&'()*+,;=@";

    // Raw query values (image URL, colour, digits): everything that could end the value or be read as a
    // space ('+') is escaped; '=', ':', '/' and '?' stay so that a URL remains readable.
    private const string QueryValueSafe = "-._~!$'()*,;=:@/?";

    public static string EscapeLabelPart(string text) => Escape(text, LabelSafe);

    public static string EscapeQueryValue(string text) => Escape(text, QueryValueSafe);

    public static string Unescape(string text) => Uri.UnescapeDataString(text);

    private static string Escape(string text, string safe)
    {
        var builder = new StringBuilder(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || safe.Contains((char)rune.Value)))
            {
                builder.Append((char)rune.Value);
                continue;
            }

            var length = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..length])
            {
                builder.Append('%').Append(b.ToString("X2"));
            }
        }

        return builder.ToString();
    }
}
