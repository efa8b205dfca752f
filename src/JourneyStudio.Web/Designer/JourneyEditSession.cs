using System.Collections.Immutable;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Web.Designer;

/// <summary>A connection an edit removed because its outcome no longer exists (or its end moved into a page).</summary>
public sealed record RemovedConnection(string NodeId, string NodeName, string OutcomeId, string OutcomeLabel);

/// <summary>What an edit did: refused with <see cref="Error"/>, or applied, possibly removing connections.</summary>
public sealed record EditResult(bool Applied, string? Error, IReadOnlyList<RemovedConnection> RemovedConnections)
{
    public static readonly EditResult Unchanged = new(false, null, []);

    public static EditResult Refused(string error) => new(false, error, []);

    /// <summary>"Push Sender: Skipped, Failure" per node, for the notice the user must see.</summary>
    public string? DescribeRemovedConnections() => RemovedConnections.Count == 0
        ? null
        : "Removed connections of outcomes that no longer exist: "
          + string.Join("; ", RemovedConnections.GroupBy(r => r.NodeName)
              .Select(g => $"{g.Key}: {string.Join(", ", g.Select(r => r.OutcomeLabel))}"));
}

/// <summary>
/// The designer's editing state without any UI: the immutable <see cref="Journey"/> being edited is the single
/// source of truth, every edit replaces it with a new snapshot and is one undoable step.
/// </summary>
public sealed class JourneyEditSession
{
    /// <summary>The Start node's single outcome; connecting it sets <see cref="Journey.EntryNodeId"/>.</summary>
    public const string StartOutcome = "start";

    private readonly List<Journey> _undo = [];
    private readonly List<Journey> _redo = [];
    private Journey _saved;

    public JourneyEditSession(Journey journey, int basedOnRevision, NodeCatalog? catalog = null)
    {
        Catalog = catalog ?? NodeCatalog.Default;
        Current = _saved = journey;
        BasedOnRevision = basedOnRevision;
    }

    public NodeCatalog Catalog { get; }

    public Journey Current { get; private set; }

    /// <summary>The revision the current edits are based on; a save sends it so that concurrent saves are detected.</summary>
    public int BasedOnRevision { get; private set; }

    /// <summary>True when <see cref="Current"/> differs from what was loaded or last saved (undoing back to it clears it).</summary>
    public bool IsDirty => !ReferenceEquals(Current, _saved);

    public bool CanUndo => _undo.Count > 0;

    public bool CanRedo => _redo.Count > 0;

    /// <summary>Raised after every change of <see cref="Current"/> (edit, undo, redo, reload).</summary>
    public event Action? Changed;

    public void Undo()
    {
        if (_undo.Count == 0) return;
        _redo.Add(Current);
        Current = _undo[^1];
        _undo.RemoveAt(_undo.Count - 1);
        Changed?.Invoke();
    }

    public void Redo()
    {
        if (_redo.Count == 0) return;
        _undo.Add(Current);
        Current = _redo[^1];
        _redo.RemoveAt(_redo.Count - 1);
        Changed?.Invoke();
    }

    /// <summary>The journey was saved as <paramref name="revision"/>: the current state is the new clean baseline.</summary>
    public void MarkSaved(int revision)
    {
        BasedOnRevision = revision;
        _saved = Current;
        Changed?.Invoke();
    }

    /// <summary>Replaces everything with a stored version (reload); history is cleared because it belonged to other content.</summary>
    public void Reload(Journey journey, int revision)
    {
        _undo.Clear();
        _redo.Clear();
        Current = _saved = journey;
        BasedOnRevision = revision;
        Changed?.Invoke();
    }

    /// <summary>Keeps the user's edits but bases them on <paramref name="revision"/>, so the next save overwrites it.</summary>
    public void Rebase(int revision)
    {
        BasedOnRevision = revision;
        Changed?.Invoke();
    }

    /// <summary>Puts an older version's graph onto the canvas as one undoable edit (name and journey-level settings stay).</summary>
    public EditResult LoadContent(Journey other) =>
        Commit(Current, other with { Name = Current.Name, Settings = other.Settings with { Enabled = Current.Settings.Enabled, IsRealmDefault = Current.Settings.IsRealmDefault } });

    // ---- node edits ----

    /// <summary>Adds a node of <paramref name="typeId"/> with its default config at (x, y); returns its fresh id.</summary>
    public string AddNode(string typeId, double x, double y)
    {
        var node = CreateNode(typeId) with { X = x, Y = y };
        Commit(Current, Current with { Nodes = Current.Nodes.Append(node).ToImmutableList() });
        return node.Id;
    }

