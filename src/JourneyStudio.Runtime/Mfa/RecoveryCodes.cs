using System.Security.Cryptography;
using System.Text;

namespace JourneyStudio.Runtime.Mfa;

/// <summary>
/// Recovery codes (am-protocol 4.9): ten codes of ten characters from 0-9A-Za-z per registration, shown once,
/// kept only as salted hashes, each usable once.
/// </summary>
/// <remarks>
/// Storage format <c>v1$salt$hash</c>: base64 of a 16-byte random salt and of SHA-256(salt ‖ UTF-8 code).
/// A fast hash is enough here, unlike for passwords: each code carries about 59 bits of randomness, so an
/// offline search over leaked hashes is out of reach, and the per-code salt stops precomputed tables.
/// The version prefix lets a later format be introduced without breaking stored codes.
/// </remarks>
public static class RecoveryCodes
{
    /// <summary>Codes per registration (AM's NUM_RECOVERY_CODES).</summary>
    public const int DefaultCount = 10;

    /// <summary>Characters per code (AM's RecoveryCodeGenerator default).</summary>
    public const int CodeLength = 10;

    /// <summary>The characters a code is made of (AM's Alphabet.ALPHANUMERIC).</summary>
    public const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private const string FormatVersion = "v1";
    private const int SaltLength = 16;
    private const int HashLength = 32;

    /// <summary>New distinct codes, each drawn uniformly from <see cref="Alphabet"/> with a CSPRNG.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not between 1 and 100.</exception>
    public static IReadOnlyList<string> Generate(int count = DefaultCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 100);

        var codes = new List<string>(count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (codes.Count < count)
        {
            var code = RandomNumberGenerator.GetString(Alphabet, CodeLength);
            if (seen.Add(code))
            {
                codes.Add(code);
            }
        }

        return codes;
    }

    /// <summary>The storage form of one code: <c>v1$salt$hash</c> with a fresh random salt.</summary>
    /// <exception cref="ArgumentException">The code is not <see cref="CodeLength"/> characters of <see cref="Alphabet"/>.</exception>
    public static string Hash(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (!IsWellFormed(code))
        {
            throw new ArgumentException(
                $"A recovery code is {CodeLength} characters from 0-9A-Za-z.", nameof(code));
        }

        var salt = RandomNumberGenerator.GetBytes(SaltLength);
        return $"{FormatVersion}${Convert.ToBase64String(salt)}${Convert.ToBase64String(Digest(salt, code))}";
    }

    /// <summary>The storage forms of <paramref name="codes"/>, in the same order.</summary>
    public static IReadOnlyList<string> HashAll(IEnumerable<string> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        return codes.Select(Hash).ToArray();
    }

    /// <summary>
    /// Finds which stored code <paramref name="candidate"/> is (surrounding whitespace ignored; letter case
    /// matters). Returns its index, or null when none matches. The caller removes that entry to make the code
    /// single use.
    /// </summary>
    /// <exception cref="FormatException">A stored entry is not in the <c>v1$salt$hash</c> format.</exception>
    public static int? TryConsume(IReadOnlyList<string> storedHashes, string? candidate)
    {
        ArgumentNullException.ThrowIfNull(storedHashes);
        var code = candidate?.Trim();

        // Parse every entry first so a corrupt store fails loudly whatever the user typed.
        var entries = new (byte[] Salt, byte[] Hash)[storedHashes.Count];
        for (var i = 0; i < storedHashes.Count; i++)
        {
            entries[i] = ParseStored(storedHashes[i], i);
        }

        if (code is null || !IsWellFormed(code))
        {
            return null;
        }

        // Every entry is checked, and each in constant time, so timing shows neither which entry matched
        // nor how close a guess came.
        int? match = null;
        for (var i = 0; i < entries.Length; i++)
        {
            if (CryptographicOperations.FixedTimeEquals(Digest(entries[i].Salt, code), entries[i].Hash) && match is null)
            {
                match = i;
            }
        }

        return match;
    }

    /// <summary>True when <paramref name="code"/> has the shape of a recovery code.</summary>
    public static bool IsWellFormed(string? code) =>
        code is { Length: CodeLength } && code.All(c => char.IsAsciiLetterOrDigit(c));

    private static (byte[] Salt, byte[] Hash) ParseStored(string? stored, int index)
    {
        var parts = stored?.Split('$');
        if (parts is not { Length: 3 } || parts[0] != FormatVersion)
        {
            throw new FormatException($"Stored recovery code {index} is not in the v1$salt$hash format.");
        }

        return DecodeExact(parts[1], SaltLength) is { } salt && DecodeExact(parts[2], HashLength) is { } hash
            ? (salt, hash)
            : throw new FormatException($"Stored recovery code {index} has a salt or hash that is not base64 of the right length.");
    }

    private static byte[]? DecodeExact(string text, int length)
    {
        var buffer = new byte[length + 3];
        return Convert.TryFromBase64String(text, buffer, out var written) && written == length ? buffer[..length] : null;
    }

    private static byte[] Digest(byte[] salt, string code)
    {
        var input = new byte[salt.Length + Encoding.UTF8.GetByteCount(code)];
        salt.CopyTo(input, 0);
        Encoding.UTF8.GetBytes(code, 0, code.Length, input, salt.Length);
        return SHA256.HashData(input);
    }
}
