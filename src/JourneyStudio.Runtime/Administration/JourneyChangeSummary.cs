using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Runtime.Administration;

/// <summary>
/// What a save changed, in a few words for the audit log: the names of changed fields and settings and how many
/// nodes were added, removed or changed. Never values: a node's config may hold anything.
/// </summary>
public static class JourneyChangeSummary
{
    public static string Describe(Journey before, Journey after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var fields = new List<string>();
        if (before.Description != after.Description) fields.Add("description");
        var settings = ChangedSettings(before.Settings, after.Settings);
        if (settings.Count > 0) fields.Add($"settings ({string.Join(", ", settings)})");
        if (before.EntryNodeId != after.EntryNodeId) fields.Add("entry node");

        var old = before.Nodes.GroupBy(n => n.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var now = after.Nodes.GroupBy(n => n.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var added = now.Keys.Count(id => !old.ContainsKey(id));
        var removed = old.Keys.Count(id => !now.ContainsKey(id));
        var changed = now.Count(n => old.TryGetValue(n.Key, out var was) && !SameNode(was, n.Value));

        var parts = new List<string>();
        if (fields.Count > 0) parts.Add(string.Join(", ", fields) + " changed");
        if (added > 0) parts.Add(Count(added, "node") + " added");
        if (removed > 0) parts.Add(Count(removed, "node") + " removed");
        if (changed > 0) parts.Add(Count(changed, "node") + " changed");
        if (parts.Count == 0)
            // Equal records (the unchanged parts are the very objects the editor loaded) need no walk of the whole journey.
            return before.Equals(after) || JourneyComparer.Differences(before, after).Count == 0 ? "no changes" : "layout or export fields changed";
        return string.Join("; ", parts);
    }

    /// <summary>The names (as in the frodo export) of the settings that differ.</summary>
    public static IReadOnlyList<string> ChangedSettings(JourneySettings before, JourneySettings after)
    {
        var names = new List<string>();
        void Check(string name, bool differs)
        {
            if (differs) names.Add(name);
        }

        Check("enabled", before.Enabled != after.Enabled);
        Check("realm default", before.IsRealmDefault != after.IsRealmDefault);
        Check("identity resource", before.IdentityResource != after.IdentityResource);
        Check("theme", before.ThemeOverride != after.ThemeOverride);
        Check("inner journey only", before.InnerTreeOnly != after.InnerTreeOnly);
        Check("maximum session duration", before.MaximumSessionDurationMinutes != after.MaximumSessionDurationMinutes);
        Check("no session", before.NoSession != after.NoSession);
        Check("must run", before.MustRun != after.MustRun);
        Check("categories", !before.Categories.SequenceEqual(after.Categories));
        return names;
    }

    // The comparer already knows what makes two nodes differ (config, wiring, children, position).
    // A node the edit did not touch is the same object as in the revision it was based on (see JourneyRevisionCache).
    private static bool SameNode(JourneyNode a, JourneyNode b) =>
        ReferenceEquals(a, b) || JourneyComparer.Differences(new Journey { Name = "n", Nodes = [a] }, new Journey { Name = "n", Nodes = [b] }).Count == 0;

    private static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";
}