    /// <summary>Adds a new node of <paramref name="typeId"/> as the last child of a Page node; refused for types that cannot be on a page.</summary>
    public (EditResult Result, string? NodeId) AddNodeToPage(string typeId, string pageId)
    {
        var page = Current.Nodes.FirstOrDefault(n => n.Id == pageId && n.NodeType == NodeCatalog.PageNodeType);
        if (page is null) return (EditResult.Refused($"There is no Page node '{pageId}'."), null);
        if (PageRefusal(typeId) is { } refusal) return (EditResult.Refused(refusal), null);
        var node = CreateNode(typeId);
        var result = Commit(Current, Current.ReplaceNode(page with { Children = page.Children.Append(node).ToImmutableList() }));
        return (result, node.Id);
    }

    /// <summary>Moves nodes (top-level ones or the static Start/Success/Failure) to new positions in one step.</summary>
    public EditResult MoveNodes(IReadOnlyDictionary<string, NodePosition> positions)
    {
        var journey = Current;
        var changed = false;
        foreach (var (id, p) in positions)
        {
            if (PositionOf(journey, id) is not { } old || old == p) continue;
            changed = true;
            journey = id switch
            {
                StaticNodeIds.Start => journey with { StartPosition = p },
                StaticNodeIds.Success => journey with { SuccessPosition = p },
                StaticNodeIds.Failure => journey with { FailurePosition = p },
                _ => journey.ReplaceNode(journey.Nodes.First(n => n.Id == id) with { X = p.X, Y = p.Y }),
            };
        }
        return changed ? Commit(Current, journey) : EditResult.Unchanged;
    }

    /// <summary>The canvas position of a top-level or static node; null for page children and unknown ids.</summary>
    public static NodePosition? PositionOf(Journey journey, string nodeId) => nodeId switch
    {
        StaticNodeIds.Start => journey.StartPosition,
        StaticNodeIds.Success => journey.SuccessPosition,
        StaticNodeIds.Failure => journey.FailurePosition,
        _ => journey.Nodes.FirstOrDefault(n => n.Id == nodeId)?.Position,
    };

    public EditResult SetDisplayName(string nodeId, string displayName) =>
        UpdateNode(nodeId, n => n with { DisplayName = displayName.Trim() });

    /// <summary>Replaces a node's config; connections of outcomes the new config no longer has are removed and reported.</summary>
    public EditResult SetConfig(string nodeId, NodeConfig config) =>
        UpdateNode(nodeId, n => n.Config.ContentEquals(config) ? n : n with { Config = config });

    /// <summary>Connects <paramref name="outcomeId"/> of a top-level node (or Start) to a node; replaces the outcome's previous connection.</summary>
    public EditResult Connect(string sourceId, string outcomeId, string targetId)
    {
        if (targetId == StaticNodeIds.Start) return EditResult.Refused("Nothing can connect to Start.");
        if (!StaticNodeIds.IsTerminal(targetId) && Current.Nodes.All(n => n.Id != targetId))
            return EditResult.Refused(Current.FindParentPage(targetId) is not null
                ? "Connect to the Page node, not to a node inside it."
                : $"There is no node '{targetId}' to connect to.");
        if (sourceId == StaticNodeIds.Start)
            return Current.EntryNodeId == targetId ? EditResult.Unchanged : Commit(Current, Current with { EntryNodeId = targetId });

        var source = Current.Nodes.FirstOrDefault(n => n.Id == sourceId);
        if (source is null) return EditResult.Refused($"There is no top-level node '{sourceId}' to connect from.");
        if (Catalog.GetOutcomes(source).All(o => o.Id != outcomeId))
            return EditResult.Refused($"{NameOf(source)} has no outcome '{outcomeId}'.");
        if (source.Connections.TryGetValue(outcomeId, out var existing) && existing == targetId) return EditResult.Unchanged;
        return Commit(Current, Current.ReplaceNode(source.WithConnection(outcomeId, targetId)));
    }

    public EditResult Disconnect(string sourceId, string outcomeId)
    {
        if (sourceId == StaticNodeIds.Start)
            return Current.EntryNodeId.Length == 0 ? EditResult.Unchanged : Commit(Current, Current with { EntryNodeId = "" });
        var source = Current.Nodes.FirstOrDefault(n => n.Id == sourceId);
        if (source is null || !source.Connections.ContainsKey(outcomeId)) return EditResult.Unchanged;
        return Commit(Current, Current.ReplaceNode(source.WithConnection(outcomeId, null)));
    }

