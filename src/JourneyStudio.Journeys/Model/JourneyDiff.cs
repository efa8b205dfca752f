using System.Text.Json;

namespace JourneyStudio.Journeys.Model;

public enum NodeChangeKind
{
    Added,
    Removed,

    /// <summary>In both revisions, with other properties, another place, or both (see <see cref="NodeDiff.Moved"/>).</summary>
    Changed,
}

/// <summary>One property that differs: <c>displayName</c>, <c>nodeType</c>, <c>children</c> or a config key; values as JSON text (null: absent).</summary>
public sealed record PropertyChange(string Property, string? Before, string? After);

/// <summary>
/// One node that differs between two revisions. <see cref="PageId"/> is the Page node holding it (in the newer
/// revision, or the older one for a removed node); <see cref="Moved"/> is true when its position on the canvas changed
/// or it went into, out of or within a page.
/// </summary>
public sealed record NodeDiff(
    string NodeId,
    NodeChangeKind Kind,
    string NodeType,
    string DisplayName,
    string? PageId,
    bool Moved,
    NodePosition? From,
    NodePosition? To,
    IReadOnlyList<PropertyChange> Properties);

/// <summary>One outcome wired differently: <see cref="Before"/>/<see cref="After"/> are target node ids (null: not wired).
/// Start's link to the first node is outcome <see cref="JourneyDiff.StartOutcome"/> of <see cref="StaticNodeIds.Start"/>.</summary>
public sealed record ConnectionChange(string NodeId, string Outcome, string? Before, string? After);

