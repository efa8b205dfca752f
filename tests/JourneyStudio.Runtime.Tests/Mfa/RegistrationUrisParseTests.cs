using JourneyStudio.Runtime.Mfa;
using static JourneyStudio.Runtime.Tests.Mfa.RegistrationUrisTests;

namespace JourneyStudio.Runtime.Tests.Mfa;

public sealed class RegistrationUrisParseTests
{
    [Fact]
    public void Parse_SdkPushSample_DecodesEveryParameter()
    {
        var push = Assert.IsType<ParsedRegistrationUri.Push>(RegistrationUris.Parse(SdkPushUri)).Parameters;

        Assert.Equal("ForgeRock", push.Issuer); // from the issuer parameter, as the app does
        Assert.Equal("Justin Lowery", push.AccountName);
        Assert.Equal("amlbcookie=01", push.LoadBalancerCookie);
        Assert.Equal("REGISTER:53b85112-8ba9-4b7e-9107-ecbca2d65f7b1695151603616", push.MessageId);
        Assert.Equal(SdkPushParameters.SharedSecret, push.SharedSecret);
        Assert.Equal(SdkPushParameters.Challenge, push.Challenge);
        Assert.Equal(SdkEndpointBase + "?_action=register", push.RegistrationEndpoint);
        Assert.Equal(SdkEndpointBase + "?_action=authenticate", push.AuthenticationEndpoint);
        Assert.Equal("032b75", push.BackgroundColour);
        Assert.Null(push.ImageUrl);
        Assert.Null(push.UserId);
    }

    [Fact]
    public void ParseOfBuildPush_RoundTrips()
    {
        var original = SdkPushParameters with { UserId = "alice", DeviceProfileId = "p-1", ImageUrl = "https://example.com/a.png?x=1&y=2" };

        var parsed = Assert.IsType<ParsedRegistrationUri.Push>(RegistrationUris.Parse(RegistrationUris.BuildPush(original))).Parameters;

        Assert.Equal(RegistrationUris.BuildPush(original), RegistrationUris.BuildPush(parsed));
        Assert.Equal(original.ImageUrl, parsed.ImageUrl);
        Assert.Equal("p-1", parsed.DeviceProfileId);
    }

    [Fact]
    public void ParseOfBuildOath_RoundTrips()
    {
        var original = TotpParameters with
        {
            Kind = OathKind.Hotp, Counter = 42, Digits = 8, Algorithm = OathHashAlgorithm.Sha512,
            BackgroundColour = null, ImageUrl = "https://example.com/logo.png", UserId = "alice", DeviceId = "d-1",
        };

        var parsed = Assert.IsType<ParsedRegistrationUri.Oath>(RegistrationUris.Parse(RegistrationUris.BuildOath(original))).Parameters;

        Assert.Equal(RfcSecret, parsed.Secret);
        Assert.Equal(original with { Secret = parsed.Secret }, parsed);
    }

    [Fact]
    public void ParseOfBuildCombined_RoundTrips()
    {
        var push = SdkPushParameters with { Issuer = "Acme Corp", AccountName = "alice@example.com", ImageUrl = "https://example.com/l.png" };
        var oath = TotpParameters with { ImageUrl = "https://example.com/l.png", PeriodSeconds = 60 };
        var uri = RegistrationUris.BuildCombined(new CombinedRegistrationParameters(push, oath, """{"a":1}"""));

        var parsed = Assert.IsType<ParsedRegistrationUri.Combined>(RegistrationUris.Parse(uri)).Parameters;

        Assert.Equal("""{"a":1}""", parsed.PoliciesJson);
        Assert.Equal("Acme Corp", parsed.Oath.Issuer);
        Assert.Equal("https://example.com/l.png", parsed.Push.ImageUrl);
        Assert.Equal(60, parsed.Oath.PeriodSeconds);
        Assert.Equal(RfcSecret, parsed.Oath.Secret);
        Assert.Equal(push.SharedSecret, parsed.Push.SharedSecret);
        Assert.Equal(uri, RegistrationUris.BuildCombined(parsed));
    }

    [Fact]
    public void Parse_AmStylePaddedLowerCaseSecretAndPlainIssuerParameter()
    {
        var parsed = RegistrationUris.Parse(
            "OTPAUTH://TOTP/ForgeRock:jlowery?secret=gezdgnbvgy3tqojqgezdgnbvgy3tqojq&issuer=Forge%20Rock&period=30&digits=6&b=032b75&pd=ignored");

        var oath = Assert.IsType<ParsedRegistrationUri.Oath>(parsed).Parameters;
        Assert.Equal(RfcSecret, oath.Secret);
        Assert.Equal("Forge Rock", oath.Issuer);
        Assert.Equal("jlowery", oath.AccountName);

        var padded = Assert.IsType<ParsedRegistrationUri.Oath>(RegistrationUris.Parse("otpauth://totp/A:b?secret=MZXW6===")).Parameters;
        Assert.Equal("foo"u8.ToArray(), padded.Secret);
    }

    [Fact]
    public void Parse_OathDefaults_WhenOptionalParametersAreAbsent()
    {
        var oath = Assert.IsType<ParsedRegistrationUri.Oath>(RegistrationUris.Parse("otpauth://hotp/A:b?secret=MZXW6")).Parameters;

        Assert.Equal(OathKind.Hotp, oath.Kind);
        Assert.Equal(6, oath.Digits);
        Assert.Equal(0, oath.Counter);
        Assert.Equal(OathHashAlgorithm.Sha1, oath.Algorithm);
        Assert.Null(oath.BackgroundColour);
    }

