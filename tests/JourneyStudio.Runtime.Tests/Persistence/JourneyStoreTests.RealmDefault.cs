using JourneyStudio.Runtime.Persistence;
using Microsoft.Data.Sqlite;

namespace JourneyStudio.Runtime.Tests.Persistence;

public abstract partial class JourneyStoreTests
{
    [Fact]
    public async Task RealmDefault_CreatedOnAnotherJourney_ClearsThePreviousOne()
    {
        await CreateAsync("Login", realmDefault: true);

        await CreateAsync("Registration", realmDefault: true);

        Assert.Equal("Registration", (await Store.GetRealmDefaultAsync())?.Journey.Name);
        Assert.False((await GetExistingAsync("Login")).Journey.Settings.IsRealmDefault);
        Assert.Equal(new[] { "Registration" }, (await Store.ListAsync()).Where(j => j.IsRealmDefault).Select(j => j.Name));
    }

    [Fact]
    public async Task RealmDefault_SetBySaving_ClearsOthersAndUnsetLeavesNone()
    {
        await CreateAsync("Login", realmDefault: true);
        var registration = await CreateAsync("Registration");

        var asDefault = registration with { Settings = registration.Settings with { IsRealmDefault = true } };
        Assert.Equal(new SaveResult.Saved(2), await Store.SaveAsync(asDefault, 1, Admin));
        Assert.Equal("Registration", (await Store.GetRealmDefaultAsync())?.Journey.Name);
        Assert.False((await GetExistingAsync("Login")).Journey.Settings.IsRealmDefault);

        Assert.Equal(new SaveResult.Saved(3), await Store.SaveAsync(registration, 2, Admin));
        Assert.Null(await Store.GetRealmDefaultAsync());
    }

    [Fact]
    public async Task RealmDefault_RestoringRevisionThatWasDefault_DoesNotTakeItBack()
    {
        var login = await CreateAsync("Login", realmDefault: true);
        await Store.SaveAsync(TestJourneys.Edited(login, "second"), 1, Admin);
        await CreateAsync("Registration", realmDefault: true);

        Assert.Equal(new SaveResult.Saved(3), await Store.RestoreAsync("Login", 1, 2, Admin));

        Assert.Equal("Registration", (await Store.GetRealmDefaultAsync())?.Journey.Name);
        Assert.False((await Store.GetRevisionAsync("Login", 1))!.Journey.Settings.IsRealmDefault);
    }

    [Fact]
    public async Task Database_SecondRealmDefaultRow_RejectedByFilteredUniqueIndex()
    {
        await CreateAsync("Login", realmDefault: true);
        await CreateAsync("Registration");

        var error = Assert.ThrowsAny<System.Data.Common.DbException>(() =>
            _db.QueryScalar("UPDATE \"Journeys\" SET \"IsRealmDefault\" = TRUE WHERE \"Name\" = 'Registration'"));
        Assert.True(error is SqliteException { SqliteExtendedErrorCode: 2067 } or Npgsql.PostgresException { SqlState: "23505" }, error.Message);
    }
}
