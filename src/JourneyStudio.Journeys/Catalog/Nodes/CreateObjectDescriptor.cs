namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>The settings of Create Object.</summary>
public sealed record CreateObjectConfig
{
    [NodeProperty("identityResource", "Identity Resource", Required = true, Help = IdentityNodeProperties.IdentityResourceHelp,
        Pattern = IdentityNodeProperties.IdentityResourcePattern, PatternDescription = IdentityNodeProperties.IdentityResourceDescription)]
    public string IdentityResource { get; init; } = IdentityNodeProperties.DefaultIdentityResource;
}

/// <summary>Create Object: creates the user from the collected attributes (objectAttributes and the transient password).</summary>
public sealed class CreateObjectDescriptor : NodeDescriptor<CreateObjectConfig>
{
    public const string CreatedOutcome = "CREATED";
    public const string FailureOutcome = "FAILURE";

    private static readonly IReadOnlyList<NodeOutcome> OutcomeList = [new(CreatedOutcome, "Created"), new(FailureOutcome, "Failed")];

    public override string TypeId => NodeTypeIds.CreateObject;
    public override string DisplayName => "Create Object";
    public override string Category => NodeCategories.IdentityManagement;
    public override string Description => "Creates a user from the attributes collected earlier in the journey.";

    public override IReadOnlyList<NodeOutcome> GetOutcomes(CreateObjectConfig config) => OutcomeList;
}
