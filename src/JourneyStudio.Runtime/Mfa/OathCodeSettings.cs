namespace JourneyStudio.Runtime.Mfa;

/// <summary>How codes are computed for one OATH device: hash, digits and (TOTP) period.</summary>
public sealed record OathCodeSettings
{
    /// <summary>The HMAC; SHA1 unless configured otherwise.</summary>
    public OathHashAlgorithm Algorithm { get; init; } = OathHashAlgorithm.Sha1;

    /// <summary>Digits per code: 6 or 8.</summary>
    public int Digits { get; init; } = 6;

    /// <summary>Seconds per TOTP time step.</summary>
    public int PeriodSeconds { get; init; } = 30;

    /// <summary>The defaults: SHA1, 6 digits, 30 seconds.</summary>
    public static OathCodeSettings Default { get; } = new();

    internal void Validate()
    {
        if (Digits is not (6 or 8))
        {
            throw new ArgumentException($"OATH codes have 6 or 8 digits, not {Digits}.", nameof(Digits));
        }

        if (PeriodSeconds < 1)
        {
            throw new ArgumentException($"The TOTP period must be at least 1 second, not {PeriodSeconds}.", nameof(PeriodSeconds));
        }

        if (!Enum.IsDefined(Algorithm))
        {
            throw new ArgumentException($"Unknown OATH hash algorithm {Algorithm}.", nameof(Algorithm));
        }
    }
}
