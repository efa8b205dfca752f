using System.Text.Json;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Journeys.Frodo;
using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Tests.Frodo;

public sealed class FrodoRoundTripTests
{
    private static readonly HashSet<string> GeneratedFields = ["_id", "_rev", "_type", "_outcomes"];

    [Fact]
    public void ReferenceFiles_AreAllCopiedToTheTestOutput()
    {
        var shipped = ReferenceJourneys.FileNames;

        Assert.Equal(7, shipped.Count);
        Assert.Contains("frodo-cli_push_registration.journey.json", shipped);
    }

    [Theory]
    [MemberData(nameof(ReferenceJourneys.FilesWithCatalogs), MemberType = typeof(ReferenceJourneys))]
    public void ReferenceFile_ImportExportImport_GivesTheSameJourney(string file, string catalogName)
    {
        var catalog = TestCatalog.ByName(catalogName);
        var original = Assert.Single(FrodoJourneyReader.Read(ReferenceJourneys.Load(file), catalog));

        var exported = FrodoJourneyWriter.WriteSingle(original, catalog);
        var reimported = Assert.Single(FrodoJourneyReader.Read(exported, catalog));

        Assert.Empty(JourneyComparer.Differences(original, reimported));
    }

    [Theory]
    [MemberData(nameof(TestCatalog.Names), MemberType = typeof(TestCatalog))]
    public void AllReferenceJourneys_WriteMultiThenRead_GivesThemAllBack(string catalogName)
    {
        var catalog = TestCatalog.ByName(catalogName);
        var journeys = ReferenceJourneys.FileNames
            .SelectMany(f => FrodoJourneyReader.Read(ReferenceJourneys.Load(f), catalog))
            .ToList();

        var read = FrodoJourneyReader.Read(FrodoJourneyWriter.WriteMulti(journeys, catalog), catalog);

        Assert.Equal(journeys.Select(j => j.Name), read.Select(j => j.Name));
        for (var i = 0; i < journeys.Count; i++)
            Assert.Empty(JourneyComparer.Differences(journeys[i], read[i]));
    }

    [Theory]
    [MemberData(nameof(ReferenceJourneys.Files), MemberType = typeof(ReferenceJourneys))]
    public void Export_KeepsTheOriginalTreeLayoutConfigsAndSections_WithTestCatalog(string file) =>
        AssertExportMatchesOriginal(file, TestCatalog.Known);

    [Theory]
    [MemberData(nameof(ReferenceJourneys.Files), MemberType = typeof(ReferenceJourneys))]
    public void Export_KeepsTheOriginalTreeLayoutConfigsAndSections_WithEmptyCatalog(string file) =>
        AssertExportMatchesOriginal(file, TestCatalog.Empty);

    [Theory]
    [InlineData("frodo-cli_PlatformLogin.journey.json", "2838023a-778d-3aec-9c21-2708f721b788", "IncrementLoginCountNode")]
    [InlineData("frodo-cli_RetryLimit.journey.json", "d3d94468-02a4-3259-b55d-38e6d163e820", "AccountLockoutNode")]
    public void UnknownNodeType_SurvivesImportAndExportUntouched(string file, string nodeId, string nodeType)
    {
        var text = ReferenceJourneys.Load(file);
        var journey = Assert.Single(FrodoJourneyReader.Read(text, TestCatalog.Known));
        var node = journey.FindNode(nodeId)!;

        Assert.Equal(nodeType, node.NodeType);
        Assert.True(node.Config.ContainsKey("_type"));
        Assert.Equal(["outcome"], TestCatalog.Known.GetOutcomes(node).Select(o => o.Id));

        using var original = JsonDocument.Parse(text);
        using var exported = JsonDocument.Parse(FrodoJourneyWriter.WriteSingle(journey, TestCatalog.Known));
        var before = ReferenceJourneys.Body(original.RootElement).GetProperty("nodes").GetProperty(nodeId);
        var after = exported.RootElement.GetProperty("nodes").GetProperty(nodeId);
        Assert.True(JsonElement.DeepEquals(before, after), $"expected {before} but exported {after}");
    }

