using QRCoder;

namespace JourneyStudio.Runtime.Mfa;

/// <summary>
/// Renders registration URIs as QR codes for the hosted pages, with error correction level L like AM's
/// QR callback: the URIs are long, and L keeps the symbol smallest and easiest to scan from a screen.
/// </summary>
public static class QrCodes
{
    /// <summary>
    /// An SVG document with a viewBox of one unit per module (quiet zone included) and no fixed size, so the
    /// page sizes it with CSS (e.g. <c>width: 16rem</c>) and it stays sharp at any scale.
    /// </summary>
    /// <exception cref="ArgumentException">The text is empty.</exception>
    public static string RenderSvg(string text)
    {
        using var data = Encode(text);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(1, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
    }

    /// <summary>A <c>data:image/png;base64,…</c> URI, for an <c>img</c> element.</summary>
    /// <exception cref="ArgumentException">The text is empty.</exception>
    public static string RenderPngDataUri(string text, int pixelsPerModule = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelsPerModule, 1);
        using var data = Encode(text);
        using var png = new PngByteQRCode(data);
        return "data:image/png;base64," + Convert.ToBase64String(png.GetGraphic(pixelsPerModule));
    }

    /// <summary>The module count per side (without quiet zone) the text needs at level L; for checks and sizing.</summary>
    public static int ModuleCount(string text)
    {
        using var data = Encode(text);
        return data.ModuleMatrix.Count - 8; // QRCoder includes a 4-module quiet zone on each side.
    }

    private static QRCodeData Encode(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        return QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.L);
    }
}
