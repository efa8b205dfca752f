using JourneyStudio.BrowserTests.Infrastructure;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using Microsoft.Playwright;

namespace JourneyStudio.BrowserTests.Designer;

/// <summary>A journey built without the mouse: palette items, findings and the property panel's connection lists.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DesignerKeyboardTests(BrowserFixture fixture)
{
    [Fact]
    public async Task KeyboardOnly_AddNodes_WireThemInThePanel_Save()
    {
        var name = await DesignerTestJourneys.CreateEmptyAsync(fixture.Server, "keys");
        var designer = await DesignerPage.OpenAsync(await fixture.NewAdminPageAsync(), name);
        var page = designer.Page;

        await designer.PaletteItem(NodeTypeIds.PasswordCollector).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var password = await NodeIdAsync(designer, NodeTypeIds.PasswordCollector);
        await designer.PaletteItem(NodeTypeIds.UsernameCollector).FocusAsync();
        await page.Keyboard.PressAsync(" ");
        var username = await NodeIdAsync(designer, NodeTypeIds.UsernameCollector);

        // The node just added is selected: wire its outcome from the panel.
        await Assertions.Expect(page.GetByTestId("panel-title")).ToHaveTextAsync("Username Collector");
        await page.Locator("[data-testid=connection-select][data-outcome=outcome]").SelectOptionAsync(password);

        // Findings lead to the nodes still missing a connection.
        await page.Locator($"[data-testid=finding][data-node-id='{password}']").First.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("panel-title")).ToHaveTextAsync("Password Collector");
        await page.Locator("[data-testid=connection-select][data-outcome=outcome]").SelectOptionAsync(StaticNodeIds.Success);
        await page.Locator($"[data-testid=finding][data-node-id='{StaticNodeIds.Start}']").First.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("[data-testid=connection-select][data-outcome=start]").SelectOptionAsync(username);

        await Assertions.Expect(page.GetByTestId("findings")).ToContainTextAsync("No problems found.");
        await Assertions.Expect(page.Locator(".diagram-link")).ToHaveCountAsync(3);
        await designer.ScreenshotAsync("designer-keyboard");
        await page.Keyboard.PressAsync("Control+s");
        await Assertions.Expect(page.Locator("[data-testid=unsaved-chip]")).ToHaveCountAsync(0);

        var saved = (await DesignerTestJourneys.Store(fixture.Server).GetLatestAsync(name))!.Journey;
        Assert.Equal(username, saved.EntryNodeId);
        Assert.Equal(password, saved.FindNode(username)!.Connections["outcome"]);
        Assert.Equal(StaticNodeIds.Success, saved.FindNode(password)!.Connections["outcome"]);
    }

    private static async Task<string> NodeIdAsync(DesignerPage designer, string typeId)
    {
        var node = designer.Page.Locator($"[data-testid=journey-node][data-node-type='{typeId}']");
        await Assertions.Expect(node).ToHaveCountAsync(1);
        return (await node.GetAttributeAsync("data-node-id"))!;
    }
}
