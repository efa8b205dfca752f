using Bunit;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Web.Designer;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Web.Tests.Designer;

/// <summary>The designer's Save: a draft that end users do not run, and the three answers to someone else's save.</summary>
public sealed class DraftSaverTests : DesignerServicesContext
{
    private DraftSaver Saver => Services.GetRequiredService<DraftSaver>();

    private async Task<JourneyEditSession> EditedAsync(string name)
    {
        Assert.IsType<SaveResult.Saved>(await Store.CreateAsync(Small(name), "test"));
        var session = new JourneyEditSession((await Store.GetAsync(name))!.Journey, 1);
        session.MoveNodes(new Dictionary<string, NodePosition> { ["decision"] = new(420, 260) });
        return session;
    }

    [Fact]
    public async Task Save_StoresADraft_EndUsersKeepTheLiveRevision()
    {
        var session = await EditedAsync("Save draft");

        var outcome = await OnPage(() => Saver.SaveAsync(session, liveRevision: 1));

        Assert.Equal(new DraftSaveOutcome.Saved(2), outcome);
        Assert.False(session.IsDirty);
        Assert.Equal(2, session.BasedOnRevision);
        Assert.Equal(1, (await Store.GetAsync("Save draft"))!.Revision);
        Assert.Equal(2, (await Store.GetLatestAsync("Save draft"))!.Revision);
        Assert.Contains("Saved as draft revision 2. End users keep revision 1 until you publish.", Notices);
    }

    [Theory]
    [InlineData("Load their version", 3, 150.0)]
    [InlineData("Save mine over theirs", 4, 260.0)]
    [InlineData("Keep editing", 3, 150.0)]
    public async Task SaveAfterSomeoneElseSaved_AsksWhatToDo(string answer, int newestRevision, double storedY)
    {
        var name = "Save conflict " + answer;
        var session = await EditedAsync(name);
        Assert.IsType<SaveResult.Saved>(await Store.SaveDraftAsync(Small(name) with { Description = "theirs" }, 1, "other"));
        Assert.IsType<SaveResult.Saved>(await Store.SaveDraftAsync(Small(name) with { Description = "theirs again" }, 2, "other"));

        var saving = OnPage(() => Saver.SaveAsync(session, liveRevision: 1));
        Providers.WaitForAssertion(() => Assert.Contains("revision 3 was saved by someone else", Providers.Find(".mud-dialog").TextContent));
        Providers.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == answer).Click();
        var outcome = await saving;

        var newest = (await Store.GetLatestAsync(name))!;
        Assert.Equal(newestRevision, newest.Revision);
        Assert.Equal(storedY, newest.Journey.FindNode("decision")!.Y);
        switch (answer)
        {
            case "Load their version":
                Assert.Equal(new DraftSaveOutcome.Reloaded(1), outcome);
                Assert.Equal("theirs again", session.Current.Description);
                Assert.False(session.IsDirty);
                break;
            case "Save mine over theirs":
                Assert.Equal(new DraftSaveOutcome.Saved(4), outcome);
                Assert.Equal(4, session.BasedOnRevision);
                break;
            default:
                Assert.Equal(new DraftSaveOutcome.NotSaved(), outcome);
                Assert.True(session.IsDirty);
                Assert.Equal(260, session.Current.FindNode("decision")!.Y);
                break;
        }
    }
}
