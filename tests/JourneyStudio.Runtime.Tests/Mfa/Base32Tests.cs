using System.Text;
using JourneyStudio.Runtime.Mfa;

namespace JourneyStudio.Runtime.Tests.Mfa;

public sealed class Base32Tests
{
    // RFC 4648 section 10 vectors; we write them without the '=' padding.
    [Theory]
    [InlineData("", "")]
    [InlineData("f", "MY")]
    [InlineData("fo", "MZXQ")]
    [InlineData("foo", "MZXW6")]
    [InlineData("foob", "MZXW6YQ")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI")]
    public void Encode_Rfc4648Vectors_WithoutPadding(string plain, string expected)
    {
        Assert.Equal(expected, Base32.Encode(Encoding.ASCII.GetBytes(plain)));
    }

    [Theory]
    [InlineData("MY======", "f")]
    [InlineData("MZXQ====", "fo")]
    [InlineData("MZXW6===", "foo")]
    [InlineData("MZXW6YQ=", "foob")]
    [InlineData("MZXW6YTBOI======", "foobar")]
    [InlineData("mzxw6ytboi", "foobar")]
    [InlineData("MZXW6ytboi", "foobar")]
    public void Decode_AcceptsPaddedAndLowerCase(string text, string expected)
    {
        Assert.Equal(expected, Encoding.ASCII.GetString(Base32.Decode(text)));
    }

    [Fact]
    public void Encode_RfcOathSecret_GivesTheWellKnownBase32()
    {
        Assert.Equal("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Base32.Encode(Encoding.ASCII.GetBytes("12345678901234567890")));
    }

    [Fact]
    public void Encode_SixteenByteSecret_HasNoPadding()
    {
        var encoded = Base32.Encode(new byte[16]);

        Assert.Equal(26, encoded.Length);
        Assert.DoesNotContain('=', encoded);
    }

    [Theory]
    [InlineData("MZXW1", "invalid character '1' at position 4")]
    [InlineData("MZXW8", "invalid character '8' at position 4")]
    [InlineData("MZ XW", "invalid character ' ' at position 2")]
    [InlineData("MZ\u0131W", "invalid character")]
    [InlineData("MZX", "impossible length")]
    [InlineData("M", "impossible length")]
    [InlineData("MY=====", "has 5 '=' but its length needs 6")]
    [InlineData("MY==A===", "may only appear at the end")]
    [InlineData("MZ", "unused trailing bits are not zero")]
    public void Decode_InvalidText_ThrowsWithReason(string text, string reason)
    {
        var exception = Assert.Throws<FormatException>(() => Base32.Decode(text));

        Assert.Contains(reason, exception.Message);
    }

    [Fact]
    public void RoundTrip_AllLengths()
    {
        var bytes = Enumerable.Range(0, 64).Select(i => (byte)(i * 37)).ToArray();
        for (var length = 0; length <= 40; length++)
        {
            var slice = bytes[..length];
            Assert.Equal(slice, Base32.Decode(Base32.Encode(slice)));
        }
    }
}
