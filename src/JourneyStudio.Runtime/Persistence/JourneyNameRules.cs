namespace JourneyStudio.Runtime.Persistence;

/// <summary>
/// What a journey name may be. Names appear in URLs (<c>/admin/api/journeys/{name}</c>, preview and
/// sign-on links) and are unique without regard to case, so they stay within a small ASCII set:
/// SQLite's NOCASE folds ASCII letters only.
/// </summary>
public static class JourneyNameRules
{
    public const int MaxLength = 100;

    /// <summary>Null when <paramref name="name"/> is a valid journey name, else a message saying what is wrong.</summary>
    public static string? Validate(string? name)
    {
        if (string.IsNullOrEmpty(name))
            return "A journey name is required.";
        if (name.Length > MaxLength)
            return $"A journey name can have at most {MaxLength} characters; this one has {name.Length}.";
        if (string.IsNullOrWhiteSpace(name))
            return "A journey name cannot consist of spaces only.";
        if (name[0] == ' ' || name[^1] == ' ')
            return "A journey name cannot start or end with a space.";

        for (var i = 0; i < name.Length; i++)
        {
            if (!IsAllowed(name[i]))
                return $"A journey name can only contain letters A-Z and a-z, digits, spaces, '-', '_' and '.'; "
                    + $"{Describe(name[i])} at position {i + 1} is not allowed.";
        }
        return null;
    }

    public static bool IsValid(string? name) => Validate(name) is null;

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-' or '_' or '.';

    private static string Describe(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c) ? $"the character U+{(int)c:X4}" : $"'{c}'";
}
