using System.Net;
using JourneyStudio.Runtime.Mfa;

namespace JourneyStudio.Runtime.Tests.Mfa;

public sealed class MfaScriptsTests
{
    private static readonly string[] SdkCodes =
        ["iZmEtxvQ00", "Eqw3GFVamY", "nNPqIEtIpS", "vGhNQpDjP8", "ItA4W3iBaA", "JmLQP6XyIo", "G2e6foNKke", "h2SqAqvT21", "q6VX1ojNbI", "IZKIQXAfY2"];

    [Fact]
    public void QrCodeScript_HasAmShape()
    {
        var script = MfaScripts.QrCodeScript("otpauth://totp/A:b?secret=GE");

        Assert.Equal(
            "window.QRCodeReader.createCode({\n"
            + "    id: 'callback_0',\n"
            + "    text: 'otpauth\\x3A\\x2F\\x2Ftotp\\x2FA\\x3Ab\\x3Fsecret\\x3DGE',\n"
            + "    version: '20',\n"
            + "    code: 'L'\n"
            + "});",
            script);
    }

    [Fact]
    public void QrCodeScript_EscapesLikeTheSdkSample()
    {
        // Fragments of the escaped text in the SDK's AM sample: '%', '-' and ':' escaped, '_' kept.
        var script = MfaScripts.QrCodeScript(RegistrationUrisTests.SdkPushUri);

        Assert.Contains("Justin\\x2520Lowery", script);
        Assert.Contains("m\\x3DREGISTER\\x3A53b85112\\x2D8ba9\\x2D4b7e\\x2D9107\\x2Decbca2d65f7b1695151603616", script);
        Assert.Contains("s\\x3DFoxEr5uAzrys1yBmuygPbxrVjysElmzsmqifi6eO_AI\\x26c\\x3DXD\\x2DMxsK2sRGa7sUw7kinSKoUDf_eNYMZUV2f0z5kjgw", script);
    }

    [Theory]
    [InlineData(RegistrationUrisTests.SdkPushUri)]
    [InlineData("otpauth://totp/Zo%C3%AB:a'b\"c\\d?secret=GE&image=https://x/ü€😀")]
    public void QrCodeScript_TextDecodesBackToTheUri(string uri)
    {
        var script = MfaScripts.QrCodeScript(uri);

        Assert.Equal(uri, SdkScraper.QrText(script));
        Assert.DoesNotContain("'b", script); // a quote in the URI cannot end the literal
    }

    [Fact]
    public void QrCodeScript_OtherElementId()
    {
        Assert.Contains("    id: 'callback_2',\n", MfaScripts.QrCodeScript("pushauth://push/a:b?m=1", "callback_2"));
    }

    [Fact]
    public void RecoveryCodeDisplayScript_SdkRegexFindsExactlyTheTenCodes()
    {
        var codes = RecoveryCodes.Generate();

        var script = MfaScripts.RecoveryCodeDisplayScript(codes, "Push Device");

        Assert.True(SdkScraper.IsRecoveryCodeStep(script));
        Assert.Equal(codes, SdkScraper.RecoveryCodes(script));
        Assert.Equal("Push Device", SdkScraper.DeviceName(script));
    }

    [Fact]
    public void RecoveryCodeDisplayScript_HasAmLineLayout()
    {
        var lines = MfaScripts.RecoveryCodeDisplayScript(SdkCodes, "New Security Key").Split('\n');

        Assert.Equal("var newLocation = document.getElementById(\"wrapper\");", lines[0]);
        Assert.Equal("newLocation.getElementsByTagName(\"fieldset\")[0].innerHTML = \"<div class=\\\"panel panel-default\\\">\\n\" +", lines[2]);
        Assert.Equal("    \"        <h3>Your Recovery Codes</h3>\\n\" +", lines[4]);
        Assert.Equal("    \"        <h4>You must make a copy of these recovery codes. They cannot be displayed again.</h4>\\n\" +", lines[5]);
        Assert.Equal("    \"<div class=\\\"text-center\\\">\\n\" +", lines[7]);
        Assert.Equal("    \"iZmEtxvQ00\\n\" +", lines[8]);
        Assert.Equal("    \"</div>\\n\" +", lines[9]);
        Assert.Contains(
            "    \"        <p>Use one of these codes to authenticate if you lose your device, which has been named: <em>New Security Key</em></p>\\n\" +",
            lines);
        Assert.Contains("    \"</div>\" + oldHtml;", lines);
        Assert.Contains("document.body.appendChild(newLocation);", lines);
    }

    [Fact]
    public void SdkScraperPort_ReadsTheSdkSampleText()
    {
        // A slice of the SDK's own sample response (lines indented by four spaces), to show that the port of its
        // regular expressions reads it as the SDK does.
        const string sample = "innerHTML = \"<div class=\\\"panel panel-default\\\">\\n\" +\n"
                              + "    \"        <h3>Your Recovery Codes</h3>\\n\" +\n"
                              + "    \"<div class=\\\"text-center\\\">\\n\" +\n"
                              + "    \"kw50qtmm32\\n\" +\n"
                              + "    \"</div>\\n\" +\n"
                              + "    \"<div class=\\\"text-center\\\">\\n\" +\n"
                              + "    \"Rt2Td8AK2s\\n\" +\n"
                              + "    \"</div>\\n\" +\n"
                              + "    \"        <p>Use one of these codes to authenticate if you lose your device, which has been named: <em>My Custom Device Name</em></p>\\n\" +\n";

        Assert.Equal(["kw50qtmm32", "Rt2Td8AK2s"], SdkScraper.RecoveryCodes(sample));
        Assert.Equal("My Custom Device Name", SdkScraper.DeviceName(sample));
    }

