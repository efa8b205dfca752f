using System.Net.Mail;
using System.Text.RegularExpressions;

namespace JourneyStudio.Runtime.Identities;

/// <summary>What a valid identity looks like; each rule answers with a message an admin can act on.</summary>
public static class IdentityRules
{
    public const int MaxUsernameLength = 100;
    public const int MaxNameLength = 200;
    public const int MaxMailLength = 320;
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 1024;
    public const int MaxTelephoneLength = 40;
    public const int MaxTermsVersionLength = 100;
    public const int MaxCustomAttributes = 32;
    public const int MaxCustomAttributeNameLength = 64;
    public const int MaxCustomAttributeValueLength = 2048;
    public const int MaxKbaQuestions = 10;
    public const int MaxKbaQuestionLength = 500;
    public const int MaxKbaAnswerLength = 512;

    public static string? ValidateUsername(string? username)
    {
        if (string.IsNullOrWhiteSpace(username)) return "The username is required.";
        if (username.Length > MaxUsernameLength) return $"The username must be at most {MaxUsernameLength} characters.";
        if (username != username.Trim()) return "The username must not start or end with a space.";
        if (username.Any(c => char.IsControl(c) || c is ':' or '/' or '\\'))
            return "The username must not contain control characters, ':', '/' or '\\'.";
        return null;
    }

    public static string? ValidatePassword(string? password)
    {
        if (string.IsNullOrEmpty(password)) return "The password is required.";
        if (password.Length < MinPasswordLength) return $"The password must be at least {MinPasswordLength} characters.";
        if (password.Length > MaxPasswordLength) return $"The password must be at most {MaxPasswordLength} characters.";
        return null;
    }

    public static string? ValidateName(string? value, string label) =>
        value is not null && value.Length > MaxNameLength ? $"The {label} must be at most {MaxNameLength} characters." : null;

    public static string? ValidateMail(string? mail)
    {
        if (string.IsNullOrEmpty(mail)) return null;
        if (mail.Length > MaxMailLength) return $"The email address must be at most {MaxMailLength} characters.";
        return MailAddress.TryCreate(mail, out var parsed) && parsed.Address == mail
            ? null
            : $"'{mail}' is not a valid email address.";
    }

    public static string? ValidateTelephone(string? telephone)
    {
        if (string.IsNullOrEmpty(telephone)) return null;
        if (telephone.Length > MaxTelephoneLength) return $"The telephone number must be at most {MaxTelephoneLength} characters.";
        return Regex.IsMatch(telephone, @"^\+?[0-9][0-9 ()./-]*$")
            ? null
            : $"'{telephone}' is not a telephone number (digits, optionally a leading '+', spaces, '-', '.', '/' and parentheses).";
    }

    /// <summary>Checks a custom attribute map as it would be stored (after merging a change).</summary>
    public static string? ValidateCustomAttributes(IReadOnlyDictionary<string, string> attributes)
    {
        if (attributes.Count > MaxCustomAttributes) return $"An identity may have at most {MaxCustomAttributes} custom attributes.";
        foreach (var (name, value) in attributes)
        {
            if (ValidateCustomAttributeName(name) is { } problem) return problem;
            if (value.Length > MaxCustomAttributeValueLength)
                return $"The custom attribute '{name}' must be at most {MaxCustomAttributeValueLength} characters.";
        }
        return null;
    }

    public static string? ValidateCustomAttributeName(string name)
    {
        if (!Regex.IsMatch(name, $"^[A-Za-z][A-Za-z0-9_]{{0,{MaxCustomAttributeNameLength - 1}}}$"))
            return $"'{name}' cannot name a custom attribute: use a letter, then letters, digits or '_' (at most {MaxCustomAttributeNameLength}).";
        if (ManagedUserAttributes.IsReservedName(name))
            return $"'{name}' is an identity attribute of its own, not a custom attribute.";
        return null;
    }

    public static string? ValidateKba(IReadOnlyList<KbaAnswerInput> answers)
    {
        if (answers.Count > MaxKbaQuestions) return $"An identity may have at most {MaxKbaQuestions} security questions.";
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < answers.Count; i++)
        {
            var (questionId, customQuestion, answer) = answers[i];
            var label = $"Security question {i + 1}";
            if ((questionId is null) == (customQuestion is null))
                return $"{label} needs either a questionId or a customQuestion, not both.";
            if (questionId is not null && !Regex.IsMatch(questionId, "^[A-Za-z0-9_-]{1,64}$"))
                return $"{label} has the questionId '{questionId}'; use letters, digits, '-' or '_' (at most 64).";
            if (customQuestion is not null && (string.IsNullOrWhiteSpace(customQuestion) || customQuestion.Length > MaxKbaQuestionLength))
                return $"{label}'s customQuestion must be text of 1 to {MaxKbaQuestionLength} characters.";
            if (!seen.Add(questionId is null ? "custom:" + customQuestion!.Trim() : "id:" + questionId))
                return $"{label} repeats a question.";
            if (string.IsNullOrWhiteSpace(answer)) return $"{label} needs an answer.";
            if (answer.Length > MaxKbaAnswerLength) return $"{label}'s answer must be at most {MaxKbaAnswerLength} characters.";
        }
        return null;
    }

    public static string? ValidateTerms(TermsAcceptance? terms) =>
        terms is null ? null
        : string.IsNullOrWhiteSpace(terms.TermsVersion) || terms.TermsVersion.Length > MaxTermsVersionLength
            ? $"The accepted terms version must be text of 1 to {MaxTermsVersionLength} characters."
            : null;

    /// <summary>The first problem of a profile change, or null.</summary>
    public static string? ValidateProfile(IdentityProfileChanges changes) =>
        ValidateTelephone(changes.TelephoneNumber)
        ?? (changes.CustomAttributes?.Keys.Select(ValidateCustomAttributeName).FirstOrDefault(p => p is not null))
        ?? (changes.CustomAttributes?.Where(a => a.Value is { Length: > MaxCustomAttributeValueLength }).Select(a =>
            $"The custom attribute '{a.Key}' must be at most {MaxCustomAttributeValueLength} characters.").FirstOrDefault())
        ?? (changes.KbaInfo is null ? null : ValidateKba(changes.KbaInfo))
        ?? ValidateTerms(changes.TermsAccepted);
}
