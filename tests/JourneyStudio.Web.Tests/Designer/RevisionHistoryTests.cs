using Bunit;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Administration;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Web.Components;
using JourneyStudio.Web.Designer;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace JourneyStudio.Web.Tests.Designer;

/// <summary>The designer's revisions: the list, an old one viewed read-only, restoring (asked first), and the changes between two.</summary>
public sealed class RevisionHistoryTests : DesignerServicesContext
{
    private RevisionHistory HistoryOf(string name) => new(name, Store, Services.GetRequiredService<JourneyAdminService>(),
        Services.GetRequiredService<StudioActor>(), Services.GetRequiredService<IDialogService>(), Services.GetRequiredService<ISnackbar>());

    /// <summary>Revision 1 live; draft 2 adds a Push Sender, renames the decision and moves Success.</summary>
    private async Task<string> WithDraftAsync(string name)
    {
        var draft = Small(name, trueTo: "push") with
        {
            Nodes =
            [
                Small(name, trueTo: "push").Nodes[0] with { DisplayName = "Known user?" },
                TestJourneys.Node(Journeys.Catalog.NodeTypeIds.PushSender, "push", 500, 150, ("SENT", StaticNodeIds.Success)),
            ],
            SuccessPosition = new NodePosition(900, 120),
        };
        await LiveAndDraftAsync(Small(name), draft);
        return name;
    }

    [Fact]
    public async Task Toggle_ListsTheRevisions_ViewShowsAnOldOne_UntilStopped()
    {
        var history = HistoryOf(await WithDraftAsync("History view"));

        await history.ToggleAsync();
        Assert.True(history.IsOpen);
        Assert.Equal([2, 1], history.Revisions.Select(r => r.Revision).OrderDescending());

        Assert.True(await history.ViewAsync(1));
        Assert.Equal(1, history.Viewing!.Value.Revision);
        Assert.Null(history.Viewing.Value.Journey.FindNode("push"));
        Assert.False(await history.ViewAsync(9));
        Assert.Equal(1, history.TakeViewed()!.Value.Revision);
        Assert.Null(history.Viewing);

        await history.ToggleAsync();
        Assert.False(history.IsOpen);
    }

    [Fact]
    public async Task Restore_AsksFirst_CancelKeepsEverything_ConfirmSavesADraft()
    {
        const string name = "History restore";
        var history = HistoryOf(await WithDraftAsync(name));

        var cancelled = OnPage(() => history.RestoreAsync(1, basedOnRevision: 2, liveRevision: 1, unsavedChanges: true));
        Providers.WaitForAssertion(() => Assert.Contains("Your unsaved changes on the canvas are replaced.", Providers.Find(".mud-dialog").TextContent));
        Providers.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        Assert.Null(await cancelled);
        Assert.Equal(2, (await Store.GetLatestAsync(name))!.Revision);

        var restoring = OnPage(() => history.RestoreAsync(1, basedOnRevision: 2, liveRevision: 1, unsavedChanges: false));
        Providers.WaitForAssertion(() => Assert.Contains("end users keep running revision 1 until you publish", Providers.Find(".mud-dialog").TextContent));
        Providers.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Restore as draft").Click();
        var restored = await restoring;

        Assert.Equal(3, restored!.Revision);
        Assert.Equal(1, restored.LiveRevision);
        Assert.Null(restored.Journey.FindNode("push"));
        Assert.Equal(1, (await Store.GetAsync(name))!.Revision);
        Assert.Contains("Revision 1 restored as draft revision 3; publish it to make it live.", Notices);
    }

    [Fact]
    public async Task Compare_DraftWithLive_NamesWhatWasAddedChangedAndMoved()
    {
        const string name = "History compare";
        var history = HistoryOf(await WithDraftAsync(name));
        var draft = (await Store.GetLatestAsync(name))!.Journey;

        Assert.True(await history.CompareAsync(1, 2, liveRevision: 1, draft, n => n.DisplayName));

        var changes = history.Changes!;
        Assert.Equal((1, 2, "draft"), (changes.From, changes.To, changes.ToLabel));
        Assert.Equal(NodeChangeKind.Added, changes.Diff.Find("push")!.Kind);
        Assert.Contains(changes.Diff.Find("decision")!.Properties, p => p.Property == "displayName");
        Assert.True(changes.Diff.Find(StaticNodeIds.Success)!.Moved);
        Assert.Equal("Known user?", changes.Names["decision"]);
        Assert.Equal("Push Sender", changes.Names["push"]);

        history.HideChanges();
        Assert.Null(history.Changes);
        Assert.False(await history.CompareAsync(1, 7, liveRevision: 1, draft, n => n.DisplayName));
        Assert.Contains("Revision 1 or 7 of this journey does not exist.", Notices);
    }
}
