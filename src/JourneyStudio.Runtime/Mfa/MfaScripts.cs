using System.Net;
using System.Text;

namespace JourneyStudio.Runtime.Mfa;

/// <summary>The wording of the Recovery Code Display script; the defaults are AM's English texts.</summary>
public sealed record RecoveryCodeDisplayText
{
    /// <summary>The heading. Keep "Recovery Codes" in it: the JS SDK finds the step by that phrase.</summary>
    public string Title { get; init; } = "Your Recovery Codes";

    /// <summary>The sentence before the device name.</summary>
    public string Introduction { get; init; } = "Use one of these codes to authenticate if you lose your device, which has been named:";

    /// <summary>The warning under the heading.</summary>
    public string Description { get; init; } = "You must make a copy of these recovery codes. They cannot be displayed again.";
}

/// <summary>The store links of the Get Authenticator App script; the defaults are AM 7's ForgeRock Authenticator.</summary>
public sealed record AuthenticatorAppLinks
{
    /// <summary>
    /// The message, admin-authored HTML with the placeholders <c>{{appleLink}}</c> and <c>{{googleLink}}</c>
    /// (replaced by whole links), or, when it uses <c>{{appleLabel}}</c>/<c>{{googleLabel}}</c>, its own
    /// anchors with the link placeholders inside <c>href</c>.
    /// </summary>
    public string Message { get; init; } = "Get the app from the {{appleLink}} or on {{googleLink}}";

    /// <summary>The Apple App Store URL (http or https).</summary>
    public string AppleLink { get; init; } = "https://itunes.apple.com/app/forgerock-authenticator/id1038442926";

    /// <summary>The Google Play URL (http or https).</summary>
    public string GoogleLink { get; init; } = "https://play.google.com/store/apps/details?id=com.forgerock.authenticator";

    /// <summary>The text of the Apple link.</summary>
    public string AppleLabel { get; init; } = "Apple App Store";

    /// <summary>The text of the Google link.</summary>
    public string GoogleLabel { get; init; } = "Google Play Store";
}

/// <summary>
/// The script texts AM sends in type-4 TextOutputCallbacks (am-protocol 1.6), in the shapes clients parse:
/// the ForgeRock JS SDK reads the recovery codes and the device name out of the Recovery Code Display script
/// with regular expressions, so that script keeps AM's line layout exactly.
/// </summary>
public static class MfaScripts
{
    /// <summary>The element id AM's QR callback builder uses (callback index 0).</summary>
    public const string DefaultQrElementId = "callback_0";

    /// <summary>
    /// <c>window.QRCodeReader.createCode({ id: 'callback_0', text: '&lt;uri&gt;', version: '20', code: 'L' });</c>
    /// with AM's line breaks and the URI hex-escaped as AM does.
    /// </summary>
    public static string QrCodeScript(string registrationUri, string elementId = DefaultQrElementId)
    {
        ArgumentException.ThrowIfNullOrEmpty(registrationUri);
        ArgumentException.ThrowIfNullOrEmpty(elementId);
        return "window.QRCodeReader.createCode({\n"
               + $"    id: '{JavaScriptText.HexEscape(elementId)}',\n"
               + $"    text: '{JavaScriptText.HexEscape(registrationUri)}',\n"
               + "    version: '20',\n"
               + "    code: 'L'\n"
               + "});";
    }

    /// <summary>
    /// The Recovery Code Display script: it replaces the page's <c>#wrapper fieldset</c> content with the
    /// title, description, one <c>&lt;div class="text-center"&gt;</c> per code (each code alone on its script
    /// line as <c>"CODE\n" +</c>) and the device name in <c>&lt;em&gt;</c>. Texts and the device name are
    /// HTML-escaped, so a device name cannot inject markup.
    /// </summary>
    /// <exception cref="ArgumentException">No codes, or a code that is not letters and digits only.</exception>
    public static string RecoveryCodeDisplayScript(
        IReadOnlyList<string> codes, string deviceName, RecoveryCodeDisplayText? text = null)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(deviceName);
        text ??= new RecoveryCodeDisplayText();
        if (codes.Count == 0)
        {
            throw new ArgumentException("There must be at least one recovery code to display.", nameof(codes));
        }

