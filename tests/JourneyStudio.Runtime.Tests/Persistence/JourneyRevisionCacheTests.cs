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
    public async Task ADraftJustSaved_IsServedAsWritten_WithoutAParse_AndMatchesWhatItsStoredJsonSays()
    {
        await _db.Journeys.CreateAsync(TestJourneys.Login("Drafted"), "admin");
        var opened = (await _db.Journeys.GetLatestAsync("Drafted"))!;
        var parses = _codec.Parses;
        var edited = opened.Journey with { Description = "Edited in the designer" };

        var saved = await _db.Journeys.SaveDraftAsync(edited, opened.Revision, "admin");
        var reread = (await _db.Journeys.GetRevisionAsync("Drafted", 2))!;

        Assert.Equal(new SaveResult.Saved(2), saved);
        Assert.Equal(parses, _codec.Parses);
        // The nodes the edit did not touch are the editor's own objects, so "what changed" needs no deep comparison.
        Assert.Same(edited.Nodes, reread.Journey.Nodes);
        await using var db = _db.CreateContext();
        var journeyId = db.Journeys.Single(j => j.Name == "Drafted").Id;
        var json = db.JourneyRevisions.Single(r => r.JourneyId == journeyId && r.Revision == 2).Json;
        Assert.Empty(JourneyComparer.Differences(new TestJourneyCodec().Deserialize(json), reread.Journey));
    }

    [Fact]
    public async Task ADraftSavedOnAnotherInstance_IsWhatThisInstanceOpensNext_NeverItsOwnDraftFromTheCache()
    {
        await _db.Journeys.CreateAsync(TestJourneys.Login("Shared"), "admin");
        var mine = (await _db.Journeys.GetLatestAsync("Shared"))!;
        Assert.Equal(new SaveResult.Saved(2), await _db.Journeys.SaveDraftAsync(mine.Journey with { Description = "Mine" }, 1, "alice"));
        Assert.Equal("Mine", (await _db.Journeys.GetLatestAsync("Shared"))!.Journey.Description);
        await using var other = await _db.SecondInstanceAsync();
        var seenThere = (await other.Journeys.GetLatestAsync("Shared"))!;
        Assert.Equal("Mine", seenThere.Journey.Description);

        Assert.Equal(new SaveResult.Saved(3), await other.Journeys.SaveDraftAsync(seenThere.Journey with { Description = "Theirs" }, 2, "bob"));
        var reopened = (await _db.Journeys.GetLatestAsync("Shared"))!;

        Assert.Equal((3, "Theirs"), (reopened.Revision, reopened.Journey.Description));
        Assert.Equal("Mine", (await _db.Journeys.GetRevisionAsync("Shared", 2))!.Journey.Description);
        // Saving on top of the revision this instance saved (and cached) is a conflict, not an overwrite of theirs.
        Assert.Equal(new SaveResult.Conflict(3), await _db.Journeys.SaveDraftAsync(mine.Journey with { Description = "Late" }, 2, "alice"));
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
