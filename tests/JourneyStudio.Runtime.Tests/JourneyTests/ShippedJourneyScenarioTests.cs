using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Frodo;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Testing;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.JourneyTests;

namespace JourneyStudio.Runtime.Tests.JourneyTests;

/// <summary>
/// Every journey of our own that ships carries scenarios, and they all pass on the real engine in the sandbox. Identity
/// Cloud's default journeys (Platform*) ship byte-identical to their frodo exports, so they carry none; the web tests'
/// PlatformJourneyTests run them end to end instead.
/// </summary>
public sealed class ShippedJourneyScenarioTests
{
    public static TheoryData<string> ShippedFiles() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "ShippedJourneys"), "*.journey.json").Select(f => Path.GetFileName(f)!)
            .Where(name => !name.StartsWith("Platform", StringComparison.Ordinal)).Order()];

    [Fact]
    public void OurShippedJourneys_AreTheFiveWithScenarios() => Assert.Equal(5, ShippedFiles().Count);

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public async Task ShippedJourney_Scenarios_AllPass(string file)
    {
        var journey = FrodoJourneyReader.Read(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "ShippedJourneys", file))).Single();
        Assert.NotEmpty(JourneyTestFormat.Read(journey).Scenarios);

        var run = await new JourneyTestRunner(NodeCatalog.Default).RunAsync(new ResolvedJourney(journey, 1));

        Assert.True(run.Passed, string.Join("\n", run.Problems.Concat(run.Failed.Select(f => $"{f.Name}: {f.Reason} path: "
            + string.Join(" > ", f.Path.Select(p => $"{journey.FindNode(p.NodeId)?.DisplayName ?? p.NodeId}:{p.Outcome}"))))));
        Assert.Contains(run.Scenarios, s => s.End == JourneyTestEnd.Success);
    }
}
