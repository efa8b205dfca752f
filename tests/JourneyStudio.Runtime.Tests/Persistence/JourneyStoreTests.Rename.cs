using JourneyStudio.Runtime.Persistence;

namespace JourneyStudio.Runtime.Tests.Persistence;

public abstract partial class JourneyStoreTests
{
    [Fact]
    public async Task Rename_FreeName_RenamesJourneyContentAndKeepsHistory()
    {
        var first = await CreateAsync("Login");

        var result = await Store.RenameAsync("Login", "Sign On", basedOnRevision: 1, "bob");

        Assert.Equal(new SaveResult.Saved(2), result);
        Assert.Null(await Store.GetAsync("Login"));
        var renamed = await GetExistingAsync("Sign On");
        Assert.Equal(2, renamed.Revision);
        TestJourneys.AssertSame(first with { Name = "Sign On" }, renamed.Journey);
        Assert.Equal(new[] { "Sign On" }, (await Store.ListAsync()).Select(j => j.Name));
        var history = await Store.ListRevisionsAsync("Sign On");
        Assert.Equal(new[] { 2, 1 }, history!.Select(r => r.Revision));
        Assert.Equal("Renamed from 'Login'", history![0].Note);
        Assert.NotNull(await Store.GetRevisionAsync("Sign On", 1));
    }

    [Fact]
    public async Task Rename_ToNameOfAnotherJourneyInOtherCase_NameTaken()
    {
        await CreateAsync("Login");
        await CreateAsync("Registration");

        Assert.Equal(new SaveResult.NameTaken("Registration"), await Store.RenameAsync("Login", "REGISTRATION", 1, Admin));
        Assert.Equal(1, (await GetExistingAsync("Login")).Revision);
    }

    [Fact]
    public async Task Rename_OnlyLetterCase_Renames()
    {
        await CreateAsync("login");

        Assert.Equal(new SaveResult.Saved(2), await Store.RenameAsync("login", "Login", 1, Admin));

        Assert.Equal("Login", Assert.Single(await Store.ListAsync()).Name);
        Assert.Equal("Login", (await GetExistingAsync("login")).Journey.Name);
    }

    [Fact]
    public async Task Rename_RefusedCases_NothingChanges()
    {
        await CreateAsync("Login");

        Assert.Equal(new SaveResult.Conflict(1), await Store.RenameAsync("Login", "Sign On", 0, Admin));
        Assert.Equal(new SaveResult.NotFound(), await Store.RenameAsync("Nowhere", "Sign On", 1, Admin));
        var invalid = Assert.IsType<SaveResult.InvalidName>(await Store.RenameAsync("Login", " Sign On", 1, Admin));
        Assert.Equal("A journey name cannot start or end with a space.", invalid.Message);
        Assert.Equal(new SaveResult.Saved(1), await Store.RenameAsync("Login", "Login", 1, Admin));

        Assert.Equal(1, (await GetExistingAsync("Login")).Revision);
    }
}
