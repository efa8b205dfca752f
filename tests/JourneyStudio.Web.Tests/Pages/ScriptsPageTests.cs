using Bunit;
using JourneyStudio.Journeys.Scripts;
using JourneyStudio.Runtime.Administration;
using JourneyStudio.Runtime.Audit;
using JourneyStudio.Runtime.Scripts;
using JourneyStudio.Web.Components.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace JourneyStudio.Web.Tests.Pages;

/// <summary>
/// The Scripts pages (list and editor) against the real stores on SQLite, with the scripts of our frodo export
/// (StudioScripts.journeys.json: three journeys sharing legacy scripts, a next-generation script and two Groovy scripts).
/// Monaco runs in the browser; here its JS calls are answered by bUnit (the editor's text is what <c>getValue</c> returns).
/// </summary>
public sealed class ScriptsPageTests : StudioPageContext
{
    private const string CountId = "9d2f4a61-3c7e-4b1a-a0d5-6e8b2c4f1a03";
    private const string TraceId = "9d2f4a61-3c7e-4b1a-a0d5-6e8b2c4f1a04";
    private const string OidcNormalizationId = "9d2f4a61-3c7e-4b1a-a0d5-6e8b2c4f1a07";

    private string _editorText = "";

    /// <summary>What the admin "typed": the text Monaco's getValue answers from now on.</summary>
    private string EditorText
    {
        get => _editorText;
        set { _editorText = value; _getValue.SetResult(value); }
    }

    private readonly JSRuntimeInvocationHandler<string> _getValue;

