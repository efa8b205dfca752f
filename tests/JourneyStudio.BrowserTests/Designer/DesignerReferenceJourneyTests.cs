using JourneyStudio.BrowserTests.Infrastructure;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace JourneyStudio.BrowserTests.Designer;

/// <summary>Real AM exports (frodo) open in the designer with every node, child and connection drawn.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DesignerReferenceJourneyTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("frodo-cli_PlatformLogin.journey.json", true)]
    [InlineData("frodo-cli_push_registration.journey.json", false)]
    public async Task ReferenceExport_IsDrawnCompletely(string file, bool exportHasNoLayout)
    {
        var codec = fixture.Server.Services.GetRequiredService<IJourneyCodec>();
        var journey = codec.Deserialize(await File.ReadAllTextAsync(FindReferenceExport(file)));
        journey = journey with { Name = DesignerTestJourneys.UniqueName("ref") };
        Assert.IsType<SaveResult.Saved>(await DesignerTestJourneys.Store(fixture.Server).CreateAsync(journey, "test"));

        var designer = await DesignerPage.OpenAsync(await fixture.NewAdminPageAsync(), journey.Name);
        await designer.ScreenshotAsync("designer-" + Path.GetFileNameWithoutExtension(Path.GetFileNameWithoutExtension(file)));

        await Assertions.Expect(designer.Page.Locator("[data-testid=journey-node]")).ToHaveCountAsync(journey.Nodes.Count + 3);
        await Assertions.Expect(designer.Page.Locator("[data-testid=page-child]")).ToHaveCountAsync(journey.Nodes.Sum(n => n.Children.Count));
        var connections = journey.Nodes.Sum(n => n.Connections.Count) + (journey.EntryNodeId.Length > 0 ? 1 : 0);
        await Assertions.Expect(designer.Page.Locator(".diagram-link")).ToHaveCountAsync(connections);

        if (exportHasNoLayout)
        {
            // Every node stacked at (0, 0) in the export: the designer arranges them so that none hides another.
            var boxes = new List<LocatorBoundingBoxResult>();
            foreach (var node in await designer.Page.Locator("[data-testid=journey-node]").AllAsync())
                boxes.Add((await node.BoundingBoxAsync())!);
            for (var i = 0; i < boxes.Count; i++)
                for (var j = i + 1; j < boxes.Count; j++)
                    Assert.False(Overlap(boxes[i], boxes[j]), $"nodes {i} and {j} overlap");
            await Assertions.Expect(designer.Page.Locator("[data-testid=unsaved-chip]")).ToHaveCountAsync(0);
        }
    }

    [Theory]
    [InlineData("Login with Push MFA")]
    [InlineData("CombinedMFA")]
    public async Task ShippedJourney_OpensByEscapedName_WithEveryNodeAndNoFindings(string name)
    {
        var stored = await DesignerTestJourneys.Store(fixture.Server).GetAsync(name);
        Assert.NotNull(stored); // seeded on the studio's first start

        var designer = await DesignerPage.OpenAsync(await fixture.NewAdminPageAsync(), name);
        await designer.ScreenshotAsync("designer-shipped-" + name.Replace(' ', '-'));

        await Assertions.Expect(designer.Page.Locator("[data-testid=journey-node]")).ToHaveCountAsync(stored.Journey.Nodes.Count + 3);
        await Assertions.Expect(designer.Page.Locator("[data-testid=findings]")).ToContainTextAsync("No problems found.");
        await Assertions.Expect(designer.Page.Locator("[data-testid=unsaved-chip]")).ToHaveCountAsync(0);
    }

    private static bool Overlap(LocatorBoundingBoxResult a, LocatorBoundingBoxResult b) =>
        a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height;

    private static string FindReferenceExport(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "JourneyStudio.Journeys.Tests", "TestData", "ReferenceJourneys", file);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"Reference export {file} not found above {AppContext.BaseDirectory}.");
    }
}