    [Fact]
    public void Parse_LabelWithoutColon_NamesBothIssuerAndAccount()
    {
        var oath = Assert.IsType<ParsedRegistrationUri.Oath>(RegistrationUris.Parse("otpauth://totp/alice?secret=MZXW6")).Parameters;

        Assert.Equal("alice", oath.Issuer);
        Assert.Equal("alice", oath.AccountName);
    }

    [Theory]
    [InlineData(null, "the registration URI is empty")]
    [InlineData("https://example.com/?s=1", "not a pushauth/otpauth/mfauth URI")]
    [InlineData("pushauth:push/a:b?m=1", "not a pushauth/otpauth/mfauth URI")]
    [InlineData("pushauth://device/a:b?m=x", "a pushauth URI has host 'push', not 'device'")]
    [InlineData("otpauth://motp/a:b?secret=MZXW6", "an otpauth URI has type totp or hotp, not 'motp'")]
    [InlineData("otpauth://totp/?secret=MZXW6", "missing issuer:account label")]
    [InlineData("otpauth://totp/a:b", "missing parameter secret")]
    [InlineData("otpauth://totp/a:b?secret=", "missing parameter secret")]
    [InlineData("otpauth://totp/a:b?secret=MZXW1", "parameter secret is not valid base32: base32 text has an invalid character '1' at position 4")]
    [InlineData("otpauth://totp/a:b?secret=MZXW6&digits=7", "parameter digits must be 6 or 8, not 7")]
    [InlineData("otpauth://totp/a:b?secret=MZXW6&digits=six", "parameter digits must be a whole number, not 'six'")]
    [InlineData("otpauth://totp/a:b?secret=MZXW6&period=0", "parameter period must be a positive number of seconds, not 0")]
    [InlineData("otpauth://hotp/a:b?secret=MZXW6&counter=-1", "parameter counter must be a whole number, not '-1'")]
    [InlineData("otpauth://totp/a:b?secret=MZXW6&algorithm=MD5", "parameter algorithm must be SHA1, SHA256 or SHA512, not 'MD5'")]
    [InlineData("otpauth://totp/a:b?secret=MZXW6&b=blue", "parameter b must be six hex digits, not 'blue'")]
    [InlineData("otpauth://totp/a:b?secret=MZXW6&secret=MZXW6", "duplicate parameter secret")]
    [InlineData("otpauth://totp/a:b?secret", "parameter secret has no value")]
    [InlineData("otpauth://totp/a:b?=x&secret=MZXW6", "a parameter has no name")]
    [InlineData("otpauth://totp/a:b?secret=MZXW6#frag", "a registration URI must not have a fragment ('#')")]
    public void Parse_InvalidOathUri_FailsWithSpecificError(string? uri, string error)
    {
        AssertParseError(uri, error);
    }

    [Theory]
    [InlineData("m", "missing parameter m")]
    [InlineData("s", "missing parameter s")]
    [InlineData("c", "missing parameter c")]
    [InlineData("r", "missing parameter r")]
    [InlineData("a", "missing parameter a")]
    public void Parse_PushUriWithoutRequiredParameter_NamesIt(string key, string error)
    {
        AssertParseError(WithoutParameter(SdkPushUri, key), error);
    }

    [Theory]
    [InlineData("s", "s=Fox+Er5", "parameter s is not valid base64url: base64url text has an invalid character '+' at position 3")]
    [InlineData("c", "c=XD-M=x", "parameter c is not valid base64url: base64url padding '=' may only appear at the end (position 4)")]
    [InlineData("r", "r=w", "parameter r is not valid base64url: base64url text has an impossible length (1 without padding)")]
    [InlineData("l", "l=wygo", "parameter l is not valid base64url: base64url text does not decode to valid UTF-8")]
    public void Parse_PushUriWithBadEncoding_NamesTheParameter(string key, string replacement, string error)
    {
        AssertParseError(WithoutParameter(SdkPushUri, key) + "&" + replacement, error);
    }

    [Fact]
    public void Parse_CombinedUriNeedsBothHalves()
    {
        var combined = RegistrationUris.BuildCombined(new CombinedRegistrationParameters(
            SdkPushParameters with { Issuer = "Acme Corp", AccountName = "alice@example.com" }, TotpParameters));

        AssertParseError(WithoutParameter(combined, "secret"), "missing parameter secret");
        AssertParseError(WithoutParameter(combined, "m"), "missing parameter m");
        AssertParseError(combined.Replace("mfauth://totp/", "mfauth://push/"), "an mfauth URI has type totp or hotp, not 'push'");
    }

    private static void AssertParseError(string? uri, string error)
    {
        Assert.False(RegistrationUris.TryParse(uri, out var parsed, out var actual));
        Assert.Null(parsed);
        Assert.Equal(error, actual);
        if (uri is not null)
        {
            Assert.Equal(error, Assert.Throws<FormatException>(() => RegistrationUris.Parse(uri)).Message);
        }
    }

    private static string WithoutParameter(string uri, string key)
    {
        var question = uri.IndexOf('?');
        var kept = uri[(question + 1)..].Split('&').Where(pair => !pair.StartsWith(key + "=", StringComparison.Ordinal));
        return uri[..(question + 1)] + string.Join('&', kept);
    }
}
