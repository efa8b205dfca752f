using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace JourneyStudio.Runtime.Tests.Mfa;

/// <summary>
/// The ForgeRock JS SDK's scraping rules, ported to .NET regular expressions with ECMAScript semantics, so
/// the tests check our scripts the way the SDK reads them (fr-recovery-codes/script-parser.ts, index.ts).
/// </summary>
internal static class SdkScraper
{
    private const RegexOptions Js = RegexOptions.ECMAScript;

    /// <summary>FRRecoveryCodes.isDisplayStep: the message mentions recovery codes.</summary>
    public static bool IsRecoveryCodeStep(string message) =>
        message.Contains("Recovery Codes", StringComparison.Ordinal) || message.Contains("recovery codes", StringComparison.Ordinal);

    /// <summary>parseDisplayRecoveryCodesText: <c>/\s[\w\W]"([\w]*)\\/g</c>, then <c>/"([\w]*)\\/</c> on each hit.</summary>
    public static IReadOnlyList<string> RecoveryCodes(string script) =>
        Regex.Matches(script, @"\s[\w\W]""([\w]*)\\", Js)
            .Select(match => Regex.Match(match.Value, @"""([\w]*)\\", Js) is { Success: true } inner ? inner.Groups[1].Value : "")
            .ToArray();

    /// <summary>parseDeviceNameText: the first <c>/&lt;em\s*.*&gt;\s*.*&lt;\/em&gt;/</c> hit without its tags.</summary>
    public static string DeviceName(string script)
    {
        var match = Regex.Match(script, @"<em\s*.*>\s*.*<\/em>", Js);
        return match.Success ? ReplaceFirst(ReplaceFirst(match.Value, "<em>"), "</em>") : "New Security Key";
    }

    /// <summary>Reads the <c>text: '…'</c> argument of a QR script and undoes the JavaScript escapes.</summary>
    public static string QrText(string script)
    {
        var literal = Regex.Match(script, @"text: '([^']*)'").Groups[1].Value;
        var builder = new StringBuilder();
        for (var i = 0; i < literal.Length; i++)
        {
            if (literal[i] != '\\')
            {
                builder.Append(literal[i]);
                continue;
            }

            var width = literal[i + 1] == 'x' ? 2 : 4;
            builder.Append((char)int.Parse(literal.AsSpan(i + 2, width), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            i += 1 + width;
        }

        return builder.ToString();
    }

    private static string ReplaceFirst(string text, string remove)
    {
        var index = text.IndexOf(remove, StringComparison.Ordinal);
        return index < 0 ? text : text.Remove(index, remove.Length);
    }
}
