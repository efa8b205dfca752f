namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>The settings of Patch Object.</summary>
public sealed record PatchObjectConfig
{
    [NodeProperty("patchAsObject", "Patch as Object",
        Help = "Patch as the user itself rather than as the journey's service account (AM: patch with the user's rights). "
               + "The studio has no per-attribute rights, so both patch alike.")]
    public bool PatchAsObject { get; init; }

    [NodeProperty("ignoredFields", "Ignored Fields",
        Help = "Collected attributes that are not written (e.g. userName, so a journey cannot rename the user).")]
    public IReadOnlyList<string> IgnoredFields { get; init; } = [];

    [NodeProperty("identityResource", "Identity Resource", Required = true, Help = IdentityNodeProperties.IdentityResourceHelp,
        Pattern = IdentityNodeProperties.IdentityResourcePattern, PatternDescription = IdentityNodeProperties.IdentityResourceDescription)]
    public string IdentityResource { get; init; } = IdentityNodeProperties.DefaultIdentityResource;

    [NodeProperty("identityAttribute", "Identity Attribute", Required = true, Help = IdentityNodeProperties.IdentityAttributeHelp)]
    public string IdentityAttribute { get; init; } = IdentityNodeProperties.DefaultIdentityAttribute;
}

/// <summary>Patch Object: writes the collected attributes to the journey's user.</summary>
public sealed class PatchObjectDescriptor : NodeDescriptor<PatchObjectConfig>
{
    public const string PatchedOutcome = "PATCHED";
    public const string FailureOutcome = "FAILURE";

    private static readonly IReadOnlyList<NodeOutcome> OutcomeList = [new(PatchedOutcome, "Patched"), new(FailureOutcome, "Failed")];

    public override string TypeId => NodeTypeIds.PatchObject;
    public override string DisplayName => "Patch Object";
    public override string Category => NodeCategories.IdentityManagement;
    public override string Description => "Updates the journey's user with the attributes collected earlier in the journey.";

    public override IReadOnlyList<NodeOutcome> GetOutcomes(PatchObjectConfig config) => OutcomeList;
}
