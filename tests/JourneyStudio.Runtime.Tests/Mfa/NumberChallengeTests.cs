using JourneyStudio.Runtime.Mfa;

namespace JourneyStudio.Runtime.Tests.Mfa;

public sealed class NumberChallengeTests
{
    [Fact]
    public void Create_ThreeDistinctSortedTwoDigitNumbersWithAnswerAmongThem()
    {
        var answerPositions = new HashSet<int>();
        for (var i = 0; i < 300; i++)
        {
            var challenge = NumberChallenge.Create();

            Assert.Equal(3, challenge.Choices.Count);
            Assert.All(challenge.Choices, n => Assert.InRange(n, 10, 99));
            Assert.Equal(challenge.Choices.Order(), challenge.Choices);
            Assert.Equal(3, challenge.Choices.Distinct().Count());
            Assert.Contains(challenge.Answer, challenge.Choices);
            answerPositions.Add(challenge.Choices.ToList().IndexOf(challenge.Answer));
        }

        // The answer must not always sit in the same place.
        Assert.Equal([0, 1, 2], answerPositions.Order());
    }

    [Fact]
    public void ChoicesClaim_IsCommaSeparated()
    {
        var challenge = NumberChallenge.FromValues([83, 12, 47], 47);

        Assert.Equal("12,47,83", challenge.ChoicesClaim);
        Assert.Equal([12, 47, 83], NumberChallenge.ParseChoicesClaim(challenge.ChoicesClaim));
    }

    [Theory]
    [InlineData("47", true)]
    [InlineData(" 47 ", true)]
    [InlineData("12", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("forty-seven", false)]
    public void IsAnsweredBy_ComparesWithTheAnswer(string? response, bool expected)
    {
        Assert.Equal(expected, NumberChallenge.FromValues([12, 47, 83], 47).IsAnsweredBy(response));
    }

    [Theory]
    [InlineData(new[] { 12, 47 }, 12, "3 numbers, not 2")]
    [InlineData(new[] { 12, 47, 100 }, 12, "between 10 and 99")]
    [InlineData(new[] { 9, 47, 50 }, 47, "between 10 and 99")]
    [InlineData(new[] { 12, 12, 50 }, 12, "distinct")]
    [InlineData(new[] { 12, 47, 50 }, 13, "answer 13 is not one")]
    public void FromValues_InvalidValues_Throw(int[] choices, int answer, string reason)
    {
        var exception = Assert.Throws<ArgumentException>(() => NumberChallenge.FromValues(choices, answer));

        Assert.Contains(reason, exception.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12,x,83")]
    [InlineData("12;47")]
    public void ParseChoicesClaim_Garbage_Throws(string claim)
    {
        Assert.Throws<FormatException>(() => NumberChallenge.ParseChoicesClaim(claim));
    }
}
