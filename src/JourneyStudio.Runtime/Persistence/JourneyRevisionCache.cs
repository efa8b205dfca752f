using System.Collections.Concurrent;
using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Runtime.Persistence;

/// <summary>
/// Names one saved revision for ever: by the journey's id, not its name (a journey deleted and created again under the
/// same name starts again at revision 1). Ids are not reused (SQLite AUTOINCREMENT, PostgreSQL identity columns); the
/// journey's creation time is part of the key as well, so that even a database rebuilt with its sequences reset (a
/// restore, a hand-made copy) cannot make two different journeys one key.
/// </summary>
public readonly record struct JourneyRevisionKey(int JourneyId, DateTimeOffset JourneyCreatedAt, int Revision);

/// <summary>
/// Parsed journey revisions, so that a sign-on step does not read and parse its journey again. Saved revisions are
/// immutable (<see cref="JourneyRevisionRecord"/>: a save adds a revision, never rewrites one), so an entry can never go
/// stale and needs no invalidation, on this instance or another; journey-level state that does change (name, enabled,
/// realm default) is not taken from here but from the journey row each time (<see cref="JourneyHead"/>). Holds only
/// saved revisions (read from the revisions table, or the content a save has just committed as one), never unsaved
/// content (e.g. a draft being edited). Bounded: past
/// <see cref="Capacity"/> entries the least recently used quarter is dropped. Thread-safe; callers must treat the
/// <see cref="Journey"/> objects as the immutable values they are.
/// </summary>
public sealed class JourneyRevisionCache(int capacity = JourneyRevisionCache.DefaultCapacity)
{
    /// <summary>Revisions kept; a revision of a few hundred nodes is some hundred KB parsed.</summary>
    public const int DefaultCapacity = 256;

    private readonly ConcurrentDictionary<JourneyRevisionKey, Entry> _entries = new();
    private readonly Lock _evicting = new();
    private long _clock;

    public int Capacity { get; } = Math.Max(1, capacity);

    public int Count => _entries.Count;

    public bool TryGet(JourneyRevisionKey key, out Journey journey)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            entry.LastUsed = Interlocked.Increment(ref _clock);
            journey = entry.Journey;
            return true;
        }
        journey = null!;
        return false;
    }

    /// <summary>
    /// Keeps <paramref name="parsed"/> for <paramref name="key"/> and returns the journey now cached for it: of two callers
    /// that parsed the same revision at once, both get the first one's object.
    /// </summary>
    public Journey Add(JourneyRevisionKey key, Journey parsed)
    {
        var entry = _entries.GetOrAdd(key, static (_, state) => new Entry(state.Parsed, state.Now), (Parsed: parsed, Now: Interlocked.Increment(ref _clock)));
        if (_entries.Count > Capacity) Evict();
        return entry.Journey;
    }

    /// <summary>Drops every revision of the journey (after it is deleted: its revisions can never be asked for again).</summary>
    public void ForgetJourney(int journeyId)
    {
        foreach (var key in _entries.Keys)
            if (key.JourneyId == journeyId) _entries.TryRemove(key, out _);
    }

    private void Evict()
    {
        lock (_evicting)
        {
            if (_entries.Count <= Capacity) return;
            var keep = Capacity * 3 / 4;
            foreach (var (key, _) in _entries.OrderBy(e => e.Value.LastUsed).Take(_entries.Count - keep).ToList())
                _entries.TryRemove(key, out _);
        }
    }

    private sealed class Entry(Journey journey, long lastUsed)
    {
        public Journey Journey { get; } = journey;

        public long LastUsed { get; set; } = lastUsed;
    }
}
