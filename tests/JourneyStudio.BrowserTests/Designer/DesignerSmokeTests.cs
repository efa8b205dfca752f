using JourneyStudio.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace JourneyStudio.BrowserTests.Designer;

[Collection(BrowserCollection.Name)]
public sealed class DesignerSmokeTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Editor_Opens_ShowsEveryNodeWithItsOutcomePorts()
    {
        var name = await DesignerTestJourneys.CreateSmallAsync(fixture.Server, "smoke");
        var designer = await DesignerPage.OpenAsync(await fixture.NewAdminPageAsync(), name);
        await designer.ScreenshotAsync("designer-smoke");

        await Assertions.Expect(designer.Node("decision")).ToBeVisibleAsync();
        await Assertions.Expect(designer.OutcomePort("decision", "true")).ToHaveCountAsync(1);
        await Assertions.Expect(designer.OutcomePort("decision", "false")).ToHaveCountAsync(1);
        await Assertions.Expect(designer.OutcomePort("push", "SKIPPED")).ToHaveCountAsync(1);
        // Every type of the catalogue, one palette item each.
        await Assertions.Expect(designer.Page.Locator("[data-testid=palette-item]")).ToHaveCountAsync(JourneyStudio.Journeys.Catalog.NodeCatalog.Default.All.Count);
    }
}
