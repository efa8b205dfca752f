using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Validation;

namespace JourneyStudio.Web.Designer;

/// <summary>The findings the designer lists beside the canvas and marks on nodes.</summary>
public static class DesignerValidation
{
    public static IReadOnlyList<ValidationFinding> Validate(Journey journey, NodeCatalog catalog, Func<string, bool> journeyExists)
    {
        // Interim checks until the shared JourneyValidator lands: config problems and open outcomes.
        var findings = new List<ValidationFinding>();
        if (journey.EntryNodeId.Length == 0)
            findings.Add(new ValidationFinding(FindingSeverity.Error, "NoEntry", "Start is not connected to any node.", StaticNodeIds.Start));
        foreach (var node in journey.AllNodes())
        {
            if (catalog.Find(node.NodeType) is { } descriptor)
                findings.AddRange(descriptor.ValidateConfig(node.Config).Select(p =>
                    new ValidationFinding(FindingSeverity.Error, "InvalidConfig", p.Message, node.Id)));
            if (journey.FindParentPage(node.Id) is not null) continue;
            foreach (var outcome in catalog.GetOutcomes(node).Where(o => !node.Connections.ContainsKey(o.Id)))
                findings.Add(new ValidationFinding(FindingSeverity.Warning, "UnconnectedOutcome",
                    $"Outcome '{outcome.Label}' is not connected.", node.Id, outcome.Id));
        }
        return findings;
    }
}
