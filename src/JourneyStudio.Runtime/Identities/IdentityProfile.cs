namespace JourneyStudio.Runtime.Identities;

/// <summary>The identity's profile beyond names and mail, as the admin API and pages show it (no answer hashes).</summary>
public sealed record IdentityProfile
{
    public static IdentityProfile Empty { get; } = new();

    public string TelephoneNumber { get; init; } = "";
    public bool? Marketing { get; init; }
    public bool? Updates { get; init; }
    public IReadOnlyDictionary<string, string> CustomAttributes { get; init; } = new Dictionary<string, string>();
    /// <summary>The questions only (answers stay hashed in the store).</summary>
    public IReadOnlyList<KbaQuestionSummary> KbaQuestions { get; init; } = [];
    public int LoginCount { get; init; }
    public DateTimeOffset? LastLogin { get; init; }
    public TermsAcceptance? TermsAccepted { get; init; }
}

public sealed record KbaQuestionSummary(string? QuestionId, string? CustomQuestion);

/// <summary>IDM <c>termsAccepted</c>: which version of the terms the user accepted, and when.</summary>
public sealed record TermsAcceptance(string TermsVersion, DateTimeOffset AcceptDate);

/// <summary>
/// Profile changes for a create or a partial update; null leaves a field as it is. <see cref="CustomAttributes"/> merges
/// (a null value removes that attribute); <see cref="KbaInfo"/> replaces every question.
/// </summary>
public sealed record IdentityProfileChanges
{
    public static IdentityProfileChanges None { get; } = new();

    public string? TelephoneNumber { get; init; }
    public bool? Marketing { get; init; }
    public bool? Updates { get; init; }
    public IReadOnlyDictionary<string, string?>? CustomAttributes { get; init; }
    public IReadOnlyList<KbaAnswerInput>? KbaInfo { get; init; }
    public TermsAcceptance? TermsAccepted { get; init; }

    public bool IsEmpty => this == None;
}
