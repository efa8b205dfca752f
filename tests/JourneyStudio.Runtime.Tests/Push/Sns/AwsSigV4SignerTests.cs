using System.Text;
using JourneyStudio.Runtime.Push.Sns;

namespace JourneyStudio.Runtime.Tests.Push.Sns;

/// <summary>
/// The signer against AWS's published Signature Version 4 test suite ("aws-sig-v4-test-suite", now maintained
/// as tests/aws-signing-test-suite/v4 in awslabs/aws-c-auth). Every vector uses the suite's credentials, region
/// us-east-1, service "service" and time 20150830T123600Z. Expected values are the suite's
/// header-canonical-request.txt, header-string-to-sign.txt and header-signed-request.txt (or the original .creq/.sts/.authz).
/// </summary>
public sealed class AwsSigV4SignerTests
{
    private const string Region = "us-east-1";
    private const string Service = "service";
    private const string EmptyBodyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static readonly AwsCredentials SuiteCredentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static readonly DateTimeOffset SuiteTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    [Fact]
    public void Sign_GetVanilla_MatchesPublishedVector()
    {
        // Vector: get-vanilla
        var signature = Sign("GET", "https://example.amazonaws.com/", []);

        Assert.Equal(
            Lines("GET", "/", "", "host:example.amazonaws.com", "x-amz-date:20150830T123600Z", "", "host;x-amz-date", EmptyBodyHash),
            signature.CanonicalRequest);
        Assert.Equal(
            Lines("AWS4-HMAC-SHA256", "20150830T123600Z", "20150830/us-east-1/service/aws4_request",
                "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63"),
            signature.StringToSign);
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, " +
            "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            signature.Authorization);
        Assert.Equal("20150830T123600Z", signature.AmzDate);
    }

    [Fact]
    public void Sign_GetVanillaQueryOrderKeyCase_SortsQueryParameters()
    {
        // Vector: get-vanilla-query-order-key-case (request "GET /?Param2=value2&Param1=value1")
        var signature = Sign("GET", "https://example.amazonaws.com/?Param2=value2&Param1=value1", []);

        Assert.Equal(
            Lines("GET", "/", "Param1=value1&Param2=value2", "host:example.amazonaws.com", "x-amz-date:20150830T123600Z", "",
                "host;x-amz-date", EmptyBodyHash),
            signature.CanonicalRequest);
        Assert.EndsWith("816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0", signature.StringToSign);
        Assert.Equal("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500", signature.Signature);
    }

