using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Frodo;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Testing;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.JourneyTests;

namespace JourneyStudio.Runtime.Tests.JourneyTests;

/// <summary>Every shipped journey carries scenarios, and they all pass on the real engine in the sandbox.</summary>
public sealed class ShippedJourneyScenarioTests
{
    public static TheoryData<string> ShippedFiles() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "ShippedJourneys"), "*.journey.json").Select(f => Path.GetFileName(f)!).Order()];

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
