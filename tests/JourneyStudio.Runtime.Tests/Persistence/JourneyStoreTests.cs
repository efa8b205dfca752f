using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Persistence;

namespace JourneyStudio.Runtime.Tests.Persistence;

/// <summary>Journey store behaviour on a real SQLite file; one partial file per area.</summary>
public abstract partial class JourneyStoreTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const string Admin = "alice";

    private TestDatabase _db = null!;

    private JourneyStore Store => _db.Journeys;

    public async Task InitializeAsync() => _db = await TestDatabase.StartAsync(provider);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<Journey> CreateAsync(string name, bool realmDefault = false)
    {
        var journey = TestJourneys.Login(name);
        if (realmDefault) journey = journey with { Settings = journey.Settings with { IsRealmDefault = true } };
        Assert.Equal(new SaveResult.Saved(1), await Store.CreateAsync(journey, Admin));
        return journey;
    }

    private async Task<StoredJourney> GetExistingAsync(string name) =>
        await Store.GetAsync(name) ?? throw new Xunit.Sdk.XunitException($"Journey '{name}' is missing.");
}

public sealed class JourneyStoreTestsOnSqlite() : JourneyStoreTests(DatabaseProvider.Sqlite);

public sealed class JourneyStoreTestsOnPostgres() : JourneyStoreTests(DatabaseProvider.Postgres);
