using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Catalog.Nodes;

/// <summary>Data Store Decision: checks the collected username and password against the identity store.</summary>
public sealed class DataStoreDecisionDescriptor : NodeDescriptor
{
    public override string TypeId => NodeTypeIds.DataStoreDecision;
    public override string DisplayName => "Data Store Decision";
    public override string Category => NodeCategories.Basic;
    public override string Description => "Checks the collected username and password against the identity store.";

    public override IReadOnlyList<NodeOutcome> GetOutcomes(NodeConfig config) => TrueFalse;
}
