namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>Accept Terms and Conditions: shows the active terms (TermsAndConditionsCallback) and records their acceptance.</summary>
public sealed class AcceptTermsAndConditionsDescriptor : SingleOutcomeNodeDescriptor<NoConfig>
{
    public override string TypeId => NodeTypeIds.AcceptTermsAndConditions;
    public override string DisplayName => "Accept Terms and Conditions";
    public override string Category => NodeCategories.Basic;
    public override string Description => "Asks the user to accept the terms and conditions set in the studio, and records the version accepted.";
    public override bool CanBeOnPage => true;
}