    [Fact]
    public void Sign_PostVanilla_MatchesPublishedVector()
    {
        // Vector: post-vanilla
        var signature = Sign("POST", "https://example.amazonaws.com/", []);

        Assert.Equal(
            Lines("POST", "/", "", "host:example.amazonaws.com", "x-amz-date:20150830T123600Z", "", "host;x-amz-date", EmptyBodyHash),
            signature.CanonicalRequest);
        Assert.EndsWith("553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87", signature.StringToSign);
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, " +
            "Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b",
            signature.Authorization);
    }

    [Fact]
    public void Sign_PostXWwwFormUrlencoded_SignsContentTypeAndBody()
    {
        // Vector: post-x-www-form-urlencoded, original 2015 suite (.creq/.sts/.authz): content-type;host;x-amz-date
        var signature = Sign(
            "POST",
            "https://example.amazonaws.com/",
            [new("Content-Type", "application/x-www-form-urlencoded")],
            "Param1=value1");

        Assert.Equal(
            Lines("POST", "/", "", "content-type:application/x-www-form-urlencoded", "host:example.amazonaws.com",
                "x-amz-date:20150830T123600Z", "", "content-type;host;x-amz-date",
                "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e"),
            signature.CanonicalRequest);
        Assert.Equal(
            Lines("AWS4-HMAC-SHA256", "20150830T123600Z", "20150830/us-east-1/service/aws4_request",
                "42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281"),
            signature.StringToSign);
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=content-type;host;x-amz-date, " +
            "Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a",
            signature.Authorization);
    }

    [Fact]
    public void Sign_PostXWwwFormUrlencoded_AwsCAuthVariant_SignsEveryGivenHeader()
    {
        // Vector: post-x-www-form-urlencoded as in aws-c-auth (sign_body: also content-length and x-amz-content-sha256)
        var signature = Sign(
            "POST",
            "https://example.amazonaws.com/",
            [
                new("Content-Type", "application/x-www-form-urlencoded"),
                new("Content-Length", "13"),
                new("x-amz-content-sha256", "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e"),
            ],
            "Param1=value1");

        Assert.EndsWith("b1edd1d03544c25390e32085d55b57acc9a3961bb59415ff86c45c3d89d16cfb", signature.StringToSign);
        Assert.Equal("content-length;content-type;host;x-amz-content-sha256;x-amz-date", signature.SignedHeaders);
        Assert.Equal("d3875051da38690788ef43de4db0d8f280229d82040bfac253562e56c3f20e0b", signature.Signature);
    }

    [Fact]
    public void Sign_PostXWwwFormUrlencodedParameters_SignsTheContentTypeSnsUses()
    {
        // Vector: post-x-www-form-urlencoded-parameters (aws-c-auth); its content type is exactly the SNS client's.
        var signature = Sign(
            "POST",
            "https://example.amazonaws.com/",
            [
                new("Content-Type", SnsClient.FormContentType),
                new("Content-Length", "13"),
                new("x-amz-content-sha256", "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e"),
            ],
            "Param1=value1");

        Assert.Contains("\ncontent-type:application/x-www-form-urlencoded; charset=utf-8\n", signature.CanonicalRequest);
        Assert.EndsWith("a89f1a5b53e37702ee6363ce1da3ce8f54386f3c8f352ae652153c2982a0bc4d", signature.StringToSign);
        Assert.Equal("328d1b9eaadca9f5818ef05e8392801e091653bafec24fcab71e7344e7f51422", signature.Signature);
    }

    [Fact]
    public void Sign_GetVanillaWithSessionToken_SignsAndReturnsTheToken()
    {
        // Vector: get-vanilla-with-session-token (aws-c-auth)
        const string token = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267";
        var signature = AwsSigV4Signer.Sign(
            "GET", new Uri("https://example.amazonaws.com/"), [], [], Region, Service,
            SuiteCredentials with { SessionToken = token }, SuiteTime);

        Assert.Equal(
            Lines("GET", "/", "", "host:example.amazonaws.com", "x-amz-date:20150830T123600Z", $"x-amz-security-token:{token}", "",
                "host;x-amz-date;x-amz-security-token", EmptyBodyHash),
            signature.CanonicalRequest);
        Assert.EndsWith("067b36aa60031588cea4a4cde1f21215227a047690c72247f1d70b32fbbfad2b", signature.StringToSign);
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, " +
            "Signature=07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8",
            signature.Authorization);
        Assert.Contains(new KeyValuePair<string, string>("x-amz-security-token", token), signature.HeadersToAdd);
    }

    [Fact]
    public void Sign_GetHeaderValueTrim_TrimsAndCollapsesSpaces()
    {
        // Vector: get-header-value-trim
        var signature = Sign("GET", "https://example.amazonaws.com/", [new("My-Header1", " value1"), new("My-Header2", " \"a   b   c\"")]);

        Assert.Contains("\nmy-header1:value1\nmy-header2:\"a b c\"\n", signature.CanonicalRequest);
        Assert.EndsWith("a726db9b0df21c14f559d0a978e563112acb1b9e05476f0a6a1c7d68f28605c7", signature.StringToSign);
        Assert.Equal("acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736", signature.Signature);
    }

    [Theory]
    // Vector: get-utf8 ("GET /ሴ")
    [InlineData("https://example.amazonaws.com/\u1234", "/%E1%88%B4", "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85")]
    // Vector: get-space-normalized ("GET /example space/")
    [InlineData("https://example.amazonaws.com/example space/", "/example%20space/", "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741")]
    public void Sign_PathOutsideUnreservedCharacters_IsRfc3986Encoded(string uri, string canonicalPath, string expectedSignature)
    {
        var signature = Sign("GET", uri, []);

        Assert.Equal(canonicalPath, signature.CanonicalRequest.Split('\n')[1]);
        Assert.Equal(expectedSignature, signature.Signature);
    }

    [Fact]
    public void Sign_GetVanillaUtf8Query_EncodesQueryName()
    {
        // Vector: get-vanilla-utf8-query ("GET /?ሴ=bar")
        var signature = Sign("GET", "https://example.amazonaws.com/?\u1234=bar", []);

        Assert.Equal("%E1%88%B4=bar", signature.CanonicalRequest.Split('\n')[2]);
        Assert.Equal("2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04", signature.Signature);
    }

    [Fact]
    public void Sign_ReturnsTheHeadersTheCallerMustSend()
    {
        var signature = Sign("POST", "https://example.amazonaws.com/", []);

        Assert.Equal(
            ["x-amz-date", "Authorization"],
            signature.HeadersToAdd.Select(header => header.Key));
        Assert.Equal(signature.Authorization, signature.HeadersToAdd.Single(header => header.Key == "Authorization").Value);
    }

    [Fact]
    public void Sign_NonDefaultPort_SignsHostWithPort()
    {
        var signature = Sign("POST", "http://127.0.0.1:4567/", []);

        Assert.Contains("\nhost:127.0.0.1:4567\n", signature.CanonicalRequest);
    }

    [Fact]
    public void Sign_DifferentSecret_GivesDifferentSignature()
    {
        var good = Sign("POST", "https://example.amazonaws.com/", []);
        var other = AwsSigV4Signer.Sign(
            "POST", new Uri("https://example.amazonaws.com/"), [], [], Region, Service,
            SuiteCredentials with { SecretAccessKey = "another-secret" }, SuiteTime);

        Assert.Equal(good.CanonicalRequest, other.CanonicalRequest);
        Assert.NotEqual(good.Signature, other.Signature);
    }

    private static AwsSignature Sign(string method, string uri, KeyValuePair<string, string>[] headers, string body = "") =>
        AwsSigV4Signer.Sign(method, new Uri(uri), headers, Encoding.UTF8.GetBytes(body), Region, Service, SuiteCredentials, SuiteTime);

    private static string Lines(params string[] lines) => string.Join('\n', lines);
}
