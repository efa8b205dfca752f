using JourneyStudio.Runtime.Persistence;

namespace JourneyStudio.Runtime.Tests.Persistence;

public sealed class JourneyNameRulesTests
{
    [Theory]
    [InlineData("Login")]
    [InlineData("a")]
    [InlineData("My Journey-1_v2.0")]
    [InlineData("FrodoTestJourney10")]
    public void Validate_AllowedName_NoProblem(string name) => Assert.Null(JourneyNameRules.Validate(name));

    [Fact]
    public void Validate_HundredCharacters_Allowed() => Assert.Null(JourneyNameRules.Validate(new string('x', 100)));

    [Theory]
    [InlineData("", "A journey name is required.")]
    [InlineData("   ", "A journey name cannot consist of spaces only.")]
    [InlineData(" Login", "A journey name cannot start or end with a space.")]
    [InlineData("Login ", "A journey name cannot start or end with a space.")]
    [InlineData("Login/Admin", "A journey name can only contain letters A-Z and a-z, digits, spaces, '-', '_' and '.'; '/' at position 6 is not allowed.")]
    [InlineData("Anmeldung-Übersicht", "'Ü' at position 11 is not allowed.")]
    [InlineData("Log\tin", "the character U+0009 at position 4 is not allowed.")]
    [InlineData("a?b", "'?' at position 2 is not allowed.")]
    public void Validate_BadName_SaysWhatIsWrong(string name, string expected) =>
        Assert.EndsWith(expected, JourneyNameRules.Validate(name));

    [Fact]
    public void Validate_TooLong_GivesLimitAndLength() =>
        Assert.Equal("A journey name can have at most 100 characters; this one has 101.", JourneyNameRules.Validate(new string('x', 101)));

    [Fact]
    public void Validate_Null_Required() => Assert.Equal("A journey name is required.", JourneyNameRules.Validate(null));
}
