using System.Text;
using JourneyStudio.Runtime.Mfa;

namespace JourneyStudio.Runtime.Tests.Mfa;

public sealed class Base64UrlTests
{
    // RFC 4648 section 10 vectors, translated to the URL alphabet.
    [Theory]
    [InlineData("", "", "")]
    [InlineData("f", "Zg", "Zg==")]
    [InlineData("fo", "Zm8", "Zm8=")]
    [InlineData("foo", "Zm9v", "Zm9v")]
    [InlineData("foob", "Zm9vYg", "Zm9vYg==")]
    [InlineData("fooba", "Zm9vYmE", "Zm9vYmE=")]
    [InlineData("foobar", "Zm9vYmFy", "Zm9vYmFy")]
    public void Encode_Rfc4648Vectors_WithAndWithoutPadding(string plain, string unpadded, string padded)
    {
        var bytes = Encoding.ASCII.GetBytes(plain);

        Assert.Equal(unpadded, Base64Url.Encode(bytes));
        Assert.Equal(padded, Base64Url.EncodeWithPadding(bytes));
        Assert.Equal(bytes, Base64Url.Decode(unpadded));
        Assert.Equal(bytes, Base64Url.Decode(padded));
    }

    [Fact]
    public void Encode_UsesUrlAlphabet()
    {
        byte[] bytes = [0xFB, 0xFF, 0xBF];

        Assert.Equal("-_-_", Base64Url.Encode(bytes));
        Assert.Equal(bytes, Base64Url.Decode("-_-_"));
    }

    [Fact]
    public void EncodeUtf8_DecodeUtf8_RoundTripAmCookieFromSdkSample()
    {
        Assert.Equal("YW1sYmNvb2tpZT0wMQ", Base64Url.EncodeUtf8("amlbcookie=01"));
        Assert.Equal("amlbcookie=01", Base64Url.DecodeUtf8("YW1sYmNvb2tpZT0wMQ"));
    }

    [Theory]
    [InlineData("Zm9v+", "invalid character '+' at position 4")]
    [InlineData("ab/c", "invalid character '/' at position 2")]
    [InlineData("Zm 9v", "invalid character ' ' at position 2")]
    [InlineData("Zm9vY", "impossible length")]
    [InlineData("Zm=9v", "padding '=' may only appear at the end")]
    [InlineData("Zm8==", "has 2 '=' but its length needs 1")]
    [InlineData("Zm9v=", "has 1 '=' but its length needs 0")]
    [InlineData("Zm9=", "unused trailing bits are not zero")]
    [InlineData("Zh", "unused trailing bits are not zero")]
    public void Decode_NonCanonicalText_ThrowsWithReason(string text, string reason)
    {
        var exception = Assert.Throws<FormatException>(() => Base64Url.Decode(text));

        Assert.Contains(reason, exception.Message);
    }

    [Fact]
    public void Decode_PaddingForbidden_RefusesPaddedText()
    {
        Assert.Equal([0x66], Base64Url.Decode("Zg", Base64Padding.Forbidden));
        var exception = Assert.Throws<FormatException>(() => Base64Url.Decode("Zg==", Base64Padding.Forbidden));
        Assert.Contains("must not be padded", exception.Message);
    }

    [Fact]
    public void Decode_PaddingRequired_RefusesUnpaddedText()
    {
        Assert.Equal([0x66], Base64Url.Decode("Zg==", Base64Padding.Required));
        var exception = Assert.Throws<FormatException>(() => Base64Url.Decode("Zg", Base64Padding.Required));
        Assert.Contains("must be padded with 2 '='", exception.Message);
    }

    [Fact]
    public void TryDecode_Null_FailsWithReason()
    {
        Assert.False(Base64Url.TryDecode(null, out _, out var error));
        Assert.Equal("base64url text is missing", error);
    }

    [Fact]
    public void TryDecodeUtf8_InvalidUtf8_Fails()
    {
        var text = Base64Url.Encode([0xC3, 0x28]);

        Assert.False(Base64Url.TryDecodeUtf8(text, out _, out var error));
        Assert.Contains("UTF-8", error);
    }

    [Fact]
    public void RoundTrip_AllByteValuesAndLengths()
    {
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        for (var length = 0; length <= 70; length++)
        {
            var slice = bytes.AsSpan(length, length).ToArray();
            Assert.Equal(slice, Base64Url.Decode(Base64Url.Encode(slice)));
            Assert.Equal(slice, Base64Url.Decode(Base64Url.EncodeWithPadding(slice), Base64Padding.Required));
        }
    }
}
