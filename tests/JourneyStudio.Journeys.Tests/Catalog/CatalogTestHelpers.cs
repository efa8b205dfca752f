using System.Text.Json;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Tests.Catalog;

internal static class CatalogTestHelpers
{
    public static NodeDescriptor Descriptor(string typeId) =>
        NodeCatalog.Default.Find(typeId) ?? throw new InvalidOperationException($"No descriptor for {typeId}.");

    /// <summary>A config from a JSON object literal, e.g. <c>{"mandatory":true}</c>.</summary>
    public static NodeConfig Config(string json)
    {
        using var document = JsonDocument.Parse(json);
        return NodeConfig.From(document.RootElement.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value)));
    }

    /// <summary>Outcomes as "id:Label|id:Label" so one string states the whole expected list, in order.</summary>
    public static string Describe(IEnumerable<NodeOutcome> outcomes) => string.Join("|", outcomes.Select(o => $"{o.Id}:{o.Label}"));
}
