using System.Text;
using JourneyStudio.Runtime.Mfa;

namespace JourneyStudio.Runtime.Tests.Mfa;

public sealed class OathCodesTests
{
    private static readonly byte[] Sha1Seed = Encoding.ASCII.GetBytes("12345678901234567890");
    private static readonly byte[] Sha256Seed = Encoding.ASCII.GetBytes("12345678901234567890123456789012");
    private static readonly byte[] Sha512Seed = Encoding.ASCII.GetBytes("1234567890123456789012345678901234567890123456789012345678901234");
    private static readonly DateTimeOffset Noon = new(2026, 3, 1, 12, 0, 15, TimeSpan.Zero);

    // RFC 6238 appendix B.
    [Theory]
    [InlineData(59L, OathHashAlgorithm.Sha1, "94287082")]
    [InlineData(59L, OathHashAlgorithm.Sha256, "46119246")]
    [InlineData(59L, OathHashAlgorithm.Sha512, "90693936")]
    [InlineData(1111111109L, OathHashAlgorithm.Sha1, "07081804")]
    [InlineData(1111111109L, OathHashAlgorithm.Sha256, "68084774")]
    [InlineData(1111111109L, OathHashAlgorithm.Sha512, "25091201")]
    [InlineData(1111111111L, OathHashAlgorithm.Sha1, "14050471")]
    [InlineData(1111111111L, OathHashAlgorithm.Sha256, "67062674")]
    [InlineData(1111111111L, OathHashAlgorithm.Sha512, "99943326")]
    [InlineData(1234567890L, OathHashAlgorithm.Sha1, "89005924")]
    [InlineData(1234567890L, OathHashAlgorithm.Sha256, "91819424")]
    [InlineData(1234567890L, OathHashAlgorithm.Sha512, "93441116")]
    [InlineData(2000000000L, OathHashAlgorithm.Sha1, "69279037")]
    [InlineData(2000000000L, OathHashAlgorithm.Sha256, "90698825")]
    [InlineData(2000000000L, OathHashAlgorithm.Sha512, "38618901")]
    [InlineData(20000000000L, OathHashAlgorithm.Sha1, "65353130")]
    [InlineData(20000000000L, OathHashAlgorithm.Sha256, "77737706")]
    [InlineData(20000000000L, OathHashAlgorithm.Sha512, "47863826")]
    public void GenerateTotp_Rfc6238Vectors(long unixSeconds, OathHashAlgorithm algorithm, string expected)
    {
        var settings = new OathCodeSettings { Algorithm = algorithm, Digits = 8 };
        var time = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

        Assert.Equal(expected, OathCodes.GenerateTotp(Seed(algorithm), time, settings));
        Assert.True(OathCodes.VerifyTotp(Seed(algorithm), expected, time, 0, null, settings).IsAccepted);
    }

    // RFC 4226 appendix D.
    [Theory]
    [InlineData(0, "755224")]
    [InlineData(1, "287082")]
    [InlineData(2, "359152")]
    [InlineData(3, "969429")]
    [InlineData(4, "338314")]
    [InlineData(5, "254676")]
    [InlineData(6, "287922")]
    [InlineData(7, "162583")]
    [InlineData(8, "399871")]
    [InlineData(9, "520489")]
    public void GenerateHotp_Rfc4226Vectors(long counter, string expected)
    {
        Assert.Equal(expected, OathCodes.GenerateHotp(Sha1Seed, counter));
        Assert.Equal(new OathVerification.Accepted(counter + 1), OathCodes.VerifyHotp(Sha1Seed, expected, counter, 0));
    }

    [Fact]
    public void GenerateTotp_SixDigits_AreTheLastSixOfTheEightDigitCode()
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(1111111109);

