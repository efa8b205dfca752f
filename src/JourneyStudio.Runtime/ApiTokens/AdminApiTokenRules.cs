using System.Security.Cryptography;
using System.Text;
using JourneyStudio.Runtime.Mfa;

namespace JourneyStudio.Runtime.ApiTokens;

/// <summary>What an admin API token looks like and how it is kept.</summary>
public static class AdminApiTokenRules
{
    /// <summary>Makes a leaked token recognisable to secret scanners and to people reading a log.</summary>
    public const string Prefix = "jst_";

    /// <summary>256 random bits: guessing is hopeless, so a fast hash (SHA-256) is enough to keep it at rest.</summary>
    public const int RandomBytes = 32;

    /// <summary>The prefix plus 32 bytes in unpadded base64url (43 characters).</summary>
    public const int TokenLength = 47;

    public const int MaxNameLength = 100;

    public static string NewToken() => Prefix + Base64Url.Encode(RandomNumberGenerator.GetBytes(RandomBytes));

    /// <summary>Lower-case hex SHA-256 of the token text; the only form in which a token is stored.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>True for text that could be a token of this studio; anything else is refused without a database read.</summary>
    public static bool HasTokenShape(string? text) =>
        text is { Length: TokenLength }
        && text.StartsWith(Prefix, StringComparison.Ordinal)
        && text.AsSpan(Prefix.Length).IndexOfAnyExcept(Base64UrlAlphabet) < 0;

    /// <summary>Null when valid, else what is wrong with the name.</summary>
    public static string? ValidateName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "A token needs a name (what it is for, e.g. \"deploy pipeline\").";
        if (name.Length > MaxNameLength) return $"A token name can have at most {MaxNameLength} characters; this one has {name.Length}.";
        if (char.IsWhiteSpace(name[0]) || char.IsWhiteSpace(name[^1])) return "A token name cannot start or end with a space.";
        if (name.Any(char.IsControl)) return "A token name cannot contain control characters.";
        return null;
    }

    private static readonly System.Buffers.SearchValues<char> Base64UrlAlphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
}
