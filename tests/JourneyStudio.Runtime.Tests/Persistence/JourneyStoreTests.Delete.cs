using JourneyStudio.Runtime.Persistence;

namespace JourneyStudio.Runtime.Tests.Persistence;

public abstract partial class JourneyStoreTests
{
    [Fact]
    public async Task Delete_ExistingJourney_RemovesItAndAllItsRevisions()
    {
        var first = await CreateAsync("Login");
        await Store.SaveAsync(TestJourneys.Edited(first, "second"), 1, Admin);
        await CreateAsync("Registration");

        Assert.True(await Store.DeleteAsync("LOGIN"));

        Assert.Null(await Store.GetAsync("Login"));
        Assert.Equal(new[] { "Registration" }, (await Store.ListAsync()).Select(j => j.Name));
        // Only Registration's revision is left in the file.
        Assert.Equal(1L, _db.QueryScalar("SELECT COUNT(*) FROM \"JourneyRevisions\""));
    }

    [Fact]
    public async Task Delete_UnknownJourney_False()
    {
        await CreateAsync("Login");

        Assert.False(await Store.DeleteAsync("Registration"));
        Assert.Single(await Store.ListAsync());
    }

    [Fact]
    public async Task Delete_ThenCreateSameName_StartsAtRevision1()
    {
        var first = await CreateAsync("Login");
        await Store.SaveAsync(TestJourneys.Edited(first, "second"), 1, Admin);
        await Store.DeleteAsync("Login");

        Assert.Equal(new SaveResult.Saved(1), await Store.CreateAsync(first, Admin));
        Assert.Single((await Store.ListRevisionsAsync("Login"))!);
    }
}
