using JourneyStudio.Runtime.Persistence;

namespace JourneyStudio.Runtime.Tests.Persistence;

public abstract partial class JourneyStoreTests
{
    [Fact]
    public async Task Create_NewName_StoresRevision1ThatReadsBackUnchanged()
    {
        var journey = TestJourneys.Login("Login");

        var result = await Store.CreateAsync(journey, Admin);

        Assert.Equal(new SaveResult.Saved(1), result);
        var stored = await GetExistingAsync("Login");
        Assert.Equal(1, stored.Revision);
        TestJourneys.AssertSame(journey, stored.Journey);
        var history = Assert.Single((await Store.ListRevisionsAsync("Login"))!);
        Assert.Equal(new JourneyRevisionSummary(1, _db.Clock.Now, Admin, "Created"), history);
    }

    [Fact]
    public async Task Create_NameExistsInOtherCase_NameTakenWithExistingSpelling()
    {
        await CreateAsync("Login");

        var result = await Store.CreateAsync(TestJourneys.Login("LOGIN", description: "other"), Admin);

        Assert.Equal(new SaveResult.NameTaken("Login"), result);
        var list = await Store.ListAsync();
        Assert.Equal("Username and password", Assert.Single(list).Description);
    }

    [Fact]
    public async Task Create_InvalidName_InvalidNameAndNothingStored()
    {
        var result = await Store.CreateAsync(TestJourneys.Login("Login/Admin"), Admin);

        var invalid = Assert.IsType<SaveResult.InvalidName>(result);
        Assert.Contains("'/' at position 6", invalid.Message);
        Assert.Empty(await Store.ListAsync());
    }

    [Fact]
    public async Task Get_NameInOtherCase_FindsJourneyWithStoredSpelling()
    {
        await CreateAsync("PlatformLogin");

        var stored = await Store.GetAsync("platformlogin");

        Assert.Equal("PlatformLogin", stored?.Journey.Name);
    }

    [Fact]
    public async Task Get_UnknownName_Null()
    {
        await CreateAsync("Login");

        Assert.Null(await Store.GetAsync("Registration"));
        Assert.Null(await Store.GetRevisionAsync("Registration", 1));
        Assert.Null(await Store.ListRevisionsAsync("Registration"));
    }

    [Fact]
    public async Task Create_ManyAtOnce_AllSucceedWithoutDatabaseLocked()
    {
        // Separate contexts and connections writing at the same time: WAL plus busy_timeout make
        // them wait for each other instead of failing.
        var results = await Task.WhenAll(Enumerable.Range(1, 12)
            .Select(i => Task.Run(() => Store.CreateAsync(TestJourneys.Login($"Journey {i}"), Admin))));

        Assert.All(results, r => Assert.Equal(new SaveResult.Saved(1), r));
        Assert.Equal(12, (await Store.ListAsync()).Count);
    }
}
