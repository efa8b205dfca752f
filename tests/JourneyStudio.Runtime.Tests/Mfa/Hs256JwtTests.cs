using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using JourneyStudio.Runtime.Mfa;

namespace JourneyStudio.Runtime.Tests.Mfa;

public sealed class Hs256JwtTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void Verify_Rfc7515AppendixA1Token_IsValid()
    {
        var key = Base64Url.Decode("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow");
        const string token = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
                             + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
                             + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

        var result = Assert.IsType<JwtVerification.Valid>(Hs256Jwt.Verify(token, key));

        Assert.Equal("joe", result.Claims["iss"]!.GetValue<string>());
        Assert.Equal(1300819380, result.Claims["exp"]!.GetValue<long>());
        Assert.True(result.Claims["http://example.com/is_root"]!.GetValue<bool>());
    }

    [Fact]
    public void Create_WritesAmHeaderAndHmacSignature()
    {
        var token = Hs256Jwt.Create(new JsonObject { ["deviceId"] = "token-1", ["deviceType"] = "android" }, Key);

        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        Assert.Equal("eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9", parts[0]);
        Assert.Equal("""{"deviceId":"token-1","deviceType":"android"}""", Base64Url.DecodeUtf8(parts[1]));
        using var hmac = new HMACSHA256(Key);
        Assert.Equal(hmac.ComputeHash(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1])), Base64Url.Decode(parts[2]));
    }

    [Fact]
    public void CreateThenVerify_ReturnsTheClaims()
    {
        var claims = new JsonObject { ["response"] = "abc+/=", ["deny"] = true, ["challengeResponse"] = "47", ["n"] = "Zoë <b>" };

        var result = Assert.IsType<JwtVerification.Valid>(Hs256Jwt.Verify(Hs256Jwt.Create(claims, Key), Key));

        Assert.Equal("abc+/=", result.Claims["response"]!.GetValue<string>());
        Assert.True(result.Claims["deny"]!.GetValue<bool>());
        Assert.Equal("47", result.Claims["challengeResponse"]!.GetValue<string>());
        Assert.Equal("Zoë <b>", result.Claims["n"]!.GetValue<string>());
    }

    [Fact]
    public void Verify_WrongKey_IsBadSignature()
    {
        var token = Hs256Jwt.Create(new JsonObject { ["a"] = 1 }, Key);
        var otherKey = Key.Select(b => (byte)(b ^ 0xFF)).ToArray();

        Assert.IsType<JwtVerification.BadSignature>(Hs256Jwt.Verify(token, otherKey));
    }

    [Fact]
    public void Verify_TamperedPayload_IsBadSignature()
    {
        var parts = Hs256Jwt.Create(new JsonObject { ["deny"] = true }, Key).Split('.');
        var forged = parts[0] + "." + Base64Url.EncodeUtf8("""{"deny":false}""") + "." + parts[2];

        Assert.IsType<JwtVerification.BadSignature>(Hs256Jwt.Verify(forged, Key));
    }

    [Fact]
    public void Verify_TamperedSignature_IsBadSignature()
    {
        var token = Hs256Jwt.Create(new JsonObject { ["a"] = 1 }, Key);
        var signature = Base64Url.Decode(token.Split('.')[2]);
        signature[^1] ^= 0x01;
        var tampered = token[..(token.LastIndexOf('.') + 1)] + Base64Url.Encode(signature);

        Assert.IsType<JwtVerification.BadSignature>(Hs256Jwt.Verify(tampered, Key));
    }

    [Fact]
    public void Verify_AlgNone_IsWrongAlgorithm()
    {
        var token = Base64Url.EncodeUtf8("""{"typ":"JWT","alg":"none"}""") + "." + Base64Url.EncodeUtf8("""{"deny":false}""") + ".";

        var result = Assert.IsType<JwtVerification.WrongAlgorithm>(Hs256Jwt.Verify(token, Key));

        Assert.Equal("none", result.Algorithm);
    }

    [Theory]
    [InlineData("""{"alg":"HS512"}""", "HS512")]
    [InlineData("""{"alg":"RS256"}""", "RS256")]
    [InlineData("""{"alg":"hs256"}""", "hs256")]
    [InlineData("""{"alg":256}""", "256")]
    [InlineData("""{"typ":"JWT"}""", null)]
    public void Verify_AnyAlgorithmButHs256_IsWrongAlgorithm(string header, string? reported)
    {
        // Signed with the right key over the right input: only the declared algorithm is wrong.
        var input = Base64Url.EncodeUtf8(header) + "." + Base64Url.EncodeUtf8("{}");
        var token = input + "." + Base64Url.Encode(HMACSHA256.HashData(Key, Encoding.ASCII.GetBytes(input)));

        var result = Assert.IsType<JwtVerification.WrongAlgorithm>(Hs256Jwt.Verify(token, Key));

        Assert.Equal(reported, result.Algorithm);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("abc", "3 dot-separated parts, this token has 1")]
    [InlineData("a.b", "this token has 2")]
    [InlineData("a.b.c.d", "this token has 4")]
    [InlineData("@@@.e30.AAAA", "header: base64url text has an invalid character '@'")]
    [InlineData("bm90IGpzb24.e30.AAAA", "the header is not valid JSON")]
    [InlineData("WzFd.e30.AAAA", "the header is not a JSON object")]
    public void Verify_StructurallyBrokenToken_IsMalformed(string token, string reason)
    {
        var result = Assert.IsType<JwtVerification.Malformed>(Hs256Jwt.Verify(token, Key));

        Assert.Contains(reason, result.Reason);
    }

    [Fact]
    public void Verify_PaddedSegment_IsMalformed()
    {
        var token = Hs256Jwt.Create(new JsonObject { ["ab"] = 1 }, Key);
        var parts = token.Split('.');
        var padded = parts[0] + "." + Base64Url.EncodeWithPadding(Base64Url.Decode(parts[1])) + "." + parts[2];
        Assert.NotEqual(parts[1], Base64Url.EncodeWithPadding(Base64Url.Decode(parts[1])));

        var result = Assert.IsType<JwtVerification.Malformed>(Hs256Jwt.Verify(padded, Key));

        Assert.Contains("must not be padded", result.Reason);
    }

    [Fact]
    public void Verify_ShortSignature_IsMalformed()
    {
        var token = Hs256Jwt.Create(new JsonObject(), Key);
        var truncated = token[..(token.LastIndexOf('.') + 1)] + Base64Url.Encode(new byte[16]);

        var result = Assert.IsType<JwtVerification.Malformed>(Hs256Jwt.Verify(truncated, Key));

        Assert.Contains("32 bytes, this one has 16", result.Reason);
    }

    [Theory]
    [InlineData("[1,2]", "the payload is not a JSON object")]
    [InlineData("{\"deny\":true,\"deny\":false}", "duplicate")]
    [InlineData("{\"a\":", "the payload is not valid JSON")]
    [InlineData("{\"response\":\"\\ud800\"}", "the payload is not valid JSON at $.response")]
    [InlineData("{\"\\udc00\":true}", "lone surrogate")]
    public void Verify_SignedButInvalidPayload_IsMalformed(string payload, string reason)
    {
        var token = Sign("""{"typ":"JWT","alg":"HS256"}""", payload);

        var result = Assert.IsType<JwtVerification.Malformed>(Hs256Jwt.Verify(token, Key));

        Assert.Contains(reason, result.Reason);
    }

    [Fact]
    public void Verify_CriticalHeaderExtension_IsMalformed()
    {
        var token = Sign("""{"alg":"HS256","crit":["exp"]}""", "{}");

        var result = Assert.IsType<JwtVerification.Malformed>(Hs256Jwt.Verify(token, Key));

        Assert.Contains("crit", result.Reason);
    }

    [Fact]
    public void Verify_HeaderWithoutTyp_IsStillValid()
    {
        Assert.IsType<JwtVerification.Valid>(Hs256Jwt.Verify(Sign("""{"alg":"HS256"}""", """{"x":1}"""), Key));
    }

    [Fact]
    public void EmptyKey_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => Hs256Jwt.Create(new JsonObject(), []));
        Assert.Throws<ArgumentException>(() => Hs256Jwt.Verify("a.b.c", []));
    }

    private static string Sign(string header, string payload)
    {
        var input = Base64Url.EncodeUtf8(header) + "." + Base64Url.EncodeUtf8(payload);
        return input + "." + Base64Url.Encode(HMACSHA256.HashData(Key, Encoding.ASCII.GetBytes(input)));
    }
}
