using JourneyStudio.Runtime.Persistence;

namespace JourneyStudio.Runtime.Tests.Persistence;

public abstract partial class JourneyStoreTests
{
    [Fact]
    public async Task List_SeveralJourneys_OrderedByNameIgnoringCaseWithTheirState()
    {
        var created = _db.Clock.Now;
        await CreateAsync("beta");
        await Store.CreateAsync(TestJourneys.Login("Alpha", "first") with
        {
            Settings = new() { Enabled = false },
        }, Admin);
        var gamma = await CreateAsync("Gamma", realmDefault: true);
        _db.Clock.Advance(TimeSpan.FromHours(1));
        await Store.SaveAsync(TestJourneys.Edited(gamma, "edited"), 1, Admin);

        var list = await Store.ListAsync();

        Assert.Equal(new[]
        {
            new JourneySummary("Alpha", "first", Enabled: false, IsRealmDefault: false, 1, created, created),
            new JourneySummary("beta", "Username and password", Enabled: true, IsRealmDefault: false, 1, created, created),
            new JourneySummary("Gamma", "edited", Enabled: true, IsRealmDefault: true, 2, created, created.AddHours(1)),
        }, list);
    }

    [Fact]
    public async Task Timestamps_StoredAsFixedWidthUtcText()
    {
        _db.Clock.Now = new DateTimeOffset(2025, 3, 1, 12, 30, 0, TimeSpan.FromHours(2));
        await CreateAsync("Login");

        // Sortable as text in any SQLite tool: UTC, fixed width, full precision.
        Assert.Equal("2025-03-01T10:30:00.0000000Z", _db.QueryScalar("SELECT \"UpdatedAt\" FROM \"Journeys\""));
        Assert.Equal(_db.Clock.Now, Assert.Single(await Store.ListAsync()).CreatedAt);
    }
}
