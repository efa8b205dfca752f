namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>Data Store Decision: checks the collected username and password against the identity store.</summary>
public sealed class DataStoreDecisionDescriptor : DecisionNodeDescriptor<NoConfig>
{
    public override string TypeId => NodeTypeIds.DataStoreDecision;
    public override string DisplayName => "Data Store Decision";
    public override string Category => NodeCategories.Basic;
    public override string Description => "Checks the collected username and password against the identity store.";
}
