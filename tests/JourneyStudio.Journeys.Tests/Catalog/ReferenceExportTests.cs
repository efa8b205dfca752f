using System.Text.Json;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Tests.Frodo;
using static JourneyStudio.Journeys.Tests.Catalog.CatalogTestHelpers;

namespace JourneyStudio.Journeys.Tests.Catalog;

/// <summary>
/// Checks the catalogue against real frodo exports: what AM stored must validate, carry only known property
/// names, and have exactly the outcomes (ids and labels) AM computed for it.
/// </summary>
public sealed class ReferenceExportTests
{
    private sealed record ExportedNode(string Id, string NodeType, NodeConfig Config, JsonElement Raw);

    [Theory]
    [MemberData(nameof(ReferenceJourneys.Files), MemberType = typeof(ReferenceJourneys))]
    public void KnownNodes_PassValidation(string file)
    {
        var failures = new List<string>();
        foreach (var node in KnownNodes(file))
        {
            var problems = NodeCatalog.Default.Find(node.NodeType)!.ValidateConfig(node.Config);
            failures.AddRange(problems.Select(p => $"{node.NodeType} {node.Id}: {p.PropertyName}: {p.Message}"));
        }

        Assert.Empty(failures);
    }

    [Theory]
    [MemberData(nameof(ReferenceJourneys.Files), MemberType = typeof(ReferenceJourneys))]
    public void KnownNodes_StoreOnlyPropertiesTheDescriptorKnows(string file)
    {
        var failures = new List<string>();
        foreach (var node in KnownNodes(file))
        {
            var descriptor = NodeCatalog.Default.Find(node.NodeType)!;
            failures.AddRange(node.Config.Keys.Where(k => descriptor.FindProperty(k) is null).Select(k => $"{node.NodeType}: unknown property {k}"));
        }

        Assert.Empty(failures);
    }

    [Theory]
    [MemberData(nameof(ReferenceJourneys.Files), MemberType = typeof(ReferenceJourneys))]
    public void KnownNodes_HaveTheOutcomesAmComputed(string file)
    {
        var nodes = AllNodes(file).ToDictionary(n => n.Id);
        var failures = new List<string>();
        foreach (var node in nodes.Values.Where(n => NodeCatalog.Default.IsKnown(n.NodeType)))
        {
            var expected = Describe(node.Raw.GetProperty("_outcomes").EnumerateArray()
                .Select(o => new NodeOutcome(o.GetProperty("id").GetString()!, o.GetProperty("displayName").GetString()!)));
            var actual = Describe(NodeCatalog.Default.GetOutcomes(ToJourneyNode(node, nodes)));
            if (expected != actual) failures.Add($"{node.NodeType} {node.Id}: AM {expected}, catalogue {actual}");
        }

        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("frodo-cli_push_registration.journey.json", NodeTypeIds.PushSender)]
    [InlineData("frodo-cli_push_registration.journey.json", NodeTypeIds.PushWait)]
    [InlineData("frodo-cli_push_registration.journey.json", NodeTypeIds.PushRegistration)]
    [InlineData("frodo-cli_push_registration.journey.json", NodeTypeIds.PlatformUsername)]
    [InlineData("frodo-cli_push_registration.journey.json", NodeTypeIds.PlatformPassword)]
    [InlineData("frodo-cli_push_registration.journey.json", NodeTypeIds.PageNode)]
    [InlineData("frodo-cli_oath_registration.journey.json", NodeTypeIds.OathRegistration)]
    [InlineData("frodo-cli_oath_registration.journey.json", NodeTypeIds.OathTokenVerifier)]
    [InlineData("frodo-cli_RetryLimit.journey.json", NodeTypeIds.RetryLimitDecision)]
    public void DefaultConfig_IsExactlyWhatAmStoresForAnUntouchedNode(string file, string nodeType)
    {
        var exported = AllNodes(file).First(n => n.NodeType == nodeType);

        var defaults = Descriptor(nodeType).CreateDefaultConfig();

        Assert.True(defaults.ContentEquals(exported.Config), $"default {defaults} but AM stored {exported.Config}");
    }

    [Fact]
    public void ReferenceExports_ExerciseMostOfTheCatalogue()
    {
        // Guards the tests above against passing vacuously because nothing was recognised.
        var seen = ReferenceJourneys.FileNames.SelectMany(KnownNodes).Select(n => n.NodeType).ToHashSet();

        Assert.True(seen.Count >= 14, $"only {seen.Count} known node types found in the exports");
    }

    private static IEnumerable<ExportedNode> KnownNodes(string file) =>
        AllNodes(file).Where(n => NodeCatalog.Default.IsKnown(n.NodeType));

    /// <summary>Every node config of an export (single-journey or multi-journey form), top-level and inside Page nodes.</summary>
    private static IEnumerable<ExportedNode> AllNodes(string file)
    {
        using var document = JsonDocument.Parse(ReferenceJourneys.Load(file));
        var journeys = document.RootElement.TryGetProperty("trees", out var trees)
            ? trees.EnumerateObject().Select(t => t.Value).ToList()
            : [document.RootElement];
        var result = new List<ExportedNode>();
        foreach (var journey in journeys)
            foreach (var section in new[] { "nodes", "innerNodes" })
                if (journey.TryGetProperty(section, out var nodes))
                    foreach (var entry in nodes.EnumerateObject())
                    {
                        var nodeType = entry.Value.GetProperty("_type").GetProperty("_id").GetString()!;
                        var config = NodeConfig.From(entry.Value.EnumerateObject()
                            .Where(p => !p.Name.StartsWith('_') && !(nodeType == NodeTypeIds.PageNode && p.Name == "nodes"))
                            .Select(p => KeyValuePair.Create(p.Name, p.Value)));
                        result.Add(new ExportedNode(entry.Name, nodeType, config, entry.Value.Clone()));
                    }
        return result;
    }

    private static JourneyNode ToJourneyNode(ExportedNode node, IReadOnlyDictionary<string, ExportedNode> all) => new()
    {
        Id = node.Id,
        NodeType = node.NodeType,
        Config = node.Config,
        Children = node.NodeType == NodeTypeIds.PageNode
            ? node.Raw.GetProperty("nodes").EnumerateArray().Select(c => ToJourneyNode(all[c.GetProperty("_id").GetString()!], all)).ToList()
            : [],
    };
}
