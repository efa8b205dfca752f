namespace JourneyStudio.Runtime.Identities;

/// <summary>
/// One security question of an identity (IDM <c>kbaInfo</c> item): a predefined question by id, or the user's own
/// question text, with the answer's hash (the password hasher's format, of the answer trimmed and lower-cased, so that
/// answers compare as IDM compares them: without regard to case or surrounding spaces).
/// </summary>
public sealed record KbaAnswer(string? QuestionId, string? CustomQuestion, string AnswerHash)
{
    /// <summary>The answer as it is hashed and compared.</summary>
    public static string Normalize(string answer) => answer.Trim().ToLowerInvariant();
}

/// <summary>A security question with its answer in clear, as an admin or a journey supplies it (hashed before it is kept).</summary>
public sealed record KbaAnswerInput(string? QuestionId, string? CustomQuestion, string Answer);

/// <summary>IDM's predefined security questions (its default <c>selfservice.kba</c> set), by question id.</summary>
public static class KbaQuestions
{
    public static readonly IReadOnlyDictionary<string, string> Predefined = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["1"] = "What's your favorite color?",
        ["2"] = "Who was your first employer?",
    };

    /// <summary>The text a user is asked for one stored question.</summary>
    public static string TextOf(string? questionId, string? customQuestion) =>
        customQuestion ?? (questionId is not null && Predefined.TryGetValue(questionId, out var text) ? text : $"Security question {questionId}");
}
