using System.Text;
using JourneyStudio.Runtime.Mfa;

namespace JourneyStudio.Runtime.Tests.Mfa;

public sealed class RegistrationUrisTests
{
    // The push registration URI from the ForgeRock JS SDK's QR-code sample (AM 7.x).
    internal const string SdkPushUri =
        "pushauth://push/forgerock:Justin%20Lowery?l=YW1sYmNvb2tpZT0wMQ&issuer=Rm9yZ2VSb2Nr"
        + "&m=REGISTER:53b85112-8ba9-4b7e-9107-ecbca2d65f7b1695151603616"
        + "&s=FoxEr5uAzrys1yBmuygPbxrVjysElmzsmqifi6eO_AI&c=XD-MxsK2sRGa7sUw7kinSKoUDf_eNYMZUV2f0z5kjgw"
        + "&r=aHR0cHM6Ly9vcGVuYW0tZm9yZ2Vycm9jay1zZGtzLmZvcmdlYmxvY2tzLmNvbTo0NDMvYW0vanNvbi9hbHBoYS9wdXNoL3Nucy9tZXNzYWdlP19hY3Rpb249cmVnaXN0ZXI"
        + "&a=aHR0cHM6Ly9vcGVuYW0tZm9yZ2Vycm9jay1zZGtzLmZvcmdlYmxvY2tzLmNvbTo0NDMvYW0vanNvbi9hbHBoYS9wdXNoL3Nucy9tZXNzYWdlP19hY3Rpb249YXV0aGVudGljYXRl"
        + "&b=032b75";

    internal const string SdkEndpointBase = "https://openam-forgerrock-sdks.forgeblocks.com:443/am/json/alpha/push/sns/message";

    internal static readonly byte[] RfcSecret = Encoding.ASCII.GetBytes("12345678901234567890");

    internal static PushRegistrationParameters SdkPushParameters => new()
    {
        Issuer = "ForgeRock",
        AccountName = "Justin Lowery",
        LoadBalancerCookie = "amlbcookie=01",
        MessageId = "REGISTER:53b85112-8ba9-4b7e-9107-ecbca2d65f7b1695151603616",
        SharedSecret = Convert.FromHexString("168c44af9b80cebcacd72066bb280f6f1ad58f2b04966cec9aa89f8ba78efc02"),
        Challenge = Convert.FromHexString("5c3f8cc6c2b6b1119aeec530ee48a748aa140dffde358319515d9fd33e648e0c"),
        RegistrationEndpoint = SdkEndpointBase + "?_action=register",
        AuthenticationEndpoint = SdkEndpointBase + "?_action=authenticate",
    };

    internal static OathRegistrationParameters TotpParameters => new()
    {
        Issuer = "Acme Corp",
        AccountName = "alice@example.com",
        Secret = RfcSecret,
    };

    [Fact]
    public void BuildPush_SdkSample_ReproducesAmQueryExactly()
    {
        var uri = RegistrationUris.BuildPush(SdkPushParameters);

        // AM 7 wrote the constant "forgerock" as the label issuer; AM 7.1+ (and we) write the issuer itself.
        Assert.Equal(SdkPushUri.Replace("push/forgerock:", "push/ForgeRock:"), uri);
    }

    [Fact]
    public void BuildPush_OptionalParameters_InAmOrderAndEncodings()
    {
        var uri = RegistrationUris.BuildPush(SdkPushParameters with
        {
            LoadBalancerCookie = null,
            UserId = "alice",
            DeviceProfileId = "6f1a",
            BackgroundColour = "#ff0000",
            ImageUrl = "https://example.com/logo.png",
        });

        Assert.Equal(
            ["issuer", "m", "s", "c", "r", "a", "uid", "pid", "b", "image"],
            QueryKeys(uri));
        Assert.Contains("&uid=YWxpY2U&pid=NmYxYQ&b=ff0000&image=aHR0cHM6Ly9leGFtcGxlLmNvbS9sb2dvLnBuZw", uri);
    }

    [Fact]
    public void BuildOath_Totp_DefaultsGiveAmParametersWithUnpaddedSecret()
    {
        Assert.Equal(
            "otpauth://totp/Acme%20Corp:alice@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&period=30&digits=6&b=032b75",
            RegistrationUris.BuildOath(TotpParameters));
    }

    [Fact]
    public void BuildOath_SixteenByteSecret_IsNotPadded()
    {
        var uri = RegistrationUris.BuildOath(TotpParameters with { Secret = new byte[16] });

        // AM would write 26 characters plus "======"; several authenticator apps refuse that.
        Assert.Contains("?secret=AAAAAAAAAAAAAAAAAAAAAAAAAA&period=", uri);
    }

    [Fact]
    public void BuildOath_AllParameters_InAmOrder()
    {
        var uri = RegistrationUris.BuildOath(TotpParameters with
        {
            Digits = 8,
            PeriodSeconds = 60,
            Algorithm = OathHashAlgorithm.Sha256,
            ImageUrl = "https://example.com/logo.png",
            UserId = "alice",
            DeviceId = "d-1",
        });

        Assert.Equal(
            "otpauth://totp/Acme%20Corp:alice@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&period=60&digits=8&b=032b75"
            + "&image=https://example.com/logo.png&algorithm=SHA256&uid=YWxpY2U&oid=ZC0x",
            uri);
    }

    [Fact]
    public void BuildOath_Hotp_WritesCounterNotPeriod()
    {
        var uri = RegistrationUris.BuildOath(TotpParameters with { Kind = OathKind.Hotp, Counter = 7, Algorithm = OathHashAlgorithm.Sha512 });

        Assert.StartsWith("otpauth://hotp/Acme%20Corp:alice@example.com?", uri);
        Assert.Equal(["secret", "counter", "digits", "b", "algorithm"], QueryKeys(uri));
        Assert.Contains("&counter=7&", uri);
        Assert.Contains("&algorithm=SHA512", uri);
    }