    /// <summary>Deletes nodes and connections (a canvas selection) as one step.</summary>
    public EditResult DeleteSelection(IEnumerable<string> nodeIds, IEnumerable<(string SourceId, string OutcomeId)> connections)
    {
        var before = Current;
        var journey = Current;
        foreach (var (sourceId, outcomeId) in connections)
        {
            if (sourceId == StaticNodeIds.Start) journey = journey with { EntryNodeId = "" };
            else if (journey.Nodes.FirstOrDefault(n => n.Id == sourceId) is { } source && source.Connections.ContainsKey(outcomeId))
                journey = journey.ReplaceNode(source.WithConnection(outcomeId, null));
        }
        var ids = nodeIds.Where(id => !StaticNodeIds.IsStatic(id)).ToHashSet(StringComparer.Ordinal);
        if (ids.Count > 0) journey = WithoutNodes(journey, ids);
        if (ReferenceEquals(journey, before)) return EditResult.Unchanged;
        return Commit(before, journey);
    }

    /// <summary>Deletes nodes (top-level or page children) and every connection to them; Start, Success and Failure stay.</summary>
    public EditResult DeleteNodes(IEnumerable<string> nodeIds) => DeleteSelection(nodeIds, []);

    private static Journey WithoutNodes(Journey journey, HashSet<string> ids)
    {
        if (!journey.AllNodes().Any(n => ids.Contains(n.Id))) return journey;
        var nodes = journey.Nodes
            .Where(n => !ids.Contains(n.Id))
            .Select(n => n with
            {
                Children = n.Children.Where(c => !ids.Contains(c.Id)).ToImmutableList(),
                Connections = n.Connections.Where(c => !ids.Contains(c.Value)).ToImmutableDictionary(),
            })
            .ToImmutableList();
        return journey with { Nodes = nodes, EntryNodeId = ids.Contains(journey.EntryNodeId) ? "" : journey.EntryNodeId };
    }

    // ---- Page membership ----

    /// <summary>Why a node type cannot go on a page, or null when it can.</summary>
    public string? PageRefusal(string typeId)
    {
        var descriptor = Catalog.Find(typeId);
        if (typeId == NodeCatalog.PageNodeType) return "A Page node cannot be placed inside another Page node.";
        if (descriptor is null) return $"The node type '{typeId}' is unknown, so it cannot be placed on a page.";
        return descriptor.CanBeOnPage ? null : $"{descriptor.DisplayName} cannot be placed on a page: only nodes that collect input can.";
    }

    /// <summary>
    /// Moves a top-level node to the end of a Page node. Its own connections end (children have none); connections
    /// that led to it now lead to the page, since the page is where the journey shows it.
    /// </summary>
    public EditResult MoveIntoPage(string nodeId, string pageId)
    {
        var node = Current.Nodes.FirstOrDefault(n => n.Id == nodeId);
        var page = Current.Nodes.FirstOrDefault(n => n.Id == pageId && n.NodeType == NodeCatalog.PageNodeType);
        if (node is null) return EditResult.Refused($"There is no top-level node '{nodeId}'.");
        if (page is null) return EditResult.Refused($"There is no Page node '{pageId}'.");
        if (PageRefusal(node.NodeType) is { } refusal) return EditResult.Refused(refusal);

        var child = node with { X = 0, Y = 0, Connections = ImmutableDictionary<string, string>.Empty };
        var nodes = Current.Nodes
            .Where(n => n.Id != nodeId)
            .Select(n => n.Id == pageId ? n with { Children = n.Children.Append(child).ToImmutableList() } : n)
            .Select(n => n with
            {
                Connections = n.Connections.ToImmutableDictionary(c => c.Key, c => c.Value == nodeId ? pageId : c.Value),
            })
            .ToImmutableList();
        var entry = Current.EntryNodeId == nodeId ? pageId : Current.EntryNodeId;
        var dropped = node.Connections.Keys
            .Select(o => new RemovedConnection(node.Id, NameOf(node), o, OutcomeLabel(node, o)))
            .ToList();
        return Commit(Current, Current with { Nodes = nodes, EntryNodeId = entry }, dropped);
    }