    [Theory]
    [InlineData("Bob's <iPhone> & \"work\"")]
    [InlineData("\"ABCDEFGHIJ\\n\" + ")]
    [InlineData("line\nbreak\\ and </em><em>x")]
    public void RecoveryCodeDisplayScript_HostileDeviceName_IsEscapedAndCannotAddCodes(string deviceName)
    {
        var script = MfaScripts.RecoveryCodeDisplayScript(SdkCodes, deviceName);

        Assert.Equal(SdkCodes, SdkScraper.RecoveryCodes(script));
        Assert.Equal(deviceName, WebUtility.HtmlDecode(JsUnescape(SdkScraper.DeviceName(script))));
        Assert.DoesNotContain("<iPhone>", script);
        Assert.Equal(3 * SdkCodes.Length + 13, script.Split('\n').Length); // the name added no script lines
    }

    [Fact]
    public void RecoveryCodeDisplayScript_CustomTexts_AreHtmlEscaped()
    {
        var text = new RecoveryCodeDisplayText
        {
            Title = "Vos Recovery Codes <b>",
            Introduction = "Appareil :",
            Description = "Copiez-les & gardez-les.",
        };

        var script = MfaScripts.RecoveryCodeDisplayScript(SdkCodes, "Téléphone", text);

        Assert.Contains("<h3>Vos Recovery Codes &lt;b&gt;</h3>", script);
        Assert.Contains("<h4>Copiez-les &amp; gardez-les.</h4>", script);
        Assert.Contains("<p>Appareil : <em>T&#233;l&#233;phone</em></p>", script);
        Assert.Equal(SdkCodes, SdkScraper.RecoveryCodes(script));
    }

    [Theory]
    [InlineData(new string[0], "at least one recovery code")]
    [InlineData(new[] { "abc-def" }, "ASCII letters and digits")]
    [InlineData(new[] { "abc\"def" }, "ASCII letters and digits")]
    [InlineData(new[] { "" }, "ASCII letters and digits")]
    public void RecoveryCodeDisplayScript_BadCodes_Throw(string[] codes, string reason)
    {
        var exception = Assert.Throws<ArgumentException>(() => MfaScripts.RecoveryCodeDisplayScript(codes, "Device"));

        Assert.Contains(reason, exception.Message);
    }

    [Fact]
    public void GetAuthenticatorAppScript_Defaults_HaveAmShape()
    {
        Assert.Equal(
            "document.getElementById(\"callback_0\").innerHTML=\"<center>Get the app from the "
            + "<a target='_blank' href='https://itunes.apple.com/app/forgerock-authenticator/id1038442926'>Apple App Store</a> or on "
            + "<a target='_blank' href='https://play.google.com/store/apps/details?id=com.forgerock.authenticator'>Google Play Store</a>"
            + "</center>\"",
            MfaScripts.GetAuthenticatorAppScript());
    }

    [Fact]
    public void GetAuthenticatorAppScript_LabelPlaceholders_LetTheMessageOwnTheAnchors()
    {
        var script = MfaScripts.GetAuthenticatorAppScript(new AuthenticatorAppLinks
        {
            Message = "Apple: <a target='_blank' href='{{appleLink}}'>{{appleLabel}}</a><br>Google: <a href='{{googleLink}}'>{{googleLabel}}</a>",
            AppleLink = "https://apps.example.com/a?x=1&y=2",
            AppleLabel = "App <Store>",
        });

        Assert.Contains("Apple: <a target='_blank' href='https://apps.example.com/a?x=1&amp;y=2'>App &lt;Store&gt;</a><br>", script);
        Assert.Contains("Google: <a href='https://play.google.com/store/apps/details?id=com.forgerock.authenticator'>Google Play Store</a>", script);
    }

    [Fact]
    public void GetAuthenticatorAppScript_QuotesInLinksAndMessage_CannotBreakOut()
    {
        var script = MfaScripts.GetAuthenticatorAppScript(new AuthenticatorAppLinks
        {
            Message = "Say \"hi\"\nthen {{appleLink}}",
            AppleLink = "https://example.com/'onmouseover='alert(1)",
        });

        Assert.Contains("href='https://example.com/&#39;onmouseover=&#39;alert(1)'", script);
        Assert.Contains("Say \\\"hi\\\"\\nthen", script);
        Assert.EndsWith("</center>\"", script);
        Assert.Equal(4, script.Replace("\\\"", "").Count(c => c == '"')); // only the delimiters of the two literals
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,hi")]
    [InlineData("/relative/path")]
    [InlineData("")]
    public void GetAuthenticatorAppScript_NonHttpLink_Throws(string link)
    {
        var exception = Assert.Throws<ArgumentException>(() =>
            MfaScripts.GetAuthenticatorAppScript(new AuthenticatorAppLinks { GoogleLink = link }));

        Assert.Contains("GoogleLink must be an absolute http(s) URL", exception.Message);
    }

    [Theory]
    [InlineData("a\\b", "a\\\\b")]
    [InlineData("\r\n\t\u0001\u2028", "\\r\\n\\t\\x01\\u2028")]
    [InlineData("it's <b>", "it's <b>")]
    public void EscapeStringContent_EscapesOnlyWhatADoubleQuotedLiteralNeeds(string text, string expected)
    {
        Assert.Equal(expected, JavaScriptText.EscapeStringContent(text));
    }

    // Undoes the two escapes a device name can need inside the script literal: \\ and \n.
    private static string JsUnescape(string text)
    {
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                builder.Append(text[++i] == 'n' ? '\n' : text[i]);
            }
            else
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }
}