    [Fact]
    public void BuildOath_ImageWithQueryCharacters_IsEscapedSoTheQueryStaysIntact()
    {
        var uri = RegistrationUris.BuildOath(TotpParameters with { ImageUrl = "https://example.com/logo?size=2&v=a b#x" });

        Assert.Contains("&image=https://example.com/logo?size=2%26v=a%20b%23x&", uri + "&");
        var parsed = Assert.IsType<ParsedRegistrationUri.Oath>(RegistrationUris.Parse(uri));
        Assert.Equal("https://example.com/logo?size=2&v=a b#x", parsed.Parameters.ImageUrl);
    }

    [Fact]
    public void BuildCombined_PushThenOathThenPolicies_SharedKeysOnceWithRawImage()
    {
        var image = "https://example.com/logo.png";
        var push = SdkPushParameters with { Issuer = "Acme Corp", AccountName = "alice", ImageUrl = image, UserId = "alice" };
        var oath = TotpParameters with { AccountName = "alice", ImageUrl = image, UserId = "alice", Algorithm = OathHashAlgorithm.Sha256 };

        var uri = RegistrationUris.BuildCombined(new CombinedRegistrationParameters(push, oath, """{"deviceTampering":{}}"""));

        Assert.StartsWith("mfauth://totp/Acme%20Corp:alice?", uri);
        Assert.Equal(
            ["l", "issuer", "m", "s", "c", "r", "a", "uid", "b", "image", "secret", "period", "digits", "algorithm", "policies"],
            QueryKeys(uri));
        Assert.Contains("&image=https://example.com/logo.png&", uri);
        Assert.Contains("&issuer=QWNtZSBDb3Jw&", uri);
        Assert.EndsWith("&policies=" + Base64Url.EncodeUtf8("""{"deviceTampering":{}}"""), uri);
    }

    [Fact]
    public void BuildCombined_HotpKind_UsesHotpHost()
    {
        var uri = RegistrationUris.BuildCombined(new CombinedRegistrationParameters(
            SdkPushParameters with { Issuer = "Acme Corp", AccountName = "alice@example.com" },
            TotpParameters with { Kind = OathKind.Hotp }));

        Assert.StartsWith("mfauth://hotp/", uri);
        Assert.DoesNotContain("policies=", uri);
    }

    [Fact]
    public void BuildCombined_HalvesDisagree_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => RegistrationUris.BuildCombined(
            new CombinedRegistrationParameters(SdkPushParameters, TotpParameters with { Issuer = "ForgeRock" })));

        Assert.Contains("AccountName differs", exception.Message);
    }

    [Theory]
    [InlineData("Acme Corp", "Acme%20Corp")]
    [InlineData("a:b/c?d#e%f", "a%3Ab%2Fc%3Fd%23e%25f")]
    [InlineData("Zoë", "Zo%C3%AB")]
    [InlineData("it's+fine;@=&", "it's+fine;@=&")]
    public void Label_IsFragmentEscaped_WithSeparatorsEscapedToo(string issuer, string escaped)
    {
        var uri = RegistrationUris.BuildOath(TotpParameters with { Issuer = issuer });

        Assert.StartsWith($"otpauth://totp/{escaped}:alice@example.com?", uri);
        Assert.Equal(issuer, Assert.IsType<ParsedRegistrationUri.Oath>(RegistrationUris.Parse(uri)).Parameters.Issuer);
    }

    [Theory]
    [InlineData(7, "Digits must be 6 or 8, not 7")]
    [InlineData(0, "Digits must be 6 or 8, not 0")]
    public void BuildOath_BadDigits_Throws(int digits, string message)
    {
        var exception = Assert.Throws<ArgumentException>(() => RegistrationUris.BuildOath(TotpParameters with { Digits = digits }));

        Assert.Contains(message, exception.Message);
    }

    [Fact]
    public void Build_InvalidParameters_ThrowNamingTheParameter()
    {
        Assert.Contains("Secret must not be empty",
            Assert.Throws<ArgumentException>(() => RegistrationUris.BuildOath(TotpParameters with { Secret = [] })).Message);
        Assert.Contains("PeriodSeconds must be at least 1",
            Assert.Throws<ArgumentException>(() => RegistrationUris.BuildOath(TotpParameters with { PeriodSeconds = 0 })).Message);
        Assert.Contains("Counter must not be negative",
            Assert.Throws<ArgumentException>(() => RegistrationUris.BuildOath(TotpParameters with { Kind = OathKind.Hotp, Counter = -1 })).Message);
        Assert.Contains("BackgroundColour must be six hex digits",
            Assert.Throws<ArgumentException>(() => RegistrationUris.BuildOath(TotpParameters with { BackgroundColour = "blue" })).Message);
        Assert.Contains("Issuer is required",
            Assert.Throws<ArgumentException>(() => RegistrationUris.BuildOath(TotpParameters with { Issuer = "" })).Message);
        Assert.Contains("Challenge must not be empty",
            Assert.Throws<ArgumentException>(() => RegistrationUris.BuildPush(SdkPushParameters with { Challenge = [] })).Message);
        Assert.Contains("RegistrationEndpoint must be an absolute http(s) URL",
            Assert.Throws<ArgumentException>(() => RegistrationUris.BuildPush(SdkPushParameters with { RegistrationEndpoint = "/json/push" })).Message);
    }

    internal static IReadOnlyList<string> QueryKeys(string uri) =>
        uri[(uri.IndexOf('?') + 1)..].Split('&').Select(pair => pair[..pair.IndexOf('=')]).ToArray();
}