    private static string NewNodesExport => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "NewNodes", "TermsAndWelcome.journey.json"));

    [Fact]
    public void MessageAndSuccessUrl_ImportBindsAmsPropertiesAndKeepsUnknownOnes()
    {
        var journey = Assert.Single(FrodoJourneyReader.Read(NewNodesExport));

        var terms = journey.FindNode("5f0b6e41-8f2c-4d51-9a7e-3c0e1b2a4d61")!;
        var message = new MessageNodeDescriptor().Bind(terms.Config);
        Assert.Equal("Acceptez-vous les conditions d'utilisation ?", message.Message.Resolve(["fr-CA"]));
        Assert.Equal("I accept", message.MessageYes.Resolve(["en"]));
        Assert.Equal("termsAnswer", message.StateField);
        Assert.True(terms.Config.ContainsKey("someFieldOfANewerAm"));
        var untouched = new MessageNodeDescriptor().Bind(journey.FindNode("c7e8f9a0-1b2c-4d3e-8f4a-5b6c7d8e9f01")!.Config);
        Assert.Null(untouched.StateField);
        Assert.Equal("Default message", untouched.Message.Resolve(["en"]));
        Assert.Equal("https://app.example.com/welcome",
            new SetSuccessUrlDescriptor().Bind(journey.FindNode("a3c1d2e4-6b7f-4e8a-9d0c-1f2e3d4c5b6a")!.Config).SuccessUrl);
        Assert.Empty(JourneyStudio.Journeys.Validation.JourneyValidator.Validate(journey, NodeCatalog.Default, _ => null));
    }

    [Theory]
    [MemberData(nameof(TestCatalog.Names), MemberType = typeof(TestCatalog))]
    public void MessageAndSuccessUrl_ExportKeepsAmsConfigsAndOutcomes(string catalogName) =>
        AssertExportMatchesOriginalText(NewNodesExport, TestCatalog.ByName(catalogName));

    [Fact]
    public void MessageAndSuccessUrl_ExportImportExport_IsByteForByteStable()
    {
        var first = FrodoJourneyWriter.WriteSingle(Assert.Single(FrodoJourneyReader.Read(NewNodesExport)));

        var second = FrodoJourneyWriter.WriteSingle(Assert.Single(FrodoJourneyReader.Read(first)));

        // Only the export date of the meta block may differ.
        static string WithoutDate(string export) =>
            System.Text.RegularExpressions.Regex.Replace(export, "\"exportDate\": \"[^\"]*\"", "\"exportDate\": \"\"");
        Assert.Equal(WithoutDate(first), WithoutDate(second));
        Assert.Contains("\"successUrl\": \"https://app.example.com/welcome\"", first);
    }

    /// <summary>Compares an export with its original file structurally, part by part.</summary>
    private static void AssertExportMatchesOriginal(string file, NodeCatalog catalog) =>
        AssertExportMatchesOriginalText(ReferenceJourneys.Load(file), catalog);

    private static void AssertExportMatchesOriginalText(string text, NodeCatalog catalog)
    {
        var journey = Assert.Single(FrodoJourneyReader.Read(text, catalog));
        using var originalDocument = JsonDocument.Parse(text);
        using var exportedDocument = JsonDocument.Parse(FrodoJourneyWriter.WriteSingle(journey, catalog));
        var original = ReferenceJourneys.Body(originalDocument.RootElement);
        var exported = exportedDocument.RootElement;
        var originalTree = original.GetProperty("tree");
        var exportedTree = exported.GetProperty("tree");

        // Every tree field of the original comes back unchanged (the writer may add AM defaults it left out).
        foreach (var field in originalTree.EnumerateObject().Where(f => f.Name is not "nodes" and not "staticNodes"))
            AssertSame(field.Value, exportedTree.GetProperty(field.Name), $"tree.{field.Name}");

        // Layout: connections, positions, names and types of every tree node; every static node position.
        var exportedLayout = exportedTree.GetProperty("nodes");
        foreach (var node in originalTree.GetProperty("nodes").EnumerateObject())
            foreach (var field in node.Value.EnumerateObject())
                AssertSame(field.Value, exportedLayout.GetProperty(node.Name).GetProperty(field.Name), $"tree.nodes['{node.Name}'].{field.Name}");
        if (originalTree.TryGetProperty("staticNodes", out var staticNodes))
            foreach (var entry in staticNodes.EnumerateObject())
                AssertSame(entry.Value, exportedTree.GetProperty("staticNodes").GetProperty(entry.Name), $"tree.staticNodes['{entry.Name}']");
        Assert.Equal(originalTree.GetProperty("nodes").EnumerateObject().Count(), exportedLayout.EnumerateObject().Count());

        // Configs: known types keep every field but AM's generated ones, which come back regenerated;
        // unknown types come back exactly.
        var topLevelIds = originalTree.GetProperty("nodes").EnumerateObject().Select(n => n.Name).ToHashSet();
        foreach (var section in new[] { "nodes", "innerNodes" })
        {
            if (!original.TryGetProperty(section, out var configs)) continue;
            foreach (var config in configs.EnumerateObject())
            {
                var topLevel = topLevelIds.Contains(config.Name);
                var exportedConfig = exported.GetProperty(topLevel ? "nodes" : "innerNodes").GetProperty(config.Name);
                var nodeType = config.Value.GetProperty("_type").GetProperty("_id").GetString()!;
                var known = catalog.IsKnown(nodeType) || (topLevel && nodeType == NodeCatalog.PageNodeType);
                var where = $"{section}['{config.Name}']";
                if (!known)
                {
                    AssertSame(config.Value, exportedConfig, where);
                    continue;
                }
                foreach (var field in config.Value.EnumerateObject().Where(f => !GeneratedFields.Contains(f.Name)))
                    AssertSame(field.Value, exportedConfig.GetProperty(field.Name), $"{where}.{field.Name}");
                Assert.Equal(config.Name, exportedConfig.GetProperty("_id").GetString());
                Assert.Equal(nodeType, exportedConfig.GetProperty("_type").GetProperty("_id").GetString());
                Assert.Equal(OutcomeIds(config.Value), OutcomeIds(exportedConfig));
            }
        }

        // Dependency sections come back as they were.
        foreach (var section in original.EnumerateObject().Where(s => s.Name is not "meta" and not "tree" and not "nodes" and not "innerNodes"))
            AssertSame(section.Value, exported.GetProperty(section.Name), section.Name);
    }

    private static IEnumerable<string> OutcomeIds(JsonElement config) =>
        config.GetProperty("_outcomes").EnumerateArray().Select(o => o.GetProperty("id").GetString()!);

    private static void AssertSame(JsonElement expected, JsonElement actual, string where) =>
        Assert.True(JsonElement.DeepEquals(expected, actual), $"{where}: expected {expected.GetRawText()} but exported {actual.GetRawText()}");
}