        Assert.Equal("081804", OathCodes.GenerateTotp(Sha1Seed, time));
    }

    [Fact]
    public void GenerateTotp_Period_ChangesTheTimeStep()
    {
        var settings = new OathCodeSettings { PeriodSeconds = 60 };

        // 60-second steps: 14:00:59 and 14:00:00 share a step, 14:01:00 does not.
        var start = new DateTimeOffset(2026, 3, 1, 14, 0, 0, TimeSpan.Zero);
        Assert.Equal(OathCodes.GenerateTotp(Sha1Seed, start, settings), OathCodes.GenerateTotp(Sha1Seed, start.AddSeconds(59), settings));
        Assert.NotEqual(OathCodes.GenerateTotp(Sha1Seed, start, settings), OathCodes.GenerateTotp(Sha1Seed, start.AddSeconds(60), settings));
        Assert.Equal(OathCodes.TimeStep(start, 60) + 1, OathCodes.TimeStep(start.AddSeconds(60), 60));
    }

    [Fact]
    public void VerifyTotp_CodeFromAdjacentStep_AcceptedOnlyInsideTheWindow()
    {
        var previous = OathCodes.GenerateTotp(Sha1Seed, Noon.AddSeconds(-30));
        var twoAhead = OathCodes.GenerateTotp(Sha1Seed, Noon.AddSeconds(60));
        var step = OathCodes.TimeStep(Noon, 30);

        Assert.Equal(new OathVerification.Accepted(step - 1), OathCodes.VerifyTotp(Sha1Seed, previous, Noon, 1, null));
        Assert.Equal(new OathVerification.Rejected(OathRejection.NoMatch), OathCodes.VerifyTotp(Sha1Seed, previous, Noon, 0, null));
        Assert.Equal(new OathVerification.Rejected(OathRejection.NoMatch), OathCodes.VerifyTotp(Sha1Seed, twoAhead, Noon, 1, null));
        Assert.Equal(new OathVerification.Accepted(step + 2), OathCodes.VerifyTotp(Sha1Seed, twoAhead, Noon, 2, null));
    }

    [Fact]
    public void VerifyTotp_SameCodeTwice_SecondIsAReplay()
    {
        var code = OathCodes.GenerateTotp(Sha1Seed, Noon);

        var first = Assert.IsType<OathVerification.Accepted>(OathCodes.VerifyTotp(Sha1Seed, code, Noon, 2, null));
        var second = OathCodes.VerifyTotp(Sha1Seed, code, Noon.AddSeconds(10), 2, first.Value);

        Assert.Equal(new OathVerification.Rejected(OathRejection.Replayed), second);
    }

    [Fact]
    public void VerifyTotp_OlderStepThanLastAccepted_IsAReplay_NewerStepIsAccepted()
    {
        var step = OathCodes.TimeStep(Noon, 30);
        var older = OathCodes.GenerateTotp(Sha1Seed, Noon.AddSeconds(-30));
        var next = OathCodes.GenerateTotp(Sha1Seed, Noon.AddSeconds(30));

        Assert.Equal(new OathVerification.Rejected(OathRejection.Replayed), OathCodes.VerifyTotp(Sha1Seed, older, Noon, 2, step));
        Assert.Equal(new OathVerification.Accepted(step + 1), OathCodes.VerifyTotp(Sha1Seed, next, Noon, 2, step));
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12345a")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("１２３４５６")]
    public void VerifyTotp_NotSixDigits_IsMalformed(string? code)
    {
        Assert.Equal(new OathVerification.Rejected(OathRejection.Malformed), OathCodes.VerifyTotp(Sha1Seed, code, Noon, 2, null));
    }

    [Fact]
    public void VerifyTotp_EightDigitCodeWhenSixConfigured_IsMalformed()
    {
        var eight = OathCodes.GenerateTotp(Sha1Seed, Noon, new OathCodeSettings { Digits = 8 });

        Assert.Equal(new OathVerification.Rejected(OathRejection.Malformed), OathCodes.VerifyTotp(Sha1Seed, eight, Noon, 2, null));
    }

    [Fact]
    public void VerifyTotp_CodeTypedWithSpaces_IsAccepted()
    {
        var code = OathCodes.GenerateTotp(Sha1Seed, Noon);

        Assert.True(OathCodes.VerifyTotp(Sha1Seed, $" {code[..3]} {code[3..]} ", Noon, 0, null).IsAccepted);
    }

    [Fact]
    public void VerifyTotp_WrongSecretOrAlgorithm_NoMatch()
    {
        var code = OathCodes.GenerateTotp(Sha1Seed, Noon);

        Assert.Equal(new OathVerification.Rejected(OathRejection.NoMatch), OathCodes.VerifyTotp(Sha256Seed, code, Noon, 2, null));
        Assert.Equal(new OathVerification.Rejected(OathRejection.NoMatch),
            OathCodes.VerifyTotp(Sha1Seed, code, Noon, 0, null, new OathCodeSettings { Algorithm = OathHashAlgorithm.Sha256 }));
    }

    [Fact]
    public void VerifyHotp_LookAhead_ReturnsTheCounterAfterTheMatch()
    {
        // Codes for counters 0-2 were generated on the device but never used.
        Assert.Equal(new OathVerification.Accepted(4), OathCodes.VerifyHotp(Sha1Seed, "969429", 0, 5));
        Assert.Equal(new OathVerification.Rejected(OathRejection.NoMatch), OathCodes.VerifyHotp(Sha1Seed, "969429", 0, 2));
    }

    [Fact]
    public void VerifyHotp_CodeBelowTheStoredCounter_NoMatch()
    {
        // "287082" is counter 1; once the counter moved to 4 it must not work again.
        Assert.Equal(new OathVerification.Rejected(OathRejection.NoMatch), OathCodes.VerifyHotp(Sha1Seed, "287082", 4, 100));
    }

    [Fact]
    public void VerifyHotp_Malformed()
    {
        Assert.Equal(new OathVerification.Rejected(OathRejection.Malformed), OathCodes.VerifyHotp(Sha1Seed, "75522", 0, 10));
    }

    [Fact]
    public void VerifyHotp_EightDigitsSha256_MatchesGenerated()
    {
        var settings = new OathCodeSettings { Algorithm = OathHashAlgorithm.Sha256, Digits = 8 };
        var code = OathCodes.GenerateHotp(Sha256Seed, 17, settings);

        Assert.Equal(8, code.Length);
        Assert.Equal(new OathVerification.Accepted(18), OathCodes.VerifyHotp(Sha256Seed, code, 10, 10, settings));
    }

    [Theory]
    [InlineData(32, 16)]
    [InlineData(40, 20)]
    [InlineData(33, 17)]
    [InlineData(8, 4)]
    public void NewSecret_HasHalfTheHexLengthInBytes(int hexLength, int bytes)
    {
        Assert.Equal(bytes, OathCodes.NewSecret(hexLength).Length);
    }

    [Fact]
    public void NewSecret_DefaultIs16RandomBytes()
    {
        Assert.Equal(16, OathCodes.NewSecret().Length);
        Assert.NotEqual(OathCodes.NewSecret(), OathCodes.NewSecret());
        Assert.Throws<ArgumentOutOfRangeException>(() => OathCodes.NewSecret(7));
    }

    [Theory]
    [InlineData(7, 30)]
    [InlineData(6, 0)]
    public void InvalidSettings_Throw(int digits, int period)
    {
        var settings = new OathCodeSettings { Digits = digits, PeriodSeconds = period };

        Assert.Throws<ArgumentException>(() => OathCodes.GenerateTotp(Sha1Seed, Noon, settings));
        Assert.Throws<ArgumentException>(() => OathCodes.VerifyTotp(Sha1Seed, "123456", Noon, 1, null, settings));
    }

    [Fact]
    public void EmptySecret_Throws()
    {
        Assert.Throws<ArgumentException>(() => OathCodes.VerifyTotp([], "123456", Noon, 1, null));
        Assert.Throws<ArgumentException>(() => OathCodes.VerifyHotp([], "123456", 0, 1));
    }

    [Fact]
    public void SecretFromARegistrationUri_GivesTheSameCodesAsTheServer()
    {
        var secret = OathCodes.NewSecret();
        var uri = RegistrationUris.BuildOath(new OathRegistrationParameters
        {
            Issuer = "Acme", AccountName = "alice", Secret = secret, Algorithm = OathHashAlgorithm.Sha512, Digits = 8,
        });

        var device = Assert.IsType<ParsedRegistrationUri.Oath>(RegistrationUris.Parse(uri)).Parameters;
        var deviceSettings = new OathCodeSettings { Algorithm = device.Algorithm, Digits = device.Digits, PeriodSeconds = device.PeriodSeconds };
        var code = OathCodes.GenerateTotp(device.Secret, Noon, deviceSettings);

        Assert.True(OathCodes.VerifyTotp(secret, code, Noon, 1, null,
            new OathCodeSettings { Algorithm = OathHashAlgorithm.Sha512, Digits = 8 }).IsAccepted);
    }

    private static byte[] Seed(OathHashAlgorithm algorithm) => algorithm switch
    {
        OathHashAlgorithm.Sha256 => Sha256Seed,
        OathHashAlgorithm.Sha512 => Sha512Seed,
        _ => Sha1Seed,
    };
}