    /// <summary>Takes a child out of its Page node and puts it on the canvas at (x, y).</summary>
    public EditResult TakeOutOfPage(string childId, double x, double y)
    {
        var page = Current.FindParentPage(childId);
        if (page is null) return EditResult.Refused($"'{childId}' is not inside a Page node.");
        var child = page.Children.First(c => c.Id == childId);
        var nodes = Current.Nodes
            .Select(n => n.Id == page.Id ? n with { Children = n.Children.Where(c => c.Id != childId).ToImmutableList() } : n)
            .Append(child with { X = x, Y = y })
            .ToImmutableList();
        return Commit(Current, Current with { Nodes = nodes });
    }

    /// <summary>Moves a page child up (negative) or down (positive); the page's outcomes follow its last child.</summary>
    public EditResult MoveChild(string childId, int delta)
    {
        var page = Current.FindParentPage(childId);
        if (page is null) return EditResult.Refused($"'{childId}' is not inside a Page node.");
        var children = page.Children.ToList();
        var from = children.FindIndex(c => c.Id == childId);
        var to = Math.Clamp(from + delta, 0, children.Count - 1);
        if (from == to) return EditResult.Unchanged;
        var child = children[from];
        children.RemoveAt(from);
        children.Insert(to, child);
        return Commit(Current, Current.ReplaceNode(page with { Children = children.ToImmutableList() }));
    }

    /// <summary>Lays the graph out left to right by longest path from Start, as one undoable step.</summary>
    public EditResult AutoLayout() => Commit(Current, JourneyLayout.Arrange(Current, Catalog));

    /// <summary>Replaces the journey's test scenarios (saved with the journey, like any other edit, and undoable).</summary>
    public EditResult SetTests(JourneyStudio.Journeys.Testing.JourneyTestSuite tests) =>
        Commit(Current, JourneyStudio.Journeys.Testing.JourneyTestFormat.WithTests(Current, tests));

    // ---- helpers ----

    public string NameOf(JourneyNode node) =>
        node.DisplayName.Length > 0 ? node.DisplayName : Catalog.Find(node.NodeType)?.DisplayName ?? node.NodeType;

    private JourneyNode CreateNode(string typeId)
    {
        var descriptor = Catalog.Find(typeId) ?? throw new ArgumentException($"Unknown node type '{typeId}'.", nameof(typeId));
        return new JourneyNode
        {
            Id = Guid.NewGuid().ToString(),
            NodeType = typeId,
            DisplayName = descriptor.DisplayName,
            Config = descriptor.CreateDefaultConfig(),
        };
    }

    private EditResult UpdateNode(string nodeId, Func<JourneyNode, JourneyNode> update)
    {
        var node = Current.FindNode(nodeId);
        if (node is null) return EditResult.Refused($"There is no node '{nodeId}'.");
        var updated = update(node);
        if (ReferenceEquals(updated, node)) return EditResult.Unchanged;
        var page = Current.FindParentPage(nodeId);
        var journey = page is null
            ? Current.ReplaceNode(updated)
            : Current.ReplaceNode(page with { Children = page.Children.Select(c => c.Id == nodeId ? updated : c).ToImmutableList() });
        return Commit(Current, journey);
    }

    private string OutcomeLabel(JourneyNode node, string outcomeId) =>
        Catalog.GetOutcomes(node).FirstOrDefault(o => o.Id == outcomeId)?.Label ?? outcomeId;

    /// <summary>
    /// Makes <paramref name="next"/> current as one undo step, after removing the connections of outcomes that no
    /// longer exist (a config or page change can take outcomes away); those are reported, never dropped silently.
    /// </summary>
    private EditResult Commit(Journey before, Journey next, IReadOnlyList<RemovedConnection>? alreadyRemoved = null)
    {
        var removed = new List<RemovedConnection>(alreadyRemoved ?? []);
        var pruned = next.Nodes.Select(node =>
        {
            var outcomes = Catalog.GetOutcomes(node).Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
            var gone = node.Connections.Keys.Where(k => !outcomes.Contains(k)).ToList();
            if (gone.Count == 0) return node;
            var old = before.FindNode(node.Id) ?? node;
            removed.AddRange(gone.Select(o => new RemovedConnection(node.Id, NameOf(node), o, OutcomeLabel(old, o))));
            return node with { Connections = node.Connections.Where(c => outcomes.Contains(c.Key)).ToImmutableDictionary() };
        }).ToImmutableList();
        if (removed.Count > (alreadyRemoved?.Count ?? 0)) next = next with { Nodes = pruned };

        _undo.Add(before);
        _redo.Clear();
        Current = next;
        Changed?.Invoke();
        return new EditResult(true, null, removed);
    }
}
