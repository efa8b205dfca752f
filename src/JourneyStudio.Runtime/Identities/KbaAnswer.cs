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

/// <summary>How a stored security question reads to the user and to an admin.</summary>
public static class KbaQuestions
{
    /// <summary>
    /// The text of one stored question: the user's own, or the admin's predefined question of that id (the set the KBA
    /// Definition node offered, edited on the Terms &amp; Questions page).
    /// </summary>
    public static string TextOf(IReadOnlyList<SelfService.KbaQuestion> predefined, string? questionId, string? customQuestion) =>
        customQuestion ?? predefined.FirstOrDefault(q => q.Id == questionId)?.Question ?? $"Security question {questionId}";
}