        foreach (var code in codes)
        {
            // The SDK's pattern only sees word characters; anything else would also need escaping here.
            if (string.IsNullOrEmpty(code) || !code.All(char.IsAsciiLetterOrDigit))
            {
                throw new ArgumentException($"Recovery code '{code}' must consist of ASCII letters and digits.", nameof(codes));
            }
        }

        var script = new StringBuilder()
            .Append("var newLocation = document.getElementById(\"wrapper\");\n")
            .Append("var oldHtml = newLocation.getElementsByTagName(\"fieldset\")[0].innerHTML;\n")
            .Append("newLocation.getElementsByTagName(\"fieldset\")[0].innerHTML = \"<div class=\\\"panel panel-default\\\">\\n\" +\n");
        AppendLine(script, "    <div class=\\\"panel-body text-center\\\">");
        AppendLine(script, $"        <h3>{Html(text.Title)}</h3>");
        AppendLine(script, $"        <h4>{Html(text.Description)}</h4>");
        AppendLine(script, "    </div>");
        foreach (var code in codes)
        {
            AppendLine(script, "<div class=\\\"text-center\\\">");
            AppendLine(script, code);
            AppendLine(script, "</div>");
        }

        AppendLine(script, "<div class=\\\"panel-body text-center\\\">");
        AppendLine(script, $"        <p>{Html(text.Introduction)} <em>{Html(deviceName)}</em></p>");
        AppendLine(script, "</div>");
        script.Append("    \"</div>\" + oldHtml;\n")
            .Append("document.body.appendChild(newLocation);\n");
        return script.ToString();
    }

    /// <summary>
    /// The Get Authenticator App script: <c>document.getElementById("callback_0").innerHTML="&lt;center&gt;…&lt;/center&gt;"</c>
    /// with <c>&lt;a target='_blank' href='…'&gt;</c> store links. Links are attribute-escaped and must be
    /// http(s) (a <c>javascript:</c> link would run in the sign-on page); labels are HTML-escaped; the
    /// message itself is admin-authored HTML and kept as is.
    /// </summary>
    /// <exception cref="ArgumentException">A link is not an absolute http(s) URL.</exception>
    public static string GetAuthenticatorAppScript(AuthenticatorAppLinks? links = null, string elementId = DefaultQrElementId)
    {
        links ??= new AuthenticatorAppLinks();
        ArgumentException.ThrowIfNullOrEmpty(elementId);
        var apple = HttpUrlAttribute(links.AppleLink, nameof(links.AppleLink));
        var google = HttpUrlAttribute(links.GoogleLink, nameof(links.GoogleLink));
        var message = links.Message ?? "";

        if (message.Contains("{{appleLabel}}", StringComparison.Ordinal) || message.Contains("{{googleLabel}}", StringComparison.Ordinal))
        {
            message = message
                .Replace("{{appleLabel}}", Html(links.AppleLabel), StringComparison.Ordinal)
                .Replace("{{googleLabel}}", Html(links.GoogleLabel), StringComparison.Ordinal)
                .Replace("{{appleLink}}", apple, StringComparison.Ordinal)
                .Replace("{{googleLink}}", google, StringComparison.Ordinal);
        }
        else
        {
            message = message
                .Replace("{{appleLink}}", $"<a target='_blank' href='{apple}'>{Html(links.AppleLabel)}</a>", StringComparison.Ordinal)
                .Replace("{{googleLink}}", $"<a target='_blank' href='{google}'>{Html(links.GoogleLabel)}</a>", StringComparison.Ordinal);
        }

        return $"document.getElementById(\"{JavaScriptText.EscapeStringContent(elementId)}\").innerHTML=\""
               + JavaScriptText.EscapeStringContent($"<center>{message}</center>") + "\"";
    }

    private static void AppendLine(StringBuilder script, string jsStringContent) =>
        script.Append("    \"").Append(jsStringContent).Append("\\n\" +\n");

    // HTML-escape first, then make the result safe inside a double-quoted JavaScript literal.
    private static string Html(string text) => JavaScriptText.EscapeStringContent(WebUtility.HtmlEncode(text ?? ""));

    private static string HttpUrlAttribute(string? url, string name)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"{name} must be an absolute http(s) URL, not '{url}'.", name);
        }

        return WebUtility.HtmlEncode(url);
    }
}
