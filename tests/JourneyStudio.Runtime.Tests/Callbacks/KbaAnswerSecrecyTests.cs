using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Engine;

namespace JourneyStudio.Runtime.Tests.Callbacks;

/// <summary>A KBA answer is a secret like a password: never traced, never echoed when a page is sent again; its question is not.</summary>
public sealed class KbaAnswerSecrecyTests
{
    private static Callback Answered() =>
        Callback.KbaCreate("Select a security question", ["What's your favorite color?"], true)
            .WithInputValue(0, "What's your favorite color?")
            .WithInputValue(1, "Cerulean");

    [Fact]
    public void KbaCreate_AnswerIsASecret_TheTraceRedactsIt()
    {
        var answered = Answered();

        Assert.True(answered.CarriesSecret);
        Assert.Equal(StepTrace.Redacted, StepTrace.Describe(answered, answer: true).Value);
    }

    [Fact]
    public void KbaCreate_SentAgain_KeepsTheChosenQuestion_AndBlanksTheAnswer()
    {
        var again = Answered().WithoutSecretInputs();

        Assert.Equal("What's your favorite color?", again.GetInput(Callback.KbaQuestionSuffix)!.Value.GetString());
        Assert.Equal("", again.GetInput(Callback.KbaAnswerSuffix)!.Value.GetString());
    }
}
