using System.Text;
using JourneyStudio.Runtime.Mfa;

namespace JourneyStudio.Runtime.Tests.Mfa;

public sealed class PushChallengeTests
{
    // RFC 4231 test case 2: HMAC-SHA256(key "Jefe", "what do ya want for nothing?").
    private static readonly byte[] JefeKey = Encoding.ASCII.GetBytes("Jefe");
    private static readonly string JefeChallenge = Convert.ToBase64String(Encoding.ASCII.GetBytes("what do ya want for nothing?"));
    private static readonly string JefeResponse =
        Convert.ToBase64String(Convert.FromHexString("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));

    [Fact]
    public void ComputeResponse_IsBase64OfHmacSha256OverDecodedChallenge()
    {
        Assert.Equal(JefeResponse, PushChallenge.ComputeResponse(JefeKey, JefeChallenge));
    }

    [Fact]
    public void ComputeResponse_FromBytes_MatchesBase64Form()
    {
        var secret = PushChallenge.NewSecret();
        var challenge = PushChallenge.NewChallenge();

        Assert.Equal(
            PushChallenge.ComputeResponse(secret, challenge),
            PushChallenge.ComputeResponse(secret, Convert.FromBase64String(challenge)));
    }

    [Fact]
    public void Verify_RightResponse_IsTrue()
    {
        Assert.True(PushChallenge.Verify(JefeKey, JefeChallenge, JefeResponse));
    }

    [Fact]
    public void Verify_ResponseFromOtherSecret_IsFalse()
    {
        var response = PushChallenge.ComputeResponse(Encoding.ASCII.GetBytes("Jeff"), JefeChallenge);

        Assert.False(PushChallenge.Verify(JefeKey, JefeChallenge, response));
    }

    [Fact]
    public void Verify_ResponseToOtherChallenge_IsFalse()
    {
        var response = PushChallenge.ComputeResponse(JefeKey, PushChallenge.NewChallenge());

        Assert.False(PushChallenge.Verify(JefeKey, JefeChallenge, response));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public void Verify_MissingOrGarbageResponse_IsFalse(string? response)
    {
        Assert.False(PushChallenge.Verify(JefeKey, JefeChallenge, response));
    }

    [Fact]
    public void Verify_TruncatedResponse_IsFalse()
    {
        Assert.False(PushChallenge.Verify(JefeKey, JefeChallenge, Convert.ToBase64String(Convert.FromBase64String(JefeResponse)[..31])));
    }

    [Fact]
    public void BadChallenge_ThrowsFormatException()
    {
        var exception = Assert.Throws<FormatException>(() => PushChallenge.ComputeResponse(JefeKey, "a-b_"));

        Assert.Contains("invalid character '-'", exception.Message);
    }

    [Fact]
    public void EmptySecret_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => PushChallenge.ComputeResponse([], JefeChallenge));
        Assert.Throws<ArgumentException>(() => PushChallenge.Verify([], JefeChallenge, JefeResponse));
    }

    [Fact]
    public void NewSecretAndChallenge_Are32RandomBytes()
    {
        var secret = PushChallenge.NewSecret();
        var challenge = Convert.FromBase64String(PushChallenge.NewChallenge());

        Assert.Equal(32, secret.Length);
        Assert.Equal(32, challenge.Length);
        Assert.NotEqual(secret, PushChallenge.NewSecret());
        Assert.NotEqual(challenge, Convert.FromBase64String(PushChallenge.NewChallenge()));
    }
}
