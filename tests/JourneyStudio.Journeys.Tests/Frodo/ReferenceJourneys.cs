using System.Text.Json;

namespace JourneyStudio.Journeys.Tests.Frodo;

/// <summary>The real frodo exports copied from the shared reference folder (TestData/ReferenceJourneys/*.json).</summary>
internal static class ReferenceJourneys
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "TestData", "ReferenceJourneys");

    public static IReadOnlyList<string> FileNames =>
        Directory.GetFiles(Folder, "*.journey.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;

    public static TheoryData<string> Files => new(FileNames);

    /// <summary>Every file with every catalogue of <see cref="TestCatalog.Names"/>.</summary>
    public static TheoryData<string, string> FilesWithCatalogs
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var file in FileNames)
                foreach (var catalog in TestCatalog.NameList)
                    data.Add(file, catalog);
            return data;
        }
    }

    public static string Load(string fileName) => File.ReadAllText(Path.Combine(Folder, fileName));

    /// <summary>The export object of the (only) journey: the root of a single export, the one entry of a multi export.</summary>
    public static JsonElement Body(JsonElement root) =>
        root.TryGetProperty("trees", out var trees) ? trees.EnumerateObject().Single().Value : root;
}