    public ScriptsPageTests()
    {
        _getValue = JSInterop.Setup<string>("blazorMonaco.editor.getValue", _ => true);
        JSInterop.Setup<string[]>("blazorMonaco.editor.deltaDecorations", _ => true).SetResult(["decoration-1"]);
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var export = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "ScriptExports", "StudioScripts.journeys.json"));
        Assert.IsType<JourneyImportResult.Imported>(await Services.GetRequiredService<JourneyAdminService>().ImportAsync(export, AuditActor.Studio("importer", null)));
    }

    private ScriptStore Scripts => Services.GetRequiredService<ScriptStore>();

    private IRenderedComponent<IComponent> RenderEditor(string scriptId) => Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudDialogProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent<MudSnackbarProvider>(2);
        builder.CloseComponent();
        builder.OpenComponent<ScriptEdit>(3);
        builder.AddAttribute(4, nameof(ScriptEdit.ScriptId), scriptId);
        builder.CloseComponent();
    });

    private static void WaitForEditor(IRenderedComponent<IComponent> cut) =>
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=script-editor]").GetAttribute("data-ready")));

    private static void ClickSave(IRenderedComponent<IComponent> cut) => cut.Find("[data-testid=save-script] button, button[data-testid=save-script]").Click();

    [Fact]
    public void List_ShowsEveryScript_WithLanguageContextEvaluatorRevisionAndHowManyNodesUseIt()
    {
        var cut = RenderPage<JourneyStudio.Web.Components.Pages.Scripts>();

        cut.WaitForAssertion(() => Assert.Equal(7, cut.FindAll("[data-testid=script-row]").Count));
        var count = cut.Find($"tr:has([data-script-id='{CountId}'])");
        Assert.Equal("Studio count", count.QuerySelector("[data-testid=script-name]")!.TextContent);
        Assert.Equal("/scripts/" + CountId, count.QuerySelector("[data-testid=script-name]")!.GetAttribute("href"));
        Assert.Equal("JavaScript", count.QuerySelector("[data-testid=script-language]")!.TextContent.Trim());
        Assert.Contains("AUTHENTICATION_TREE_DECISION_NODE", count.TextContent);
        Assert.Equal("1.0", count.QuerySelector("[data-testid=script-evaluator]")!.TextContent.Trim());
        Assert.Equal("1", count.QuerySelector("[data-testid=script-revision]")!.TextContent.Trim());
        // One node in Studio Nested and two in Studio Nesting.
        Assert.Equal("3", count.QuerySelector("[data-testid=script-used-by]")!.GetAttribute("data-count"));
        Assert.Equal("3 nodes, 2 journeys", count.QuerySelector("[data-testid=script-used-by]")!.TextContent.Trim());
        var groovy = cut.Find($"tr:has([data-script-id='{OidcNormalizationId}'])");
        Assert.Contains("GROOVY · not runnable here", groovy.QuerySelector("[data-testid=script-not-runnable]")!.TextContent);
        Assert.Equal("unused", groovy.QuerySelector("[data-testid=script-used-by]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Save_OfJavaScriptThatDoesNotParse_IsRefusedWithItsLineAndColumn_MarksTheLine_AndSavesNothing()
    {
        var before = (await Scripts.FindAsync(CountId))!;
        var cut = RenderEditor(CountId);
        WaitForEditor(cut);
        EditorText = "var a = 1;\nvar b = 2;\nif (a > b {\n  outcome = \"true\";\n}\n";

        ClickSave(cut);

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=script-syntax-error]")));
        var error = cut.Find("[data-testid=script-syntax-error]");
        // The '{' after "if (a > b " is the 11th character of line 3.
        Assert.Equal(("3", "11"), (error.GetAttribute("data-line"), error.GetAttribute("data-column")));
        Assert.Contains("not valid JavaScript at line 3, column 11", error.TextContent);
        Assert.Contains("Not saved", error.TextContent);
        // The editor marks the whole line 3 and moves there.
        var decorations = JSInterop.Invocations["blazorMonaco.editor.deltaDecorations"].Last();
        var marked = System.Text.Json.JsonSerializer.Serialize(decorations.Arguments[2]);
        Assert.Contains("\"startLineNumber\":3", marked);
        Assert.Contains("script-error-line", marked);
        Assert.Contains(JSInterop.Invocations["blazorMonaco.editor.revealLineInCenter"], i => (int)i.Arguments[1]! == 3);
        var after = (await Scripts.FindAsync(CountId))!;
        Assert.Equal((before.Revision, before.Script.Source), (after.Revision, after.Script.Source));
        Assert.Single((await Scripts.ListRevisionsAsync(CountId))!);
        var refused = (await AuditAsync("Studio count")).First();
        Assert.Equal((AuditActions.ScriptSave, false, AdminName), (refused.Action, refused.Succeeded, refused.Actor));
    }

    [Fact]
    public async Task Save_OfChangedText_AddsARevision_ShownInVersions_AndSavingItAgainAddsNone()
    {
        var cut = RenderEditor(CountId);
        WaitForEditor(cut);
        EditorText = "outcome = \"true\"; // changed in the studio\n";

        ClickSave(cut);

        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("[data-testid=script-current-revision]").GetAttribute("data-revision")));
        var stored = (await Scripts.FindAsync(CountId))!;
        Assert.Equal((2, EditorText), (stored.Revision, stored.Script.Source));
        var versions = cut.FindAll("[data-testid=script-version]");
        Assert.Equal(["2", "1"], versions.Select(v => v.GetAttribute("data-revision")!));
        Assert.Contains(AdminName, versions[0].TextContent);
        Assert.Contains("importer", versions[1].TextContent);
        var saved = (await AuditAsync("Studio count")).First();
        Assert.Equal((AuditActions.ScriptSave, true, AdminName, 1, 2), (saved.Action, saved.Succeeded, saved.Actor, saved.RevisionBefore, saved.RevisionAfter));
        Assert.Equal("studio", saved.Channel);

        ClickSave(cut);

        cut.WaitForAssertion(() => Assert.Contains("Nothing to save", cut.Markup));
        Assert.Equal(2, (await Scripts.FindAsync(CountId))!.Revision);
        Assert.Equal(2, (await Scripts.ListRevisionsAsync(CountId))!.Count);
    }

    [Fact]
    public async Task Save_OverANewerRevisionSavedMeanwhile_IsRefusedWithWhoSavedIt_AndKeepsBothTexts()
    {
        var cut = RenderEditor(CountId);
        WaitForEditor(cut);
        // Another admin saves revision 2 while this editor still shows revision 1.
        var other = await Services.GetRequiredService<ScriptAdminService>().SaveAsync(CountId, "outcome = \"other\";\n", 1, AuditActor.Studio("other-admin", null));
        Assert.IsType<ScriptSaveResult.Saved>(other);
        EditorText = "outcome = \"mine\";\n";

        ClickSave(cut);

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=script-stale]")));
        Assert.Contains("other-admin saved revision 2", cut.Find("[data-testid=script-stale]").TextContent);
        Assert.Contains("Your text is still in the editor", cut.Find("[data-testid=script-stale]").TextContent);
        var stored = (await Scripts.FindAsync(CountId))!;
        Assert.Equal((2, "outcome = \"other\";\n"), (stored.Revision, stored.Script.Source));
        Assert.DoesNotContain(JSInterop.Invocations["blazorMonaco.editor.setValue"], i => Equals(i.Arguments[1], "outcome = \"other\";\n"));
        Assert.False((await AuditAsync("Studio count")).First().Succeeded);
    }

    [Fact]
    public void UsedBy_ListsEachJourneyWithItsNodes_LinkingToTheDesigner()
    {
        var cut = RenderEditor(CountId);

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=script-use]").Count));
        var uses = cut.FindAll("[data-testid=script-use]");
        Assert.Equal(["Studio Nested", "Studio Nesting"], uses.Select(u => u.GetAttribute("data-journey")!));
        Assert.Equal("/journeys/Studio%20Nesting/edit", uses[1].QuerySelector("[data-testid=script-use-link]")!.GetAttribute("href"));
        Assert.Equal(2, uses[1].QuerySelector(".script-use-nodes")!.TextContent.Split(", ").Length);
    }

    [Fact]
    public async Task Delete_OfAScriptInUse_IsRefusedNamingTheJourneys_AndAnUnusedOneGoesAfterAConfirm()
    {
        var used = RenderEditor(TraceId);
        used.WaitForAssertion(() => Assert.Single(used.FindAll("[data-testid=script-use]")));
        used.Find("button[data-testid=delete-script]").Click();
        used.WaitForAssertion(() => Assert.Contains("cannot be deleted: the journey 'Studio Nested' run it", used.Markup));
        Assert.NotNull(await Scripts.FindAsync(TraceId));
        await DisposeComponentsAsync();

        var unused = RenderEditor(OidcNormalizationId);
        unused.WaitForAssertion(() => Assert.NotNull(unused.Find("[data-testid=script-unused]")));
        Assert.NotNull(unused.Find("[data-testid=script-not-runnable-notice]"));
        unused.Find("button[data-testid=delete-script]").Click();
        unused.WaitForAssertion(() => Assert.Contains("Delete 'Studio OIDC normalization' and all its 1 revisions?", unused.Markup));
        unused.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Delete").Click();

        unused.WaitForAssertion(() => Assert.EndsWith("/scripts", Services.GetRequiredService<NavigationManager>().Uri));
        Assert.Null(await Scripts.FindAsync(OidcNormalizationId));
        var deleted = (await AuditAsync("Studio OIDC normalization")).First();
        Assert.Equal((AuditActions.ScriptDelete, true, AdminName), (deleted.Action, deleted.Succeeded, deleted.Actor));
        // The same refusal where the page did not know: the service checks the uses itself, and records the refused attempt.
        var refused = await Services.GetRequiredService<ScriptAdminService>().DeleteAsync(TraceId, AuditActor.Studio("other-admin", null));
        Assert.Equal("Studio Nested", Assert.Single(Assert.IsType<ScriptDeleteResult.InUse>(refused).UsedBy).JourneyName);
        Assert.Contains(await AuditAsync("Studio trace"), e => e.Action == AuditActions.ScriptDelete && !e.Succeeded);
        Assert.NotNull(await Scripts.FindAsync(TraceId));
    }

    [Fact]
    public async Task Restore_OfAnOldRevision_AfterAConfirm_SavesItsTextAsANewRevision()
    {
        var admin = Services.GetRequiredService<ScriptAdminService>();
        var original = (await Scripts.FindAsync(CountId))!.Script.Source;
        Assert.IsType<ScriptSaveResult.Saved>(await admin.SaveAsync(CountId, "outcome = \"two\";\n", 1, AuditActor.Studio("other-admin", null)));
        var cut = RenderEditor(CountId);
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=script-version]").Count));

        cut.FindAll("[data-testid=script-version]").Single(v => v.GetAttribute("data-revision") == "1").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=script-revision-dialog]")));
        cut.Find("button[data-testid=restore-revision]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Save the text of revision 1 as a new revision 3", cut.Markup));
        cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Restore").Click();

        cut.WaitForAssertion(() => Assert.Equal("3", cut.Find("[data-testid=script-current-revision]").GetAttribute("data-revision")));
        var stored = (await Scripts.FindAsync(CountId))!;
        Assert.Equal((3, original), (stored.Revision, stored.Script.Source));
        var restored = (await AuditAsync("Studio count")).First();
        Assert.Equal((AuditActions.ScriptRestore, AdminName, 2, 3), (restored.Action, restored.Actor, restored.RevisionBefore, restored.RevisionAfter));
    }

    [Fact]
    public async Task NewScript_WithATakenNameInAnotherCase_IsRefusedOnTheField_AndANewNameStartsFromTheTemplateOfItsVersion()
    {
        var cut = RenderPage<JourneyStudio.Web.Components.Pages.Scripts>();
        cut.WaitForAssertion(() => Assert.Equal(7, cut.FindAll("[data-testid=script-row]").Count));
        cut.Find("button[data-testid=new-script]").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=new-script-dialog]")));

        cut.WaitForElement("input[data-testid=script-name-field]").Input("STUDIO COUNT");
        cut.Find("button[data-testid=create-script]").Click();
        cut.WaitForAssertion(() => Assert.Contains("A script named 'STUDIO COUNT' already exists", cut.Markup));
        Assert.Equal(7, (await Scripts.ListAsync()).Count);

        cut.WaitForElement("input[data-testid=script-name-field]").Input("Check the device");
        cut.Find("button[data-testid=create-script]").Click();

        cut.WaitForAssertion(() => Assert.Contains("/scripts/", Services.GetRequiredService<NavigationManager>().Uri));
        var created = (await Scripts.ListAsync()).Single(s => s.Script.Name == "Check the device");
        Assert.Equal((ScriptDefinition.JavaScript, ScriptDefinition.DecisionNodeContext, ScriptDefinition.NextGenerationEvaluator, 1),
            (created.Script.Language, created.Script.Context, created.Script.EvaluatorVersion, created.Revision));
        Assert.Equal(ScriptAdminService.Template(ScriptDefinition.NextGenerationEvaluator), created.Script.Source);
        Assert.Contains("action.goTo(", created.Script.Source);
        Assert.True(Services.GetRequiredService<ScriptCompiler>().Compile(created.Script.Source, "t").Succeeded);
        Assert.True(Services.GetRequiredService<ScriptCompiler>().Compile(ScriptAdminService.Template(ScriptDefinition.LegacyEvaluator), "t").Succeeded);
        Assert.EndsWith("/scripts/" + created.Script.Id, Services.GetRequiredService<NavigationManager>().Uri);
        var audited = (await AuditAsync("Check the device")).Single();
        Assert.Equal((AuditActions.ScriptSave, AdminName, null, 1), (audited.Action, audited.Actor, audited.RevisionBefore, audited.RevisionAfter));
    }
}
