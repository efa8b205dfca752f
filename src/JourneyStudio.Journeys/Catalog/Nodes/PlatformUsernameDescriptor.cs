namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>The settings of Platform Username.</summary>
public sealed record PlatformUsernameConfig
{
    [NodeProperty("validateInput", "Validate username",
        Help = "Check the username against the identity policy and show any policy failures to the user.")]
    public bool ValidateInput { get; init; }

    [NodeProperty("usernameAttribute", "Username Attribute", Required = true,
        Help = "The identity attribute that holds the username; the value is also stored under objectAttributes with this name.")]
    public string UsernameAttribute { get; init; } = PlatformUsernameDescriptor.DefaultUsernameAttribute;

    /// <summary>The attribute to write: the configured one, or <c>userName</c> when it is left blank.</summary>
    public string UsernameAttributeOrDefault => UsernameAttribute.Length > 0 ? UsernameAttribute : PlatformUsernameDescriptor.DefaultUsernameAttribute;
}

/// <summary>Platform Username: asks for the username and stores it for the platform nodes that follow.</summary>
public sealed class PlatformUsernameDescriptor : SingleOutcomeNodeDescriptor<PlatformUsernameConfig>
{
    /// <summary>Prompt of the NameCallback.</summary>
    public const string Prompt = "Username";

    public const string DefaultUsernameAttribute = "userName";

    public override string TypeId => NodeTypeIds.PlatformUsername;
    public override string DisplayName => "Platform Username";
    public override string Category => NodeCategories.Basic;
    public override string Description => "Asks for the username and keeps it in the journey state.";
    public override bool CanBeOnPage => true;
}
