namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>The settings of Anonymous User Mapping, with AM's property names (AnonymousUserNode.Config).</summary>
public sealed record AnonymousUserConfig
{
    [NodeProperty("anonymousUserName", "Anonymous User Name", Required = true,
        Help = "The existing, active account that stands for anonymous users.")]
    public string AnonymousUserName { get; init; } = AnonymousUserDescriptor.DefaultAnonymousUserName;
}

/// <summary>Anonymous User Mapping: continues as the configured anonymous account, without credentials.</summary>
public sealed class AnonymousUserDescriptor : SingleOutcomeNodeDescriptor<AnonymousUserConfig>
{
    public const string DefaultAnonymousUserName = "anonymous";

    public override string TypeId => NodeTypeIds.AnonymousUser;
    public override string DisplayName => "Anonymous User Mapping";
    public override string Category => NodeCategories.Basic;
    public override string Description => "Signs the user on as the anonymous account, without asking for credentials.";
}
