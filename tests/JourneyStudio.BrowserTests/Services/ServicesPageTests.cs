using JourneyStudio.BrowserTests.Infrastructure;
using JourneyStudio.Runtime.Realms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace JourneyStudio.BrowserTests.Services;

[Collection(BrowserCollection.Name)]
public sealed class ServicesPageTests(BrowserFixture fixture)
{
    private const string NewGcmArn = "arn:aws:sns:eu-west-1:123456789012:app/GCM/BrowserTestApp";

    private static Task SelectRealmAsync(IPage page, string realm) =>
        page.GetByRole(AriaRole.Group, new() { Name = "Realm" }).GetByText(realm, new() { Exact = true }).ClickAsync();

    [Fact]
    public async Task ChangingTheGcmEndpoint_AsksAboutDevices_SavesAndShowsItAsSaved()
    {
        var page = await fixture.NewAdminPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Services" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/services"));
        await Assertions.Expect(page.GetByText("Push Notification Service", new() { Exact = true })).ToBeVisibleAsync();

        // The root realm, so the test does not depend on what other tests do with alpha.
        await SelectRealmAsync(page, "root");
        await Assertions.Expect(page.GetByTestId("selected-realm")).ToHaveTextAsync("root");

        await page.Locator("#sns-gcm-endpoint").FillAsync(NewGcmArn);
        await page.Locator("#sns-gcm-endpoint").BlurAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("Registered devices must register again");
        await Assertions.Expect(dialog).ToContainTextAsync("You changed SNS Endpoint for GCM of realm root.");
        await page.ScreenshotAsync(new() { Path = "/tmp/services-dialog.png" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save anyway" }).ClickAsync();

        await Assertions.Expect(page.GetByText("Saved the services of realm root.")).ToBeVisibleAsync();
        var stored = await fixture.Server.Services.GetRequiredService<RealmServiceStore>().GetAsync(RealmNames.Root);
        Assert.Equal(new SettingValue<string?>(NewGcmArn, SettingSource.Saved), stored.GcmEndpoint);

        // After a reload the value and its source come from the database.
        await page.ReloadAsync();
        await SelectRealmAsync(page, "root");
        await Assertions.Expect(page.GetByTestId("selected-realm")).ToHaveTextAsync("root");
        await Assertions.Expect(page.Locator("#sns-gcm-endpoint")).ToHaveValueAsync(NewGcmArn);
        await Assertions.Expect(page.GetByText("Saved for this realm.")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = "/tmp/services-page.png", FullPage = true });
    }
}
