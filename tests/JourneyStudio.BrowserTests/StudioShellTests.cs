using JourneyStudio.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace JourneyStudio.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class StudioShellTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Studio_Opens_ShowsJourneysHeading()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Journeys", Exact = true })).ToBeVisibleAsync();
    }
}
