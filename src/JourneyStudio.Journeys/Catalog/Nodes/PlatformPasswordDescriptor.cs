namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>The settings of Platform Password.</summary>
public sealed record PlatformPasswordConfig
{
    [NodeProperty("validateInput", "Validate password",
        Help = "Check the password against the password policy and show any policy failures to the user.")]
    public bool ValidateInput { get; init; }

    [NodeProperty("passwordAttribute", "Password Attribute", Required = true,
        Help = "The identity attribute that holds the password; the value is also stored under objectAttributes with this name.")]
    public string PasswordAttribute { get; init; } = PlatformPasswordDescriptor.DefaultPasswordAttribute;

    /// <summary>The attribute to write: the configured one, or <c>password</c> when it is left blank.</summary>
    public string PasswordAttributeOrDefault => PasswordAttribute.Length > 0 ? PasswordAttribute : PlatformPasswordDescriptor.DefaultPasswordAttribute;
}

/// <summary>Platform Password: asks for the password and keeps it in transient state only.</summary>
public sealed class PlatformPasswordDescriptor : SingleOutcomeNodeDescriptor<PlatformPasswordConfig>
{
    /// <summary>Prompt of the PasswordCallback.</summary>
    public const string Prompt = "Password";

    public const string DefaultPasswordAttribute = "password";

    public override string TypeId => NodeTypeIds.PlatformPassword;
    public override string DisplayName => "Platform Password";
    public override string Category => NodeCategories.Basic;
    public override string Description => "Asks for the password and keeps it in transient state for the next nodes.";
    public override bool CanBeOnPage => true;
}
