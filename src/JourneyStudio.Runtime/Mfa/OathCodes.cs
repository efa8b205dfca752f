using System.Security.Cryptography;
using System.Text;
using OtpNet;

namespace JourneyStudio.Runtime.Mfa;

/// <summary>
/// TOTP (RFC 6238) and HOTP (RFC 4226) codes on Otp.NET, with the verification rules of AM's OATH Token
/// Verifier: a window of time steps either side of now, replay refusal for TOTP, a look-ahead window for HOTP.
/// </summary>
public static class OathCodes
{
    /// <summary>AM's default secret length, in hex characters (16 bytes).</summary>
    public const int DefaultMinSharedSecretLength = 32;

    /// <summary>
    /// A new random secret of <paramref name="minSharedSecretLength"/> hex characters, i.e. half as many bytes
    /// (rounded up), as AM's <c>minSharedSecretLength</c> setting means it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The length is below 8 or above 256.</exception>
    public static byte[] NewSecret(int minSharedSecretLength = DefaultMinSharedSecretLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minSharedSecretLength, 8);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minSharedSecretLength, 256);
        return RandomNumberGenerator.GetBytes((minSharedSecretLength + 1) / 2);
    }

    /// <summary>The TOTP time step that <paramref name="time"/> falls in.</summary>
    public static long TimeStep(DateTimeOffset time, int periodSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(periodSeconds, 1);
        return Math.DivRem(time.ToUnixTimeSeconds(), periodSeconds, out var remainder) - (remainder < 0 ? 1 : 0);
    }

    /// <summary>The TOTP code at <paramref name="time"/>.</summary>
    public static string GenerateTotp(ReadOnlySpan<byte> secret, DateTimeOffset time, OathCodeSettings? settings = null)
    {
        settings ??= OathCodeSettings.Default;
        settings.Validate();
        return GenerateForStep(secret.ToArray(), TimeStep(time, settings.PeriodSeconds), settings);
    }

    /// <summary>The HOTP code for <paramref name="counter"/>.</summary>
    public static string GenerateHotp(ReadOnlySpan<byte> secret, long counter, OathCodeSettings? settings = null)
    {
        settings ??= OathCodeSettings.Default;
        settings.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(counter);
        return NewHotp(secret.ToArray(), settings).ComputeHOTP(counter);
    }

    /// <summary>
    /// Checks a TOTP code against the steps from now - <paramref name="totpTimeSteps"/> to now +
    /// <paramref name="totpTimeSteps"/>, refusing any step at or before <paramref name="lastAcceptedStep"/>
    /// so that a code seen once cannot be used again.
    /// </summary>
    public static OathVerification VerifyTotp(
        ReadOnlySpan<byte> secret,
        string? code,
        DateTimeOffset now,
        int totpTimeSteps,
        long? lastAcceptedStep,
        OathCodeSettings? settings = null)
    {
        settings ??= OathCodeSettings.Default;
        settings.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(totpTimeSteps);
        RequireSecret(secret);
        if (!TryNormalise(code, settings.Digits, out var candidate))
        {
            return new OathVerification.Rejected(OathRejection.Malformed);
        }

        var key = secret.ToArray();
        var current = TimeStep(now, settings.PeriodSeconds);
        long? accepted = null;
        var replayed = false;
        for (var step = current - totpTimeSteps; step <= current + totpTimeSteps; step++)
        {
            if (step < 0 || !FixedTimeEquals(GenerateForStep(key, step, settings), candidate))
            {
                continue;
            }

            if (lastAcceptedStep is { } last && step <= last)
            {
                replayed = true;
            }
            else
            {
                accepted ??= step;
            }
        }

        return accepted is { } matched
            ? new OathVerification.Accepted(matched)
            : new OathVerification.Rejected(replayed ? OathRejection.Replayed : OathRejection.NoMatch);
    }

    /// <summary>
    /// Checks an HOTP code against counters <paramref name="counter"/> to <paramref name="counter"/> +
    /// <paramref name="lookAheadWindow"/> (the device may have generated codes that were never used). On
    /// success the result carries the counter to store next, so each code works once.
    /// </summary>
    public static OathVerification VerifyHotp(
        ReadOnlySpan<byte> secret,
        string? code,
        long counter,
        int lookAheadWindow,
        OathCodeSettings? settings = null)
    {
        settings ??= OathCodeSettings.Default;
        settings.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(counter);
        ArgumentOutOfRangeException.ThrowIfNegative(lookAheadWindow);
        RequireSecret(secret);
        if (!TryNormalise(code, settings.Digits, out var candidate))
        {
            return new OathVerification.Rejected(OathRejection.Malformed);
        }

        var hotp = NewHotp(secret.ToArray(), settings);
        for (var c = counter; c <= counter + lookAheadWindow; c++)
        {
            if (FixedTimeEquals(hotp.ComputeHOTP(c), candidate))
            {
                return new OathVerification.Accepted(c + 1);
            }
        }

        return new OathVerification.Rejected(OathRejection.NoMatch);
    }

    private static string GenerateForStep(byte[] key, long step, OathCodeSettings settings) =>
        new Totp(key, settings.PeriodSeconds, ToOtpHashMode(settings.Algorithm), settings.Digits)
            .ComputeTotp(DateTime.UnixEpoch.AddSeconds((double)step * settings.PeriodSeconds));

    private static Hotp NewHotp(byte[] key, OathCodeSettings settings)
    {
        RequireSecret(key);
        return new Hotp(key, ToOtpHashMode(settings.Algorithm), settings.Digits);
    }

    private static OtpHashMode ToOtpHashMode(OathHashAlgorithm algorithm) => algorithm switch
    {
        OathHashAlgorithm.Sha1 => OtpHashMode.Sha1,
        OathHashAlgorithm.Sha256 => OtpHashMode.Sha256,
        OathHashAlgorithm.Sha512 => OtpHashMode.Sha512,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown OATH hash algorithm."),
    };

    // Users paste codes with spaces ("123 456"); anything else that is not exactly the digits is malformed.
    private static bool TryNormalise(string? code, int digits, out string normalised)
    {
        normalised = code is null ? "" : string.Concat(code.Where(c => !char.IsWhiteSpace(c)));
        return normalised.Length == digits && normalised.All(char.IsAsciiDigit);
    }

    private static bool FixedTimeEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(actual));

    private static void RequireSecret(ReadOnlySpan<byte> secret)
    {
        if (secret.IsEmpty)
        {
            throw new ArgumentException("The OATH secret must not be empty.", nameof(secret));
        }
    }
}
