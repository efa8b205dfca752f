using JourneyStudio.BrowserTests.Infrastructure;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Testing;
using JourneyStudio.Runtime.Persistence;
using Microsoft.Playwright;

namespace JourneyStudio.BrowserTests.Designer;

/// <summary>The Tests panel end to end: record a scenario with the form, run it, see the result, save it with the journey.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DesignerJourneyTestsTests(BrowserFixture fixture)
{
    private JourneyStore Store => DesignerTestJourneys.Store(fixture.Server);

    [Fact]
    public async Task RecordScenario_RunAll_ShowsPassed_AndSaveKeepsItWithTheJourney()
    {
        var name = DesignerTestJourneys.UniqueName("tests");
        Assert.IsType<SaveResult.Saved>(await Store.CreateAsync(new Journey { Name = name, EntryNodeId = StaticNodeIds.Success }, "test"));
        var designer = await DesignerPage.OpenAsync(await fixture.NewAdminPageAsync(), name);
        var page = designer.Page;

        await page.Locator("[data-testid=tests]").ClickAsync();
        await page.Locator("[data-testid=test-add]").ClickAsync();
        await page.Locator("input[data-testid=test-name], [data-testid=test-name] input").FillAsync("Signs on at once");
        await page.Locator("input[data-testid=test-username], [data-testid=test-username] input").FillAsync("sandbox.browser");
        await page.Locator("input[data-testid=test-password], [data-testid=test-password] input").FillAsync("Sandbox-Passw0rd!");
        // Start goes straight to Success: the journey asks nothing, so the scenario has no step answers.
        await page.Locator("[data-testid=test-step-remove]").ClickAsync();
        await page.Locator("[data-testid=test-save]").ClickAsync();
        var row = page.Locator("[data-testid=test-scenario][data-name='Signs on at once']");
        await Assertions.Expect(row).ToBeVisibleAsync();

        await page.Locator("[data-testid=tests-run-all]").ClickAsync();

        await Assertions.Expect(row).ToHaveAttributeAsync("data-result", "passed");
        await Assertions.Expect(row.Locator("[data-testid=test-result]")).ToHaveTextAsync("Passed");
        await Assertions.Expect(page.Locator("[data-testid=tests-summary]")).ToHaveTextAsync("1 of 1 passed");
        await designer.ScreenshotAsync("designer-tests-passed");

        await page.Keyboard.PressAsync("Control+s");
        await Assertions.Expect(page.Locator("[data-testid=unsaved-chip]")).ToHaveCountAsync(0);
        var saved = (await Store.GetLatestAsync(name))!;
        Assert.True(saved.IsDraft);
        Assert.Equal("sandbox.browser", Assert.Single(JourneyTestFormat.Read(saved.Journey).Scenarios).User.Username);
    }
}
