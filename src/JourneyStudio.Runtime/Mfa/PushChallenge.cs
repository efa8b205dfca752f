using System.Security.Cryptography;

namespace JourneyStudio.Runtime.Mfa;

/// <summary>
/// The shared secret and the challenge-response proof of the push protocol (am-protocol 4.2, 4.5, 4.7): the
/// device proves it holds the secret by returning base64(HMAC-SHA256(secret, challenge bytes)).
/// </summary>
public static class PushChallenge
{
    /// <summary>Bytes in a push shared secret (AM's SECRET_BYTE_LENGTH).</summary>
    public const int SecretLength = 32;

    /// <summary>Bytes in a registration or authentication challenge.</summary>
    public const int ChallengeLength = 32;

    /// <summary>A new random shared secret.</summary>
    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(SecretLength);

    /// <summary>A new random challenge in standard base64, the form AM stores and puts in claim <c>c</c>.</summary>
    public static string NewChallenge() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(ChallengeLength));

    /// <summary>base64(HMAC-SHA256(<paramref name="secret"/>, base64decode(<paramref name="challengeBase64"/>))).</summary>
    /// <exception cref="ArgumentException">The secret is empty.</exception>
    /// <exception cref="FormatException">The challenge is not canonical standard base64.</exception>
    public static string ComputeResponse(ReadOnlySpan<byte> secret, string challengeBase64) =>
        ComputeResponse(secret, DecodeChallenge(challengeBase64));

    /// <summary>base64(HMAC-SHA256(<paramref name="secret"/>, <paramref name="challenge"/>)).</summary>
    /// <exception cref="ArgumentException">The secret is empty.</exception>
    public static string ComputeResponse(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> challenge)
    {
        RequireSecret(secret);
        return Convert.ToBase64String(HMACSHA256.HashData(secret, challenge));
    }

    /// <summary>
    /// True when <paramref name="response"/> is the right answer to the challenge. A missing or undecodable
    /// response is simply wrong; a bad challenge is our own data and throws.
    /// </summary>
    /// <exception cref="ArgumentException">The secret is empty.</exception>
    /// <exception cref="FormatException">The challenge is not canonical standard base64.</exception>
    public static bool Verify(ReadOnlySpan<byte> secret, string challengeBase64, string? response)
    {
        RequireSecret(secret);
        var expected = HMACSHA256.HashData(secret, DecodeChallenge(challengeBase64));
        if (!StrictBase64.TryDecode(response, urlSafe: false, Base64Padding.Optional, out var actual, out _))
        {
            return false;
        }

        // Constant time, so an attacker cannot learn the expected response byte by byte from timing.
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    private static byte[] DecodeChallenge(string challengeBase64) =>
        StrictBase64.TryDecode(challengeBase64, urlSafe: false, Base64Padding.Optional, out var bytes, out var error)
            ? bytes
            : throw new FormatException($"The push challenge is not valid: {error}.");

    private static void RequireSecret(ReadOnlySpan<byte> secret)
    {
        if (secret.IsEmpty)
        {
            throw new ArgumentException("The push shared secret must not be empty.", nameof(secret));
        }
    }
}
