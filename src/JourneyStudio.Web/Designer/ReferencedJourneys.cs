using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Validation;
using JourneyStudio.Runtime.Persistence;

namespace JourneyStudio.Web.Designer;

/// <summary>
/// The validator's view of other journeys. Inner Tree Evaluator checks follow references from journey to journey,
/// so only the journeys actually reached are read (reading every journey made large studios slow to open);
/// each is read once, when first needed. A name not read yet is noted and answered as unknown for now.
/// </summary>
public sealed class ReferencedJourneys(JourneyStore store, IReadOnlyList<string> journeyNames)
{
    private readonly Dictionary<string, Journey> _read = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _tried = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _unread = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _names = new(journeyNames, StringComparer.OrdinalIgnoreCase);
    private readonly ValidationMemo _memo = new();
    private int _readVersion; // changes whenever _read or _tried do (what validation looks at besides the journey)

    /// <summary>A journey read so far, if any.</summary>
    public Journey? Find(string name) => _read.GetValueOrDefault(name);

    /// <summary>
    /// The findings of <paramref name="shown"/> with the journeys read so far; <paramref name="unread"/> says that it
    /// reaches one not read yet (read them with <see cref="LoadReachedAsync"/>, then validate again).
    /// </summary>
    public IReadOnlyList<ValidationFinding> Validate(Journey shown, NodeCatalog catalog, out bool unread)
    {
        _unread.Clear();
        var findings = _memo.Validate(shown, _readVersion, _unread, () => JourneyValidator.Validate(shown, catalog, name => Lookup(shown, name)));
        unread = _unread.Count > 0;
        return findings;
    }

    /// <summary>Reads the journeys <paramref name="shown"/> reaches through Inner Tree Evaluators (transitively); true when any was read.</summary>
    public async Task<bool> LoadReachedAsync(Journey shown, NodeCatalog catalog)
    {
        var readAny = false;
        for (var round = 0; round < 50; round++)
        {
            Validate(shown, catalog, out var unread);
            if (!unread) break;
            foreach (var name in _unread.ToList())
            {
                _tried.Add(name);
                if (await store.GetAsync(name) is { } stored) _read[name] = stored.Journey;
                _readVersion++;
                readAny = true;
            }
        }
        _unread.Clear();
        return readAny;
    }

    private Journey? Lookup(Journey shown, string name)
    {
        if (string.Equals(name, shown.Name, StringComparison.OrdinalIgnoreCase)) return shown;
        if (_read.TryGetValue(name, out var found)) return found;
        if (!_tried.Contains(name) && _names.Contains(name)) _unread.Add(name);
        return null;
    }
}
