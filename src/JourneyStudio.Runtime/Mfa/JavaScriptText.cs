using System.Globalization;
using System.Text;

namespace JourneyStudio.Runtime.Mfa;

/// <summary>Escaping of text placed inside JavaScript string literals of the callback scripts.</summary>
public static class JavaScriptText
{
    /// <summary>
    /// Escapes every character except ASCII letters, digits, ',', '.' and '_' as <c>\xHH</c> (or <c>\uHHHH</c>
    /// above U+00FF): the encoding AM applies to the QR code text. The result is safe in a single- or
    /// double-quoted literal and inside an HTML script block.
    /// </summary>
    public static string HexEscape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length * 2);
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is ',' or '.' or '_')
            {
                builder.Append(c);
            }
            else if (c <= '\u00FF')
            {
                builder.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Escapes text for a double-quoted JavaScript literal, keeping it readable (and HTML inside it intact, as
    /// AM's scripts have it): backslash, double quote, line breaks and other control characters are escaped.
    /// Clients run these scripts as code; the result is not meant to be pasted into an HTML script element.
    /// </summary>
    public static string EscapeStringContent(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\': builder.Append("\\\\"); break;
                case '"': builder.Append("\\\""); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\u2028': builder.Append("\\u2028"); break;
                case '\u2029': builder.Append("\\u2029"); break;
                case < ' ' or '\u007F':
                    builder.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                    break;
                default: builder.Append(c); break;
            }
        }

        return builder.ToString();
    }
}
