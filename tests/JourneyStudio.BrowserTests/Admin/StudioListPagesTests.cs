using JourneyStudio.BrowserTests.Infrastructure;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace JourneyStudio.BrowserTests.Admin;

[Collection(BrowserCollection.Name)]
public sealed class StudioListPagesTests(BrowserFixture fixture)
{
    // The file travels over the circuit before it is imported; a busy machine needs more than Expect's default 5 s.
    private const float AfterUpload = 20_000;

    /// <summary>
    /// Chooses the file in the page's upload. Blazor wires the file input after the batch that rendered it is
    /// acknowledged, which on a busy machine can come after the list shows; a file chosen before is lost.
    /// </summary>
    private static async Task UploadAsync(IPage page, string file)
    {
        await page.WaitForFunctionAsync("() => document.querySelector('input[type=file]')?._blazorInputFileNextFileId !== undefined");
        await page.Locator("input[type=file]").SetInputFilesAsync(file);
    }

    private static string ReferenceExport(string file) => Path.Combine(AppContext.BaseDirectory, "ReferenceJourneys", file);

    [Fact]
    public async Task JourneysPage_ImportsAReferenceExportThroughTheFileUpload_AndListsIt()
    {
        var page = await fixture.NewAdminPageAsync();
        await Assertions.Expect(page.Locator("[data-testid=journey-row][data-journey='Login']")).ToBeVisibleAsync();

        await UploadAsync(page, ReferenceExport("frodo-cli_push_registration.journey.json"));

        var row = page.Locator("[data-testid=journey-row][data-journey='push_registration']");
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = AfterUpload });
        Assert.NotNull(await fixture.Server.Services.GetRequiredService<JourneyStore>().GetAsync("push_registration"));
        var preview = page.Locator("tr", new() { Has = row }).Locator("[data-testid=preview-url]");
        await Assertions.Expect(preview).ToHaveTextAsync($"{fixture.Server.BaseAddress}login?journey=push_registration");

        await page.ScreenshotAsync(new() { Path = "/tmp/journeystudio-journeys-page.png", FullPage = true });
    }

    [Fact]
    public async Task JourneysPage_ImportOfABrokenFile_ShowsEveryErrorAndSavesNothing()
    {
        var page = await fixture.NewAdminPageAsync();
        await Assertions.Expect(page.Locator("[data-testid=journey-row][data-journey='Login']")).ToBeVisibleAsync();
        var broken = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(broken, """{"tree": {"_id": "Broken upload", "entryNodeId": 7, "nodes": []}}""");
        try
        {
            await UploadAsync(page, broken);

            var errors = page.Locator(".mud-dialog [data-testid=import-error]");
            await Assertions.Expect(errors.First).ToBeVisibleAsync(new() { Timeout = AfterUpload });
            await Assertions.Expect(errors).ToHaveCountAsync(2);
            await Assertions.Expect(errors.Nth(0)).ToContainTextAsync("$.tree.entryNodeId");
            await Assertions.Expect(errors.Nth(1)).ToContainTextAsync("$.tree.nodes");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("Nothing was saved");
            await page.ScreenshotAsync(new() { Path = "/tmp/journeystudio-import-errors.png" });
            Assert.Null(await fixture.Server.Services.GetRequiredService<JourneyStore>().GetAsync("Broken upload"));
        }
        finally { File.Delete(broken); }
    }

    [Fact]
    public async Task IdentitiesPage_ListsUsers()
    {
        await fixture.Server.Services.GetRequiredService<IdentityStore>()
            .CreateAsync(new NewIdentity("browser.user", "Browser-password-1", "Bea", "Browser", "bea@example.com"));
        var page = await fixture.NewAdminPageAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Identities" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Identities" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=identity-row][data-username='browser.user']")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = "/tmp/journeystudio-identities-page.png", FullPage = true });
    }
}
