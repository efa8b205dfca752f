using JourneyStudio.Runtime.Persistence;

namespace JourneyStudio.Runtime.Tests.Persistence;

public abstract partial class JourneyStoreTests
{
    [Fact]
    public async Task SaveDraft_KeepsTheLiveRevisionForSignOnsAndTheDraftForEditors()
    {
        var first = await CreateAsync("Login");
        var draft = TestJourneys.Edited(first, "draft");

        Assert.Equal(new SaveResult.Saved(2), await Store.SaveDraftAsync(draft, 1, Admin));

        var live = await GetExistingAsync("Login");
        Assert.Equal(1, live.Revision);
        TestJourneys.AssertSame(first, live.Journey);
        var latest = (await Store.GetLatestAsync("Login"))!;
        Assert.Equal((2, 1, true), (latest.Revision, latest.LiveRevision, latest.IsDraft));
        TestJourneys.AssertSame(draft, latest.Journey);
        var row = Assert.Single(await Store.ListAsync());
        Assert.Equal((2, 1, (int?)2), (row.CurrentRevision, row.LiveRevision, row.DraftRevision));
        Assert.Equal("Username and password", row.Description); // the list shows what is live
    }

    [Fact]
    public async Task SaveDraft_DoesNotChangeTheJourneyLevelSwitches()
    {
        var first = await CreateAsync("Login");
        var disabled = first with { Settings = first.Settings with { Enabled = false, IsRealmDefault = true } };

        Assert.Equal(new SaveResult.Saved(2), await Store.SaveDraftAsync(disabled, 1, Admin));

        var latest = (await Store.GetLatestAsync("Login"))!;
        Assert.True(latest.Journey.Settings.Enabled);
        Assert.False(latest.Journey.Settings.IsRealmDefault);
        Assert.Null(await Store.GetRealmDefaultAsync());
    }

    [Fact]
    public async Task Publish_CurrentDraft_MakesItLiveWithoutANewRevision()
    {
        var first = await CreateAsync("Login");
        var draft = TestJourneys.Edited(first, "draft");
        await Store.SaveDraftAsync(draft, 1, Admin);

        Assert.Equal(new SaveResult.Saved(2), await Store.PublishAsync("login", 2));

        var live = await GetExistingAsync("Login");
        Assert.Equal(2, live.Revision);
        TestJourneys.AssertSame(draft, live.Journey);
        Assert.Null(Assert.Single(await Store.ListAsync()).DraftRevision);
        Assert.Equal(2, (await Store.ListRevisionsAsync("Login"))!.Count);
    }

    [Fact]
    public async Task Publish_NotTheCurrentDraft_RefusedAndNothingChanges()
    {
        var first = await CreateAsync("Login");

        Assert.Equal(new SaveResult.NoDraft(null, 1), await Store.PublishAsync("Login", 1));
        await Store.SaveDraftAsync(TestJourneys.Edited(first, "a"), 1, Admin);
        await Store.SaveDraftAsync(TestJourneys.Edited(first, "b"), 2, Admin);

        Assert.Equal(new SaveResult.NoDraft(3, 1), await Store.PublishAsync("Login", 2));
        Assert.Equal(new SaveResult.NotFound(), await Store.PublishAsync("Nowhere", 2));
        Assert.Equal(1, (await GetExistingAsync("Login")).Revision);
    }

    [Fact]
    public async Task SaveAndPublish_OnTopOfADraft_SupersedesIt()
    {
        var first = await CreateAsync("Login");
        await Store.SaveDraftAsync(TestJourneys.Edited(first, "draft"), 1, Admin);
        var published = TestJourneys.Edited(first, "published");

        Assert.Equal(new SaveResult.Conflict(2), await Store.SaveAsync(published, 1, Admin));
        Assert.Equal(new SaveResult.Saved(3), await Store.SaveAsync(published, 2, Admin));

        var row = Assert.Single(await Store.ListAsync());
        Assert.Equal((3, (int?)null), (row.LiveRevision, row.DraftRevision));
    }

    [Fact]
    public async Task RenameAndDisable_WithADraft_ChangeTheLiveJourneyAndCarryTheDraftOver()
    {
        var first = await CreateAsync("Login");
        var draft = TestJourneys.Edited(first, "draft");
        await Store.SaveDraftAsync(draft, 1, Admin);

        Assert.Equal(new SaveResult.Saved(4), await Store.RenameAsync("Login", "Sign On", 2, Admin));
        Assert.Equal(new SaveResult.Saved(6), await Store.SetEnabledAsync("Sign On", false, Admin));

        var live = await GetExistingAsync("Sign On");
        Assert.Equal(5, live.Revision);
        Assert.Equal("Username and password", live.Journey.Description);
        Assert.False(live.Journey.Settings.Enabled);
        var latest = (await Store.GetLatestAsync("Sign On"))!;
        Assert.Equal((6, true), (latest.Revision, latest.IsDraft));
        Assert.Equal(("Sign On", "draft", false), (latest.Journey.Name, latest.Journey.Description, latest.Journey.Settings.Enabled));
    }

    [Fact]
    public async Task Import_OverADraft_PublishesTheImportedContent()
    {
        var first = await CreateAsync("Login");
        await Store.SaveDraftAsync(TestJourneys.Edited(first, "draft"), 1, Admin);

        var imported = Assert.Single(await Store.ImportAsync([TestJourneys.Edited(first, "imported")], Admin));

        Assert.Equal(3, imported.Revision);
        var live = await GetExistingAsync("Login");
        Assert.Equal((3, "imported"), (live.Revision, live.Journey.Description));
        Assert.Null(Assert.Single(await Store.ListAsync()).DraftRevision);
    }
}