/// <summary>
/// What changed from one revision of a journey to another, for people: nodes added, removed, changed or moved,
/// each configuration property that differs, and each outcome wired differently. Static nodes that moved are
/// nodes too (ids from <see cref="StaticNodeIds"/>).
/// </summary>
public sealed record JourneyDiff(
    IReadOnlyList<NodeDiff> Nodes,
    IReadOnlyList<ConnectionChange> Connections,
    IReadOnlyList<PropertyChange> Journey)
{
    public const string StartOutcome = "start";

    public bool IsEmpty => Nodes.Count == 0 && Connections.Count == 0 && Journey.Count == 0;

    public NodeDiff? Find(string nodeId) => Nodes.FirstOrDefault(n => n.NodeId == nodeId);

    public static JourneyDiff Compare(Journey from, Journey to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var before = Index(from);
        var after = Index(to);
        var nodes = new List<NodeDiff>();

        foreach (var (id, now) in after)
        {
            if (!before.TryGetValue(id, out var was))
            {
                nodes.Add(new NodeDiff(id, NodeChangeKind.Added, now.Node.NodeType, now.Node.DisplayName, now.PageId, false, null,
                    now.PageId is null ? now.Node.Position : null, []));
                continue;
            }
            var properties = PropertiesOf(was.Node, now.Node);
            var movedOnCanvas = now.PageId is null && was.PageId is null && was.Node.Position != now.Node.Position;
            var moved = movedOnCanvas || was.PageId != now.PageId || (now.PageId is not null && was.Index != now.Index);
            if (properties.Count > 0 || moved)
                nodes.Add(new NodeDiff(id, NodeChangeKind.Changed, now.Node.NodeType, now.Node.DisplayName, now.PageId, moved,
                    was.PageId is null ? was.Node.Position : null, now.PageId is null ? now.Node.Position : null, properties));
        }
        foreach (var (id, was) in before.Where(b => !after.ContainsKey(b.Key)))
            nodes.Add(new NodeDiff(id, NodeChangeKind.Removed, was.Node.NodeType, was.Node.DisplayName, was.PageId, false,
                was.PageId is null ? was.Node.Position : null, null, []));

        AddStatic(nodes, StaticNodeIds.Start, "Start", from.StartPosition, to.StartPosition);
        AddStatic(nodes, StaticNodeIds.Success, "Success", from.SuccessPosition, to.SuccessPosition);
        AddStatic(nodes, StaticNodeIds.Failure, "Failure", from.FailurePosition, to.FailurePosition);

        var connections = new List<ConnectionChange>();
        if (from.EntryNodeId != to.EntryNodeId)
            connections.Add(new ConnectionChange(StaticNodeIds.Start, StartOutcome, Blank(from.EntryNodeId), Blank(to.EntryNodeId)));
        var wiredBefore = Wiring(from);
        var wiredAfter = Wiring(to);
        foreach (var key in wiredBefore.Keys.Union(wiredAfter.Keys).OrderBy(k => k.Node, StringComparer.Ordinal).ThenBy(k => k.Outcome, StringComparer.Ordinal))
        {
            var was = wiredBefore.GetValueOrDefault(key);
            var now = wiredAfter.GetValueOrDefault(key);
            if (was != now) connections.Add(new ConnectionChange(key.Node, key.Outcome, was, now));
        }

        return new JourneyDiff(nodes, connections, JourneyProperties(from, to));
    }

    private sealed record Placed(JourneyNode Node, string? PageId, int Index);

    private static Dictionary<string, Placed> Index(Journey journey)
    {
        var index = new Dictionary<string, Placed>(StringComparer.Ordinal);
        foreach (var node in journey.Nodes)
        {
            index.TryAdd(node.Id, new Placed(node, null, 0));
            for (var i = 0; i < node.Children.Count; i++) index.TryAdd(node.Children[i].Id, new Placed(node.Children[i], node.Id, i));
        }
        return index;
    }

    private static Dictionary<(string Node, string Outcome), string> Wiring(Journey journey)
    {
        var wiring = new Dictionary<(string, string), string>();
        foreach (var node in journey.Nodes)
            foreach (var (outcome, target) in node.Connections)
                wiring[(node.Id, outcome)] = target;
        return wiring;
    }

    private static List<PropertyChange> PropertiesOf(JourneyNode was, JourneyNode now)
    {
        var changes = new List<PropertyChange>();
        if (was.NodeType != now.NodeType) changes.Add(new PropertyChange("nodeType", Text(was.NodeType), Text(now.NodeType)));
        if (was.DisplayName != now.DisplayName) changes.Add(new PropertyChange("displayName", Text(was.DisplayName), Text(now.DisplayName)));
        foreach (var key in was.Config.Keys.Union(now.Config.Keys).Order(StringComparer.Ordinal))
        {
            var before = was.Config.Get(key);
            var after = now.Config.Get(key);
            if (before is { } b && after is { } a && JsonElement.DeepEquals(b, a)) continue;
            changes.Add(new PropertyChange(key, before?.GetRawText(), after?.GetRawText()));
        }
        var childrenBefore = was.Children.Select(c => c.Id).ToList();
        var childrenAfter = now.Children.Select(c => c.Id).ToList();
        if (!childrenBefore.SequenceEqual(childrenAfter))
            changes.Add(new PropertyChange("children", JsonSerializer.Serialize(childrenBefore), JsonSerializer.Serialize(childrenAfter)));
        return changes;
    }

    private static void AddStatic(List<NodeDiff> nodes, string id, string name, NodePosition from, NodePosition to)
    {
        if (from != to) nodes.Add(new NodeDiff(id, NodeChangeKind.Changed, name, name, null, true, from, to, []));
    }

    private static List<PropertyChange> JourneyProperties(Journey from, Journey to)
    {
        var changes = new List<PropertyChange>();
        void Check<T>(string name, T before, T after)
        {
            if (!EqualityComparer<T>.Default.Equals(before, after))
                changes.Add(new PropertyChange(name, JsonSerializer.Serialize(before), JsonSerializer.Serialize(after)));
        }
        Check("description", from.Description, to.Description);
        Check("identityResource", from.Settings.IdentityResource, to.Settings.IdentityResource);
        Check("enabled", from.Settings.Enabled, to.Settings.Enabled);
        Check("realmDefault", from.Settings.IsRealmDefault, to.Settings.IsRealmDefault);
        Check("themeOverride", from.Settings.ThemeOverride, to.Settings.ThemeOverride);
        Check("innerTreeOnly", from.Settings.InnerTreeOnly, to.Settings.InnerTreeOnly);
        Check("maximumSessionDuration", from.Settings.MaximumSessionDurationMinutes, to.Settings.MaximumSessionDurationMinutes);
        Check("noSession", from.Settings.NoSession, to.Settings.NoSession);
        Check("mustRun", from.Settings.MustRun, to.Settings.MustRun);
        if (!from.Settings.Categories.SequenceEqual(to.Settings.Categories))
            changes.Add(new PropertyChange("categories", JsonSerializer.Serialize(from.Settings.Categories), JsonSerializer.Serialize(to.Settings.Categories)));
        return changes;
    }

    private static string Text(string value) => JsonSerializer.Serialize(value);

    private static string? Blank(string id) => id.Length == 0 ? null : id;
}
