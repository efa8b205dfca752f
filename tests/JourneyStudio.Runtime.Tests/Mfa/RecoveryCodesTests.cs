using JourneyStudio.Runtime.Mfa;

namespace JourneyStudio.Runtime.Tests.Mfa;

public sealed class RecoveryCodesTests
{
    [Fact]
    public void Generate_TenDistinctCodesOfTenAlphanumerics()
    {
        var codes = RecoveryCodes.Generate();

        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, code => Assert.Matches("^[0-9A-Za-z]{10}$", code));
    }

    [Fact]
    public void Generate_UsesTheWholeAlphabet()
    {
        // 2,000 characters: each of the 62 is expected about 32 times; missing one would mean a narrowed alphabet.
        var used = Enumerable.Range(0, 20).SelectMany(_ => RecoveryCodes.Generate()).SelectMany(c => c).ToHashSet();

        Assert.Equal(RecoveryCodes.Alphabet.Order(), used.Order());
    }

    [Fact]
    public void Generate_CountOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RecoveryCodes.Generate(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => RecoveryCodes.Generate(101));
    }

    [Fact]
    public void Hash_StoresVersionSaltAndHashButNotTheCode()
    {
        var hash = RecoveryCodes.Hash("iZmEtxvQ00");

        Assert.Matches(@"^v1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$", hash);
        Assert.DoesNotContain("iZmEtxvQ00", hash);
        Assert.NotEqual(hash, RecoveryCodes.Hash("iZmEtxvQ00")); // fresh salt each time
    }

    [Theory]
    [InlineData("short")]
    [InlineData("iZmEtxvQ00x")]
    [InlineData("iZmEtxvQ0-")]
    public void Hash_NotACode_Throws(string code)
    {
        Assert.Throws<ArgumentException>(() => RecoveryCodes.Hash(code));
    }

    [Fact]
    public void TryConsume_FindsTheIndexOfTheMatchingCode()
    {
        var codes = RecoveryCodes.Generate();
        var stored = RecoveryCodes.HashAll(codes);

        for (var i = 0; i < codes.Count; i++)
        {
            Assert.Equal(i, RecoveryCodes.TryConsume(stored, codes[i]));
        }
    }

    [Theory]
    [InlineData("  Eqw3GFVamY")]
    [InlineData("Eqw3GFVamY \n")]
    [InlineData("\tEqw3GFVamY\r\n")]
    public void TryConsume_IgnoresSurroundingWhitespace(string typed)
    {
        var stored = RecoveryCodes.HashAll(["iZmEtxvQ00", "Eqw3GFVamY"]);

        Assert.Equal(1, RecoveryCodes.TryConsume(stored, typed));
    }

    [Theory]
    [InlineData("eqw3gfvamy")]
    [InlineData("Eqw3GFVamZ")]
    [InlineData("Eqw3GFVam")]
    [InlineData("Eqw3GFVamYY")]
    [InlineData("Eqw3 GFVamY")]
    [InlineData("")]
    [InlineData(null)]
    public void TryConsume_WrongCaseLengthOrCode_MatchesNothing(string? typed)
    {
        var stored = RecoveryCodes.HashAll(["iZmEtxvQ00", "Eqw3GFVamY"]);

        Assert.Null(RecoveryCodes.TryConsume(stored, typed));
    }

    [Fact]
    public void TryConsume_AfterTheCallerRemovesTheEntry_TheCodeNoLongerWorks()
    {
        var stored = RecoveryCodes.HashAll(["iZmEtxvQ00", "Eqw3GFVamY", "nNPqIEtIpS"]).ToList();

        var index = RecoveryCodes.TryConsume(stored, "Eqw3GFVamY");
        stored.RemoveAt(index!.Value);

        Assert.Null(RecoveryCodes.TryConsume(stored, "Eqw3GFVamY"));
        Assert.Equal(1, RecoveryCodes.TryConsume(stored, "nNPqIEtIpS"));
    }

    [Fact]
    public void TryConsume_EmptyStore_MatchesNothing()
    {
        Assert.Null(RecoveryCodes.TryConsume([], "iZmEtxvQ00"));
    }

    [Theory]
    [InlineData("iZmEtxvQ00")]
    [InlineData("v2$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("v1$AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("v1$AAAAAAAAAAAAAAAAAAAAAA==$not-base64")]
    public void TryConsume_CorruptStoredEntry_ThrowsNamingItsIndex(string corrupt)
    {
        var stored = new[] { RecoveryCodes.Hash("iZmEtxvQ00"), corrupt };

        var exception = Assert.Throws<FormatException>(() => RecoveryCodes.TryConsume(stored, "iZmEtxvQ00"));

        Assert.Contains("Stored recovery code 1", exception.Message);
    }
}
