using System.Text.RegularExpressions;
using JourneyStudio.Runtime.Mfa;

namespace JourneyStudio.Runtime.Tests.Mfa;

public sealed class QrCodesTests
{
    [Fact]
    public void ModuleCount_UsesErrorCorrectionL()
    {
        // Version 1 (21 modules) holds 17 bytes at level L but only 14 at M; 18 bytes need version 2 (25).
        Assert.Equal(21, QrCodes.ModuleCount(new string('a', 17)));
        Assert.Equal(25, QrCodes.ModuleCount(new string('a', 18)));
    }

    [Fact]
    public void RenderSvg_IsAScalableSvgOfTheSymbolWithQuietZone()
    {
        var svg = QrCodes.RenderSvg(new string('a', 17));

        Assert.StartsWith("<svg", svg.TrimStart());
        Assert.EndsWith("</svg>", svg.TrimEnd());
        var viewBox = Regex.Match(svg, @"viewBox=.0 0 (\d+) (\d+)");
        Assert.True(viewBox.Success, svg[..Math.Min(200, svg.Length)]);
        Assert.Equal(21 + 8, int.Parse(viewBox.Groups[1].Value));
        Assert.DoesNotContain("width=\"29\" height=\"29\" fill=\"#000000\"", svg); // modules are drawn, not one black block
        Assert.Contains("fill=\"#000000\"", svg);
        Assert.Equal(viewBox.Groups[1].Value, viewBox.Groups[2].Value);
    }

    [Fact]
    public void RenderSvg_RegistrationUri_FitsAndDiffersPerUri()
    {
        var first = QrCodes.RenderSvg(RegistrationUrisTests.SdkPushUri);
        var second = QrCodes.RenderSvg(RegistrationUrisTests.SdkPushUri.Replace("Justin", "Justine"));

        Assert.NotEqual(first, second);
        Assert.InRange(QrCodes.ModuleCount(RegistrationUrisTests.SdkPushUri), 21, 177);
    }

    [Fact]
    public void RenderPngDataUri_IsAPng()
    {
        var uri = QrCodes.RenderPngDataUri("otpauth://totp/A:b?secret=GE");

        Assert.StartsWith("data:image/png;base64,", uri);
        var bytes = Convert.FromBase64String(uri["data:image/png;base64,".Length..]);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
    }

    [Fact]
    public void EmptyText_Throws()
    {
        Assert.Throws<ArgumentException>(() => QrCodes.RenderSvg(""));
        Assert.Throws<ArgumentOutOfRangeException>(() => QrCodes.RenderPngDataUri("x", 0));
    }
}
