using JourneyStudio.Runtime.Persistence;

namespace JourneyStudio.Runtime.Tests.Persistence;

public abstract partial class JourneyStoreTests
{
    [Fact]
    public async Task Restore_OldRevision_SavesItsContentAsNewDraftAndLiveStays()
    {
        var first = await CreateAsync("Login");
        var second = TestJourneys.Edited(first, "second");
        await Store.SaveAsync(second, 1, Admin);

        var result = await Store.RestoreAsync("Login", 1, basedOnRevision: 2, "bob");

        Assert.Equal(new SaveResult.Saved(3), result);
        var latest = (await Store.GetLatestAsync("Login"))!;
        Assert.Equal((3, true), (latest.Revision, latest.IsDraft));
        TestJourneys.AssertSame(first, latest.Journey);
        var live = await GetExistingAsync("Login");
        Assert.Equal(2, live.Revision);
        TestJourneys.AssertSame(second, live.Journey);
        TestJourneys.AssertSame(second, (await Store.GetRevisionAsync("Login", 2))!.Journey);
        var newest = (await Store.ListRevisionsAsync("Login"))![0];
        Assert.Equal(("bob", "Restored revision 1"), (newest.SavedBy, newest.Note));
    }

    [Fact]
    public async Task Restore_BasedOnOldRevision_ConflictAndNothingWritten()
    {
        var first = await CreateAsync("Login");
        await Store.SaveAsync(TestJourneys.Edited(first, "second"), 1, Admin);

        Assert.Equal(new SaveResult.Conflict(2), await Store.RestoreAsync("Login", 1, basedOnRevision: 1, Admin));
        Assert.Equal(2, (await GetExistingAsync("Login")).Revision);
    }

    [Fact]
    public async Task Restore_UnknownRevisionOrJourney_SaysWhichIsMissing()
    {
        await CreateAsync("Login");

        Assert.Equal(new SaveResult.RevisionNotFound(7), await Store.RestoreAsync("Login", 7, 1, Admin));
        Assert.Equal(new SaveResult.NotFound(), await Store.RestoreAsync("Registration", 1, 1, Admin));
    }

    [Fact]
    public async Task Restore_RevisionFromBeforeRename_KeepsCurrentName()
    {
        await CreateAsync("Login");
        Assert.Equal(new SaveResult.Saved(2), await Store.RenameAsync("Login", "Sign On", 1, Admin));

        Assert.Equal(new SaveResult.Saved(3), await Store.RestoreAsync("Sign On", 1, 2, Admin));

        Assert.Equal("Sign On", (await GetExistingAsync("Sign On")).Journey.Name);
        Assert.Null(await Store.GetAsync("Login"));
    }
}
