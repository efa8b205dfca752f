using System.Text.Json.Nodes;

namespace JourneyStudio.Runtime.Mfa;

/// <summary>The outcome of <see cref="Hs256Jwt.Verify"/>: exactly one of the nested cases.</summary>
public abstract record JwtVerification
{
    private JwtVerification()
    {
    }

    /// <summary>The signature verified with the key; <paramref name="Claims"/> is the payload object.</summary>
    public sealed record Valid(JsonObject Claims) : JwtVerification;

    /// <summary>The token is not a well-formed compact JWS; <paramref name="Reason"/> says what is wrong.</summary>
    public sealed record Malformed(string Reason) : JwtVerification;

    /// <summary>The token is well formed but its signature does not match the key (wrong key or tampered token).</summary>
    public sealed record BadSignature : JwtVerification;

    /// <summary>
    /// The header names an algorithm other than HS256 (<paramref name="Algorithm"/> is what it said, or null
    /// when absent). Refused outright so a token can never choose a weaker check, such as <c>none</c>.
    /// </summary>
    public sealed record WrongAlgorithm(string? Algorithm) : JwtVerification;

    /// <summary>True for <see cref="Valid"/>.</summary>
    public bool IsValid => this is Valid;
}
