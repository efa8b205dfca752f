namespace JourneyStudio.Runtime.Mfa;

/// <summary>Why an OATH code was refused.</summary>
public enum OathRejection
{
    /// <summary>Not a string of exactly the configured number of digits.</summary>
    Malformed,

    /// <summary>Does not match any time step or counter in the window.</summary>
    NoMatch,

    /// <summary>Matches a TOTP time step at or before the last accepted one: a replayed code.</summary>
    Replayed,
}

/// <summary>The outcome of an OATH verification: exactly one of the nested cases.</summary>
public abstract record OathVerification
{
    private OathVerification()
    {
    }

    /// <summary>
    /// The code is right. <paramref name="Value"/> is, for TOTP, the matched time step (store it as the last
    /// accepted step); for HOTP, the counter to store next (matched counter + 1).
    /// </summary>
    public sealed record Accepted(long Value) : OathVerification;

    /// <summary>The code is refused for <paramref name="Reason"/>.</summary>
    public sealed record Rejected(OathRejection Reason) : OathVerification;

    /// <summary>True for <see cref="Accepted"/>.</summary>
    public bool IsAccepted => this is Accepted;
}
