using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Runtime.Tests.Persistence;

/// <summary>
/// Saved revisions are parsed once and served from the cache, on a real SQLite file; journey-level state comes from the
/// row on every read.
/// </summary>
public sealed class JourneyRevisionCacheTests : IAsyncLifetime
{
    private readonly CountingCodec _codec = new(new TestJourneyCodec());
    private TestDatabase _db = null!;

    public async Task InitializeAsync() =>
        _db = await TestDatabase.StartAsync(configure: services => services.AddSingleton<IJourneyCodec>(_codec));

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task SameRevision_ReadTwice_IsOneParseAndTheSameObject()
    {
        await _db.Journeys.CreateAsync(TestJourneys.Login("Cached"), "admin");

        var first = await _db.Journeys.GetAsync("Cached");
        var again = await _db.Journeys.GetAsync("cached");
        var pinned = await _db.Journeys.GetRevisionAsync("Cached", 1);

        Assert.Same(first!.Journey, again!.Journey);
        Assert.Same(first.Journey, pinned!.Journey);
        Assert.Equal(1, _codec.Parses);
    }

    [Fact]
    public async Task AfterASave_TheNewRevisionIsANewObject_AndTheOldOneIsStillServedAsItWas()
    {
        await _db.Journeys.CreateAsync(TestJourneys.Login("Edited"), "admin");
        var before = (await _db.Journeys.GetAsync("Edited"))!.Journey;

        await _db.Journeys.SaveAsync(TestJourneys.Login("Edited", description: "Second"), 1, "admin");
        var current = await _db.Journeys.GetAsync("Edited");
        var old = await _db.Journeys.GetRevisionAsync("Edited", 1);

        Assert.Equal(2, current!.Revision);
        Assert.NotSame(before, current.Journey);
        Assert.Equal("Second", current.Journey.Description);
        Assert.Same(before, old!.Journey);
        Assert.Equal(2, _codec.Parses);
    }

    [Fact]
    public async Task JourneyLevelState_ComesFromTheRow_NotFromTheCachedRevision()
    {
        await _db.Journeys.CreateAsync(TestJourneys.Login("Toggled"), "admin");
        var head = (await _db.Journeys.GetAsync("Toggled"))!;
        Assert.True(head.Journey.Settings.Enabled);

        await using (var db = _db.CreateContext())
        {
            var row = db.Journeys.Single(j => j.Name == "Toggled");
            row.Enabled = false;
            await db.SaveChangesAsync();
        }
        var disabled = await _db.Journeys.GetRevisionAsync("Toggled", 1);

        Assert.False(disabled!.Journey.Settings.Enabled);
        Assert.Equal(1, _codec.Parses);
    }

    [Fact]
    public async Task JourneyDeletedAndCreatedAgainUnderItsName_IsTheNewContent()
    {
        await _db.Journeys.CreateAsync(TestJourneys.Login("Reborn", description: "First life"), "admin");
        Assert.Equal("First life", (await _db.Journeys.GetAsync("Reborn"))!.Journey.Description);

        await _db.Journeys.DeleteAsync("Reborn");
        _db.Clock.Advance(TimeSpan.FromSeconds(1));
        await _db.Journeys.CreateAsync(TestJourneys.Login("Reborn", description: "Second life"), "admin");

        // Same name, revision 1 again: a cache keyed by name and revision would serve the deleted journey.
        Assert.Equal("Second life", (await _db.Journeys.GetAsync("Reborn"))!.Journey.Description);
    }

    [Fact]
    public void Cache_PastItsCapacity_DropsTheLeastRecentlyUsed()
    {
        var cache = new JourneyRevisionCache(capacity: 4);
        var created = DateTimeOffset.UnixEpoch;
        Journey Named(string name) => new() { Name = name };
        for (var revision = 1; revision <= 4; revision++) cache.Add(new JourneyRevisionKey(1, created, revision), Named($"r{revision}"));
        Assert.True(cache.TryGet(new JourneyRevisionKey(1, created, 1), out _)); // revision 1 is now the most recently used

        cache.Add(new JourneyRevisionKey(1, created, 5), Named("r5"));

        Assert.True(cache.Count <= 4);
        Assert.True(cache.TryGet(new JourneyRevisionKey(1, created, 1), out _));
        Assert.True(cache.TryGet(new JourneyRevisionKey(1, created, 5), out _));
        Assert.False(cache.TryGet(new JourneyRevisionKey(1, created, 2), out _));
    }

    /// <summary>The store's codec, counting parses.</summary>
    private sealed class CountingCodec(IJourneyCodec inner) : IJourneyCodec
    {
        private int _parses;

        public int Parses => _parses;

        public string Serialize(Journey journey) => inner.Serialize(journey);

        public Journey Deserialize(string json)
        {
            Interlocked.Increment(ref _parses);
            return inner.Deserialize(json);
        }
    }
}
