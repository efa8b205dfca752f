namespace JourneyStudio.Runtime.Identities;

/// <summary>
/// The password policy Platform Password checks when it validates input (<c>JourneyStudio:PasswordPolicy</c>); IDM's default
/// managed-user policy unless configured.
/// </summary>
public sealed class PasswordPolicyOptions
{
    public const string SectionName = "JourneyStudio:PasswordPolicy";

    /// <summary>Fewest characters; never below what the identity store accepts (<see cref="IdentityRules.MinPasswordLength"/>).</summary>
    public int MinLength { get; set; } = IdentityRules.MinPasswordLength;

    public int MinCapitalLetters { get; set; } = 1;

    public int MinNumbers { get; set; } = 1;

    /// <summary>Attributes whose values the password must not contain.</summary>
    public List<string> DisallowedFields { get; set; } = ["userName", "givenName", "sn"];

    /// <summary>A message for each setting out of range; empty when the options can be used.</summary>
    public IEnumerable<string> Problems()
    {
        if (MinLength < IdentityRules.MinPasswordLength || MinLength > IdentityRules.MaxPasswordLength)
            yield return $"{SectionName}:MinLength must be between {IdentityRules.MinPasswordLength} and {IdentityRules.MaxPasswordLength}.";
        if (MinCapitalLetters < 0) yield return $"{SectionName}:MinCapitalLetters must not be negative.";
        if (MinNumbers < 0) yield return $"{SectionName}:MinNumbers must not be negative.";
    }
}
