using Bunit;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Web.Designer;
using MudBlazor.Services;

namespace JourneyStudio.Web.Tests.Designer;

/// <summary>The designer's toolbar, revision list and changes list as an admin sees them.</summary>
public sealed class DesignerComponentsTests : BunitContext, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's popover service (tooltips) can only be disposed asynchronously.
    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    public DesignerComponentsTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void Toolbar_KeepsTheUnsavedChipsRoom_WhenThereIsNothingUnsaved()
    {
        var clean = Render<DesignerToolbar>(p => p.Add(t => t.JourneyName, "Login").Add(t => t.Revision, 3).Add(t => t.LiveRevision, 3));

        Assert.Empty(clean.FindAll("[data-testid=unsaved-chip]"));
        Assert.Contains("jn-status-slot", clean.Find("[data-testid=unsaved-slot]").ClassName);
        clean.Render(p => p.Add(t => t.IsDirty, true));
        var slot = clean.Find("[data-testid=unsaved-slot]");
        Assert.Contains("jn-status-slot", slot.ClassName);
        Assert.Equal("Unsaved", slot.QuerySelector("[data-testid=unsaved-chip]")!.TextContent.Trim());
    }

    [Fact]
    public void Toolbar_PublishIsOnlyForASavedDraft()
    {
        var live = Render<DesignerToolbar>(p => p.Add(t => t.Revision, 3).Add(t => t.LiveRevision, 3));
        Assert.True(live.Find("[data-testid=publish]").HasAttribute("disabled"));
        Assert.Contains("live 3", live.Find("[data-testid=revision-status]").TextContent);

        var draft = Render<DesignerToolbar>(p => p.Add(t => t.Revision, 4).Add(t => t.LiveRevision, 3));
        Assert.False(draft.Find("[data-testid=publish]").HasAttribute("disabled"));
        Assert.Contains("draft 4", draft.Find("[data-testid=revision-status]").TextContent);
        Assert.Contains("live 3", draft.Find("[data-testid=revision-status]").TextContent);

        draft.Render(p => p.Add(t => t.IsDirty, true));
        Assert.True(draft.Find("[data-testid=publish]").HasAttribute("disabled"));
    }

    [Fact]
    public void Toolbar_ShowsAPanelsButton_InItsPlugPoint_AfterRevisions()
    {
        var toolbar = Render<DesignerToolbar>(p => p.Add(t => t.Revision, 3).Add(t => t.LiveRevision, 3)
            .Add(t => t.PanelButtons, (Microsoft.AspNetCore.Components.RenderFragment)(b =>
            {
                b.OpenElement(0, "button");
                b.AddAttribute(1, "data-testid", "tests-panel");
                b.AddContent(2, "Tests");
                b.CloseElement();
            })));

        var ids = toolbar.FindAll("[data-testid]").Select(e => e.GetAttribute("data-testid")).ToList();
        Assert.Equal(ids.IndexOf("revisions") + 1, ids.IndexOf("tests-panel"));
    }

    [Fact]
    public void Toolbar_ShowsTheZoomAndGoesBackTo100()
    {
        var actual = false;
        var toolbar = Render<DesignerToolbar>(p => p.Add(t => t.Zoom, 0.85).Add(t => t.OnZoomActual, () => actual = true));

        Assert.Equal("85 %", toolbar.Find("[data-testid=zoom-100]").TextContent.Trim());
        toolbar.Find("[data-testid=zoom-100]").Click();
        Assert.True(actual);
    }

    [Fact]
    public void Revisions_MarkLiveAndDraft_AndRestoreSaysItMakesADraft()
    {
        var now = DateTimeOffset.UtcNow;
        var restored = 0;
        var drawer = Render<RevisionsDrawer>(p => p
            .Add(d => d.Revisions, [new JourneyRevisionSummary(3, now, "ann", null), new JourneyRevisionSummary(2, now, "ann", null), new JourneyRevisionSummary(1, now, "ann", "Created")])
            .Add(d => d.CurrentRevision, 3).Add(d => d.EditedRevision, 3).Add(d => d.LiveRevision, 2)
            .Add(d => d.OnRestore, r => restored = r));

        Assert.Equal("true", drawer.Find("[data-revision='3']").GetAttribute("data-draft"));
        Assert.Equal("true", drawer.Find("[data-revision='2']").GetAttribute("data-live"));
        Assert.Equal("false", drawer.Find("[data-revision='1']").GetAttribute("data-live"));
        Assert.Contains("new draft", drawer.Find("[data-revision='1'] [data-testid=revision-restore]").GetAttribute("title"));
        drawer.Find("[data-revision='1'] [data-testid=revision-restore]").Click();
        Assert.Equal(1, restored);
    }

    [Fact]
    public void Revisions_TheOneViewedReadOnly_CanBeRestored_TheOneEditedCannot()
    {
        var now = DateTimeOffset.UtcNow;
        var drawer = Render<RevisionsDrawer>(p => p
            .Add(d => d.Revisions, [new JourneyRevisionSummary(2, now, "ann", null), new JourneyRevisionSummary(1, now, "ann", "Created")])
            .Add(d => d.CurrentRevision, 1).Add(d => d.EditedRevision, 2).Add(d => d.LiveRevision, 2));

        Assert.False(drawer.Find("[data-revision='1'] [data-testid=revision-restore]").HasAttribute("disabled"));
        Assert.True(drawer.Find("[data-revision='1'] [data-testid=revision-compare]").HasAttribute("disabled"));
        Assert.True(drawer.Find("[data-revision='2'] [data-testid=revision-restore]").HasAttribute("disabled"));
    }

    [Fact]
    public void Changes_ListNodesPropertiesAndWiring_AndSelectOnClick()
    {
        var before = new Journey
        {
            Name = "J", EntryNodeId = "a",
            Nodes = [new JourneyNode { Id = "a", NodeType = "PollingWaitNode", DisplayName = "Wait", Connections = new Dictionary<string, string> { ["DONE"] = StaticNodeIds.Success } }],
        };
        var after = before with
        {
            Nodes =
            [
                before.Nodes[0] with { DisplayName = "Wait a bit", Connections = new Dictionary<string, string> { ["DONE"] = StaticNodeIds.Failure } },
                new JourneyNode { Id = "b", NodeType = "PollingWaitNode", DisplayName = "Second" },
            ],
        };
        string? selected = null;
        var panel = Render<ChangesPanel>(p => p.Add(c => c.Diff, JourneyDiff.Compare(before, after)).Add(c => c.From, 1).Add(c => c.To, 2)
            .Add(c => c.Names, new Dictionary<string, string> { ["a"] = "Wait a bit", ["b"] = "Second" })
            .Add(c => c.OnSelect, id => selected = id));

        Assert.Equal("added", panel.Find("[data-testid=change][data-node-id=b]").GetAttribute("data-change"));
        Assert.Equal("changed", panel.Find("[data-testid=change][data-node-id=a]").GetAttribute("data-change"));
        Assert.Contains("\"Wait a bit\"", panel.Find("[data-testid=change][data-node-id=a] [data-property=displayName]").TextContent);
        Assert.Contains("Success → Failure", panel.Find("[data-testid=change-connection]").TextContent);
        panel.Find("[data-testid=change][data-node-id=b]").Click();
        Assert.Equal("b", selected);
    }

    [Fact]
    public void Changes_OfIdenticalRevisions_SayTheyAreTheSame()
    {
        var journey = new Journey { Name = "J" };
        var panel = Render<ChangesPanel>(p => p.Add(c => c.Diff, JourneyDiff.Compare(journey, journey)).Add(c => c.From, 2).Add(c => c.To, 2));

        Assert.NotNull(panel.Find("[data-testid=no-changes]"));
    }
}
