using Bunit;
using JourneyStudio.Journeys.Frodo;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Web.Components.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Web.Tests.Pages;

/// <summary>The Journeys page (route "/") against a real store: what an admin sees and what each action does.</summary>
public sealed class HomePageTests : StudioPageContext
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Store.CreateAsync(Journey("Login", realmDefault: true, description: "Sign in"), "test");
        await Store.CreateAsync(Journey("Login with Push MFA"), "test");
        await Store.CreateAsync(new Journey { Name = "Unwired" }, "test");
    }

    private static Journey Journey(string name, bool realmDefault = false, string description = "") => new()
    {
        Name = name,
        Description = description,
        EntryNodeId = "collector",
        Settings = new JourneySettings { IsRealmDefault = realmDefault },
        Nodes =
        [
            new JourneyNode
            {
                Id = "collector", NodeType = "UsernameCollectorNode", DisplayName = "Username",
                Connections = new Dictionary<string, string> { ["outcome"] = StaticNodeIds.Success },
            },
        ],
    };

    private IRenderedComponent<IComponent> RenderHome()
    {
        var cut = RenderPage<Home>();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=journey-row]").Count));
        return cut;
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<IComponent> cut, string name) =>
        cut.Find($"[data-testid=journey-row][data-journey='{name}']").ParentElement!;

    [Fact]
    public async Task List_ShowsTheLiveRevision_AndADraftWhenThereIsOne()
    {
        var login = (await Store.GetAsync("Login"))!;
        Assert.IsType<SaveResult.Saved>(await Store.SaveDraftAsync(login.Journey with { Description = "draft" }, 1, "test"));

        var cut = RenderHome();

        var revision = Row(cut, "Login").QuerySelector("[data-testid=journey-revision]")!;
        Assert.Equal(("1", "2"), (revision.GetAttribute("data-live-revision"), revision.GetAttribute("data-draft-revision")));
        Assert.StartsWith("1", revision.TextContent.Trim());
        Assert.Equal("draft 2", revision.QuerySelector("[data-testid=draft-state]")!.TextContent.Trim());
        var push = Row(cut, "Login with Push MFA").QuerySelector("[data-testid=journey-revision]")!;
        Assert.Null(push.QuerySelector("[data-testid=draft-state]"));
        Assert.Equal("1", push.TextContent.Trim());
    }

    [Fact]
    public void List_ShowsStatusValidationRealmDefaultRevisionAndPreviewUrl()
    {
        var cut = RenderHome();

        var login = Row(cut, "Login");
        Assert.NotNull(login.QuerySelector("[data-testid=realm-default]"));
        Assert.Equal("Enabled", login.QuerySelector("[data-testid=enabled-state]")!.TextContent.Trim());
        Assert.Equal("Valid", login.QuerySelector("[data-testid=validation-state]")!.TextContent.Trim());
        Assert.Equal("1", login.QuerySelector("[data-testid=journey-revision]")!.TextContent.Trim());
        Assert.Equal("/journeys/Login/edit", login.QuerySelector("[data-testid=journey-name]")!.GetAttribute("href"));
        var unwired = Row(cut, "Unwired");
        Assert.Null(unwired.QuerySelector("[data-testid=realm-default]"));
        Assert.Matches(@"^\d+ errors?$", unwired.QuerySelector("[data-testid=validation-state]")!.TextContent.Trim());
        var push = Row(cut, "Login with Push MFA");
        Assert.Equal("http://localhost/login?journey=Login%20with%20Push%20MFA", push.QuerySelector("[data-testid=preview-url]")!.TextContent.Trim());
        Assert.Equal("/journeys/Login%20with%20Push%20MFA/edit", push.QuerySelector("[data-testid=open-designer]")!.GetAttribute("href"));
    }

    [Fact]
    public void PreviewUrl_UsesThePublicBaseUrlWhenSet()
    {
        Configuration["JourneyStudio:PublicBaseUrl"] = "https://sso.example.com/studio/";

        var cut = RenderHome();

        Assert.Equal("https://sso.example.com/studio/login?journey=Login",
            Row(cut, "Login").QuerySelector("[data-testid=preview-url]")!.TextContent.Trim());
        Assert.Equal("https://sso.example.com/studio/login?journey=Login",
            Row(cut, "Login").QuerySelector("[data-testid=open-preview]")!.GetAttribute("href"));
    }

    [Fact]
    public void CopyPreviewUrl_PutsTheUrlOnTheClipboard()
    {
        var cut = RenderHome();

        Row(cut, "Login").QuerySelector("[data-testid=copy-preview]")!.Click();

        cut.WaitForAssertion(() => FilesModule.VerifyInvoke("copyText"));
        Assert.Equal("http://localhost/login?journey=Login", FilesModule.Invocations["copyText"].Single().Arguments[0]);
    }

    [Fact]
    public void Search_FiltersTheListByName()
    {
        var cut = RenderHome();

        cut.Find("input[data-testid=journey-search]").Input("push");

        cut.WaitForAssertion(() => Assert.Equal(["Login with Push MFA"],
            cut.FindAll("[data-testid=journey-row]").Select(r => r.GetAttribute("data-journey"))));
    }

    [Fact]
    public async Task Create_SavesTheJourneyOptionsAndOpensTheDesigner()
    {
        var cut = RenderHome();

        cut.Find("[data-testid=new-journey]").Click();
        cut.WaitForElement("input[data-testid=journey-name-field]").Input("New journey");
        cut.FindAll(".mud-dialog .mud-switch").Single(s => s.TextContent.Contains("Inner journey only")).QuerySelector("input")!.Change(true);
        cut.Find("[data-testid=create-journey]").Click();

        cut.WaitForAssertion(() => Assert.EndsWith("/journeys/New%20journey/edit", Services.GetRequiredService<NavigationManager>().Uri));
        var created = (await Store.GetAsync("New journey"))!.Journey;
        Assert.True(created.Settings.InnerTreeOnly);
        Assert.True(created.Settings.Enabled);
        Assert.False(created.Settings.IsRealmDefault);
    }

    [Fact]
    public void Create_WithATakenName_ShowsWhyAndSavesNothing()
    {
        var cut = RenderHome();

        cut.Find("[data-testid=new-journey]").Click();
        cut.WaitForElement("input[data-testid=journey-name-field]").Input("LOGIN");
        cut.Find("[data-testid=create-journey]").Click();

        cut.WaitForAssertion(() => Assert.Contains("'Login' already has this name", cut.Find(".mud-dialog").TextContent));
        Assert.DoesNotContain("/journeys/", Services.GetRequiredService<NavigationManager>().Uri);
    }

    private static void OpenMenuItem(IRenderedComponent<IComponent> cut, string journey, string item)
    {
        Row(cut, journey).QuerySelector("[data-testid=more-actions] button")!.Click();
        cut.WaitForElement($"[data-testid={item}]").Click();
    }

    [Fact]
    public async Task Duplicate_SavesACopyWithNewNodeIds()
    {
        var cut = RenderHome();

        OpenMenuItem(cut, "Login", "duplicate");

        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[data-testid=journey-row]").Count));
        var copy = (await Store.GetAsync("Login copy"))!.Journey;
        Assert.NotEqual("collector", copy.EntryNodeId);
        Assert.Equal(copy.EntryNodeId, Assert.Single(copy.Nodes).Id);
        Assert.False(copy.Settings.IsRealmDefault);
    }

    [Fact]
    public async Task ToggleEnabled_DisablesThenEnables()
    {
        var cut = RenderHome();

        Row(cut, "Login").QuerySelector("[data-testid=toggle-enabled]")!.Click();

        cut.WaitForAssertion(() => Assert.Equal("Disabled", Row(cut, "Login").QuerySelector("[data-testid=enabled-state]")!.TextContent.Trim()));
        Assert.False((await Store.GetAsync("Login"))!.Journey.Settings.Enabled);
        Row(cut, "Login").QuerySelector("[data-testid=toggle-enabled]")!.Click();
        cut.WaitForAssertion(() => Assert.Equal("Enabled", Row(cut, "Login").QuerySelector("[data-testid=enabled-state]")!.TextContent.Trim()));
        Assert.Equal(3, (await Store.GetAsync("Login"))!.Revision);
        Assert.Equal([("journey.settings", AdminName, "studio", 2, 3, "enabled"), ("journey.settings", AdminName, "studio", 1, 2, "disabled")],
            (await AuditAsync("Login")).Select(e => (e.Action, e.Actor, e.Channel, e.RevisionBefore, e.RevisionAfter, e.Detail)));
    }

    [Fact]
    public async Task Delete_AsksFirst_CancelKeepsIt_ConfirmDeletesIt()
    {
        var cut = RenderHome();

        OpenMenuItem(cut, "Unwired", "delete");
        cut.WaitForAssertion(() => Assert.Contains("Delete 'Unwired'", cut.Find(".mud-dialog").TextContent));
        cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-dialog")));
        Assert.NotNull(await Store.GetAsync("Unwired"));

        OpenMenuItem(cut, "Unwired", "delete");
        cut.WaitForAssertion(() => Assert.Contains("Delete 'Unwired'", cut.Find(".mud-dialog").TextContent));
        cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Delete").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=journey-row]").Count));
        Assert.Null(await Store.GetAsync("Unwired"));
        var deleted = Assert.Single(await AuditAsync("Unwired"));
        Assert.Equal(("journey.delete", AdminName, "studio", 1, true), (deleted.Action, deleted.Actor, deleted.Channel, deleted.RevisionBefore, deleted.Succeeded));
    }

    [Fact]
    public async Task Rename_SavesTheNewName()
    {
        var cut = RenderHome();

        OpenMenuItem(cut, "Unwired", "rename");
        cut.WaitForElement("input[data-testid=new-journey-name]").Input("Wired later");
        cut.Find("[data-testid=rename-journey]").Click();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=journey-row][data-journey='Wired later']")));
        Assert.Null(await Store.GetAsync("Unwired"));
    }

    [Fact]
    public async Task Import_ValidFile_SavesAndListsTheJourney()
    {
        var cut = RenderHome();
        var export = FrodoJourneyWriter.WriteSingle(Journey("Imported one"));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(export, "imported.json"));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=journey-row][data-journey='Imported one']")));
        Assert.NotNull(await Store.GetAsync("Imported one"));
    }

    [Fact]
    public async Task Import_BrokenFile_ShowsEveryErrorWithItsPathAndSavesNothing()
    {
        var cut = RenderHome();
        const string broken = """{"trees": {"Half good": {"tree": {"_id": "Half good", "entryNodeId": 5, "nodes": {}}}, "Bad": {"tree": {"_id": "Bad", "nodes": 3}}}}""";

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(broken, "broken.json"));

        cut.WaitForAssertion(() => Assert.True(cut.FindAll("[data-testid=import-error]").Count >= 2));
        var errors = cut.FindAll("[data-testid=import-error]").Select(e => e.TextContent).ToList();
        Assert.Contains(errors, e => e.Contains("$.trees['Half good'].tree.entryNodeId"));
        Assert.Contains(errors, e => e.Contains("$.trees['Bad'].tree.nodes"));
        Assert.Contains("broken.json was not imported", cut.Find(".mud-dialog").TextContent);
        Assert.Null(await Store.GetAsync("Half good"));
    }

    [Fact]
    public void Export_DownloadsTheMultiJourneyExport()
    {
        var cut = RenderHome();

        OpenMenuItem(cut, "Login", "export");

        cut.WaitForAssertion(() => FilesModule.VerifyInvoke("downloadText"));
        var arguments = FilesModule.Invocations["downloadText"].Single().Arguments;
        Assert.Equal("Login.journeys.json", arguments[0]);
        Assert.Equal(["Login"], FrodoJourneyReader.Read((string)arguments[1]!).Select(j => j.Name));
    }

    [Fact]
    public void ExportAll_DownloadsEveryJourney()
    {
        var cut = RenderHome();

        cut.Find("[data-testid=export-all]").Click();

        cut.WaitForAssertion(() => FilesModule.VerifyInvoke("downloadText"));
        var arguments = FilesModule.Invocations["downloadText"].Single().Arguments;
        Assert.Equal(3, FrodoJourneyReader.Read((string)arguments[1]!).Count);
    }
}
