using System.Net.Mail;

namespace JourneyStudio.Runtime.Identities;

/// <summary>What a valid identity looks like; each rule answers with a message an admin can act on.</summary>
public static class IdentityRules
{
    public const int MaxUsernameLength = 100;
    public const int MaxNameLength = 200;
    public const int MaxMailLength = 320;
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 1024;

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
}
