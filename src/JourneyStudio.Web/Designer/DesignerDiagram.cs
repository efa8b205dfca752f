using Blazor.Diagrams;
using Blazor.Diagrams.Core.Anchors;
using Blazor.Diagrams.Core.Behaviors;
using Blazor.Diagrams.Core.Extensions;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;
using Blazor.Diagrams.Options;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Validation;

namespace JourneyStudio.Web.Designer;

/// <summary>
/// The diagram drawn for a journey. <see cref="Sync"/> makes it match a journey snapshot (diffing, so that
/// measured ports and the selection survive); user gestures are reported as requests, never applied here,
/// so the edit session stays the single source of truth.
/// </summary>
public sealed class DesignerDiagram
{
    private readonly NodeCatalog _catalog;
    private readonly IDesignerActions _actions;
    private bool _syncing;
    // Step nodes by id: syncs and link lookups of large journeys would otherwise scan every node per node (O(n²)).
    private readonly Dictionary<string, StepNode> _nodesById = new(StringComparer.Ordinal);

    public DesignerDiagram(NodeCatalog catalog, IDesignerActions actions)
    {
        _catalog = catalog;
        _actions = actions;
        Diagram = new BlazorDiagram(new BlazorDiagramOptions
        {
            AllowMultiSelection = true,
            Zoom = { Enabled = true, Minimum = MinZoom, Maximum = MaxZoom },
            Links = { RequireTarget = true, EnableSnapping = true, SnappingRadius = 30, DefaultPathGenerator = new JourneyPathGenerator() },
            Groups = { Enabled = false },
        });
        // The library's wheel zoom is replaced by one that keeps the point under the pointer in place.
        Diagram.UnregisterBehavior<ZoomBehavior>();
        Diagram.Wheel += OnWheel;
        Diagram.RegisterComponent<StepNode, StepNodeWidget>();
        Diagram.RegisterComponent<JourneyLink, JourneyLinkWidget>();

        var keys = Diagram.GetBehavior<KeyboardShortcutsBehavior>()!;
        keys.RemoveShortcut("g", true, false, true);
        // Deleting goes through the session (one undoable step), so the library's own delete is replaced.
        keys.SetShortcut("Delete", false, false, false, _ => { RequestDeleteSelection(); return ValueTask.CompletedTask; });
        keys.SetShortcut("Backspace", false, false, false, _ => { RequestDeleteSelection(); return ValueTask.CompletedTask; });

        Diagram.Links.Added += OnLinkAdded;
        Diagram.Nodes.Added += n =>
        {
            n.Moved += OnNodeMoved;
            if (n is StepNode step) _nodesById[step.Id] = step;
        };
        Diagram.Nodes.Removed += n =>
        {
            if (n is StepNode step && _nodesById.TryGetValue(step.Id, out var indexed) && ReferenceEquals(indexed, step)) _nodesById.Remove(step.Id);
        };
        Diagram.SelectionChanged += _ => { if (!_syncing) SelectionChanged?.Invoke(); };
    }

    public BlazorDiagram Diagram { get; }

    private DiagramRenderScope? _renderScope;

    /// <summary>The canvas's <see cref="DiagramRenderScope"/>, once it is drawn.</summary>
    public void AttachRenderScope(DiagramRenderScope scope) => _renderScope = scope;

    public void DetachRenderScope(DiagramRenderScope scope)
    {
        if (ReferenceEquals(_renderScope, scope)) _renderScope = null;
    }

    /// <summary>
    /// Runs a change of many models with their re-renders sent as one batch (<see cref="DiagramRenderScope"/>); directly
    /// while the canvas is not drawn (nothing renders then).
    /// </summary>
    public void RenderTogether(Action change)
    {
        if (_renderScope is { } scope) scope.Run(change);
        else change();
    }

    public const double MinZoom = 0.2;
    public const double MaxZoom = 2.5;

    /// <summary>One wheel notch or zoom button press.</summary>
    public const double ZoomStep = 1.2;

    /// <summary>
    /// The smallest text inside a node is 13 px (designer.css); below this zoom it would be under 11 px on screen, too
    /// small to read, so the designer never opens smaller than this.
    /// </summary>
    public const double MinReadableZoom = 11.0 / 13.0;

    /// <summary>The compared revision's changes marked on the canvas, or null.</summary>
    public JourneyStudio.Journeys.Model.JourneyDiff? Changes { get; private set; }

    /// <summary>The run marked on the canvas; kept across syncs so that edits and revision switches keep it.</summary>
    public PathHighlight Highlight { get; private set; } = PathHighlight.None;

    /// <summary>An outcome port was dragged onto a node: (source node, outcome, target node).</summary>
    public event Action<string, string, string>? ConnectRequested;

    /// <summary>Nodes were dragged; one event per dragged node, with its new position.</summary>
    public event Action<string, NodePosition>? NodeMoved;

    /// <summary>The user pressed Delete with nodes and/or links selected.</summary>
    public event Action<IReadOnlyList<string>, IReadOnlyList<(string SourceId, string OutcomeId)>>? DeleteRequested;

    public event Action? SelectionChanged;

    public StepNode? FindNode(string id) => _nodesById.GetValueOrDefault(id);

    public IReadOnlyList<string> SelectedNodeIds() => Diagram.GetSelectedModels().OfType<StepNode>().Select(n => n.Id).ToList();

    public IReadOnlyList<(string SourceId, string OutcomeId)> SelectedConnections() =>
        Diagram.GetSelectedModels().OfType<BaseLinkModel>().Select(ConnectionOf).OfType<(string, string)>().ToList();

    public void RequestDeleteSelection()
    {
        var nodes = SelectedNodeIds();
        var links = SelectedConnections();
        if (nodes.Count > 0 || links.Count > 0) DeleteRequested?.Invoke(nodes, links);
    }

    /// <summary>
    /// Makes the canvas selection show <paramref name="nodeId"/> (a Page child shows as its page), so that the canvas and
    /// the property panel never disagree; null leaves a multiple selection alone but clears a single one.
    /// </summary>
    public void ShowSelection(string? nodeId, string? pageId) => RenderTogether(() => ShowSelectionCore(nodeId, pageId));

    private void ShowSelectionCore(string? nodeId, string? pageId)
    {
        var wanted = pageId ?? nodeId;
        var selected = Diagram.GetSelectedModels().ToList();
        // The editor asked for this selection; reporting it back would only echo it.
        _syncing = true;
        try
        {
            ShowSelectedChild(pageId is null ? null : nodeId, pageId);
            if (wanted is null)
            {
                if (selected.Count == 1 && selected[0] is StepNode) Diagram.UnselectAll();
                return;
            }
            if (selected.Count == 1 && selected[0] is StepNode only && only.Id == wanted) return;
            if (FindNode(wanted) is { } node) Diagram.SelectModel(node, unselectOthers: true);
        }
        finally
        {
            _syncing = false;
        }
    }

    /// <summary>Re-renders the Page nodes whose chosen child row changed (only those: a page widget draws that row marked).</summary>
    private void ShowSelectedChild(string? childId, string? pageId)
    {
        foreach (var node in _nodesById.Values)
        {
            if (node.Kind != StepKind.Page) continue;
            var chosen = node.Id == pageId ? childId : null;
            if (node.ShownSelectedChildId != chosen) node.Refresh();
        }
    }

    /// <summary>
    /// Locks (or unlocks) every node and port for a read-only revision; only nodes whose lock changed are re-rendered
    /// (their widgets draw the lock and the page rows' buttons).
    /// </summary>
    public void SetReadOnly(bool readOnly, Func<string, bool>? alsoLocked = null) => RenderTogether(() => SetReadOnlyCore(readOnly, alsoLocked));

    private void SetReadOnlyCore(bool readOnly, Func<string, bool>? alsoLocked)
    {
        foreach (var node in Diagram.Nodes)
        {
            var locked = readOnly || alsoLocked?.Invoke(node.Id) == true;
            foreach (var port in node.Ports) port.Locked = locked;
            if (node.Locked == locked) continue;
            node.Locked = locked;
            node.Refresh();
        }
    }

    /// <summary>Zooms by <paramref name="factor"/> keeping the canvas point under (<paramref name="x"/>, <paramref name="y"/>) in place (container coordinates).</summary>
    public void ZoomAt(double factor, double x, double y)
    {
        var oldZoom = Diagram.Zoom;
        var zoom = Math.Clamp(oldZoom * factor, MinZoom, MaxZoom);
        if (zoom.AlmostEqualTo(oldZoom)) return;
        var ratio = zoom / oldZoom;
        var panX = x - (x - Diagram.Pan.X) * ratio;
        var panY = y - (y - Diagram.Pan.Y) * ratio;
        Diagram.Batch(() =>
        {
            Diagram.SetZoom(zoom);
            Diagram.SetPan(panX, panY);
        });
    }

    /// <summary>Pans so that the canvas point (<paramref name="x"/>, <paramref name="y"/>) is in the middle of the view (a click on the navigator).</summary>
    public void CentreOn(double x, double y)
    {
        if (Diagram.Container is not { } container || !double.IsFinite(x) || !double.IsFinite(y)) return;
        Diagram.SetPan(container.Width / 2 - x * Diagram.Zoom, container.Height / 2 - y * Diagram.Zoom);
    }

    /// <summary>True when every measured node is inside the visible part of the canvas (then the navigator has nothing to add).</summary>
    public static bool IsAllInView(Blazor.Diagrams.Core.Diagram diagram)
    {
        if (diagram.Container is not { } container) return true;
        var zoom = diagram.Zoom;
        var left = -diagram.Pan.X / zoom;
        var top = -diagram.Pan.Y / zoom;
        var right = left + container.Width / zoom;
        var bottom = top + container.Height / zoom;
        return diagram.Nodes.All(n => n.Size is not { } size
            || n.Position.X >= left - 1 && n.Position.Y >= top - 1 && n.Position.X + size.Width <= right + 1 && n.Position.Y + size.Height <= bottom + 1);
    }

    /// <summary>Zooms around the middle of the view (the toolbar's buttons).</summary>
    public void ZoomAroundCentre(double factor)
    {
        if (Diagram.Container is not { } container) return;
        ZoomAt(factor, container.Width / 2, container.Height / 2);
    }

    /// <summary>Back to 100 %, around the middle of the view.</summary>
    public void ZoomToActualSize() => ZoomAroundCentre(1 / Diagram.Zoom);

    private void OnWheel(Blazor.Diagrams.Core.Events.WheelEventArgs e)
    {
        if (Diagram.Container is not { } container || e.DeltaY == 0) return;
        ZoomAt(e.DeltaY > 0 ? 1 / ZoomStep : ZoomStep, e.ClientX - container.Left, e.ClientY - container.Top);
    }

    /// <summary>
    /// The view a journey opens with: all of it when it fits at a readable zoom; otherwise 100 % with Start at the left,
    /// the rest reached by panning or the navigator. Vertically, the journey is centred when its height fits (rather
    /// than Start, which would push rows above or below it out of view), else Start is. True when everything is in view.
    /// </summary>
    public bool OpenView()
    {
        if (Diagram.Container is not { } container || Diagram.Nodes.Count == 0) return true;
        if (FitZoom() >= MinReadableZoom)
        {
            Fit(maxZoom: 1);
            return true;
        }
        var start = FindNode(StaticNodeIds.Start);
        var startY = start is null ? 0 : start.Position.Y + (start.Size?.Height ?? 56) / 2;
        var startX = start?.Position.X ?? Diagram.Nodes.Min(n => n.Position.X);
        var top = Diagram.Nodes.Min(n => n.Position.Y);
        var bottom = Diagram.Nodes.Max(n => n.Position.Y + (n.Size?.Height ?? 80));
        var middleY = bottom - top + 60 <= container.Height ? (top + bottom) / 2 : startY;
        Diagram.Batch(() =>
        {
            Diagram.SetZoom(1);
            Diagram.SetPan(40 - startX, container.Height / 2 - middleY);
        });
        return false;
    }

    private double FitZoom(double margin = 30)
    {
        var nodes = Diagram.Nodes.ToList();
        if (Diagram.Container is not { } container || nodes.Count == 0) return 1;
        var width = nodes.Max(n => n.Position.X + (n.Size?.Width ?? NodeMetrics.Width)) - nodes.Min(n => n.Position.X);
        var height = nodes.Max(n => n.Position.Y + (n.Size?.Height ?? 80)) - nodes.Min(n => n.Position.Y);
        return Math.Min((container.Width - 2 * margin) / Math.Max(1, width), (container.Height - 2 * margin) / Math.Max(1, height));
    }

    /// <summary>Selects one node and pans so that it is in the middle of the canvas.</summary>
    public void SelectAndCentre(string nodeId)
    {
        if (FindNode(nodeId) is not { } node) return;
        Diagram.SelectModel(node, unselectOthers: true);
        if (Diagram.Container is { } container)
        {
            var size = node.Size ?? new Size(NodeMetrics.Width, 80);
            var zoom = Diagram.Zoom;
            Diagram.SetPan(container.Width / 2 - (node.Position.X + size.Width / 2) * zoom,
                container.Height / 2 - (node.Position.Y + size.Height / 2) * zoom);
        }
    }

    /// <summary>True once the canvas, every node and every port have been measured in the browser (links can then be drawn).</summary>
    public bool IsMeasured => Diagram.Container is not null && Diagram.Nodes.All(n => n.Size is not null && n.Ports.All(p => p.Initialized));

    /// <summary>
    /// Takes node sizes and port geometry measured in the browser; links touching a changed port or node are redrawn,
    /// once each. Ports are placed relative to their node's current position, so a measure that arrives during a drag
    /// is still right.
    /// </summary>
    public void ApplyMeasures(IReadOnlyList<NodeMeasure> measures) => RenderTogether(() => ApplyMeasuresCore(measures));

    private void ApplyMeasuresCore(IReadOnlyList<NodeMeasure> measures)
    {
        var nodes = Diagram.Nodes.OfType<StepNode>().ToDictionary(n => n.Id, StringComparer.Ordinal);
        var stale = new HashSet<BaseLinkModel>();
        foreach (var measure in measures)
        {
            if (!nodes.TryGetValue(measure.Id, out var node) || measure.Width <= 0 || measure.Height <= 0) continue;
            var size = new Size(measure.Width, measure.Height);
            if (node.Size is null || !node.Size.Width.AlmostEqualTo(size.Width) || !node.Size.Height.AlmostEqualTo(size.Height))
            {
                node.Size = size;
                stale.UnionWith(node.Links);
            }
            foreach (var drawn in measure.Ports)
            {
                if (node.Ports.FirstOrDefault(p => p.Id == drawn.Id) is not { } port) continue;
                var position = new Point(node.Position.X + drawn.X, node.Position.Y + drawn.Y);
                if (port.Initialized && port.Position.X.AlmostEqualTo(position.X) && port.Position.Y.AlmostEqualTo(position.Y)
                    && port.Size.Width.AlmostEqualTo(drawn.Width) && port.Size.Height.AlmostEqualTo(drawn.Height)) continue;
                port.Position = position;
                port.Size = new Size(drawn.Width, drawn.Height);
                port.Initialized = true;
                stale.UnionWith(port.Links);
            }
        }
        // A link is drawn once both its ends are measured: the parts of one report (designer.js) would otherwise
        // redraw a link whose other end is measured in a later part twice.
        foreach (var link in stale)
            if (link.Source is not SinglePortAnchor { Port.Initialized: false } && link.Target is not SinglePortAnchor { Port.Initialized: false })
                link.Refresh();
    }

    /// <summary>
    /// Zooms and pans so that every node is in view (the library's own fit uses only the selection when there is
    /// one, and skips nodes not measured yet), without enlarging beyond <paramref name="maxZoom"/>.
    /// </summary>
    public void Fit(double maxZoom = 1, double margin = 30)
    {
        var nodes = Diagram.Nodes.ToList();
        if (Diagram.Container is not { } container || nodes.Count == 0) return;
        var left = nodes.Min(n => n.Position.X);
        var top = nodes.Min(n => n.Position.Y);
        var right = nodes.Max(n => n.Position.X + (n.Size?.Width ?? NodeMetrics.Width));
        var bottom = nodes.Max(n => n.Position.Y + (n.Size?.Height ?? 80));
        var zoom = Math.Min((container.Width - 2 * margin) / Math.Max(1, right - left), (container.Height - 2 * margin) / Math.Max(1, bottom - top));
        zoom = Math.Clamp(zoom, Diagram.Options.Zoom.Minimum, maxZoom);
        // Centred in the view, rather than in its top left corner with the empty room on one side.
        var panX = (container.Width - (right - left) * zoom) / 2 - left * zoom;
        var panY = (container.Height - (bottom - top) * zoom) / 2 - top * zoom;
        Diagram.Batch(() =>
        {
            Diagram.SetZoom(zoom);
            Diagram.SetPan(Math.Max(margin - left * zoom, panX), Math.Max(margin - top * zoom, panY));
        });
    }

    /// <summary>Makes the diagram show <paramref name="journey"/> with the findings as badges and <paramref name="highlight"/> marked.</summary>
    public void Sync(Journey journey, IReadOnlyList<ValidationFinding> findings, PathHighlight? highlight = null,
        JourneyStudio.Journeys.Model.JourneyDiff? changes = null)
    {
        Highlight = highlight ?? PathHighlight.None;
        Changes = changes;
        _syncing = true;
        try
        {
            RenderTogether(() => Diagram.Batch(() => SyncCore(journey, findings)));
        }
        finally
        {
            _syncing = false;
        }
    }

    private void SyncCore(Journey journey, IReadOnlyList<ValidationFinding> findings)
    {
        var severities = findings.Where(f => f.NodeId is not null).GroupBy(f => f.NodeId!)
            .ToDictionary(g => g.Key, g => (Worst: g.Min(f => f.Severity), Count: g.Count()));
        FindingSeverity? SeverityOf(string id) => severities.TryGetValue(id, out var s) ? s.Worst : null;

        var wanted = new List<(string Id, StepKind Kind, NodePosition Position, JourneyNode? Node)>
        {
            (StaticNodeIds.Start, StepKind.Start, journey.StartPosition, null),
            (StaticNodeIds.Success, StepKind.Success, journey.SuccessPosition, null),
            (StaticNodeIds.Failure, StepKind.Failure, journey.FailurePosition, null),
        };
        wanted.AddRange(journey.Nodes.Select(n =>
            (n.Id, n.NodeType == NodeCatalog.PageNodeType ? StepKind.Page : StepKind.Node, n.Position, (JourneyNode?)n)));
        var wantedIds = wanted.Select(w => w.Id).ToHashSet(StringComparer.Ordinal);

        foreach (var stale in Diagram.Nodes.OfType<StepNode>().Where(n => !wantedIds.Contains(n.Id)).ToList())
            Diagram.Nodes.Remove(stale);

        foreach (var (id, kind, position, node) in wanted)
        {
            var step = FindNode(id);
            if (step is not null && step.Kind != kind)
            {
                Diagram.Nodes.Remove(step);
                step = null;
            }
            var isNew = step is null;
            step ??= new StepNode(id, kind, new Point(position.X, position.Y), _actions);

            var descriptor = node is null ? null : _catalog.Find(node.NodeType);
            var drawn = step.SetContent(
                kind switch
                {
                    StepKind.Start => "Start",
                    StepKind.Success => "Success",
                    StepKind.Failure => "Failure",
                    _ => node!.DisplayName.Length > 0 ? node.DisplayName : descriptor?.DisplayName ?? node.NodeType,
                },
                descriptor?.DisplayName ?? node?.NodeType ?? "",
                node?.NodeType ?? id,
                SeverityOf(id),
                severities.TryGetValue(id, out var s) ? s.Count : 0,
                node?.Children.Select(c => new PageChildView(c.Id,
                    c.DisplayName.Length > 0 ? c.DisplayName : _catalog.Find(c.NodeType)?.DisplayName ?? c.NodeType,
                    _catalog.Find(c.NodeType)?.DisplayName ?? c.NodeType, SeverityOf(c.Id))).ToList() ?? []);
            var outcomes = kind switch
            {
                StepKind.Start => [new NodeOutcome(JourneyEditSession.StartOutcome, "Start")],
                StepKind.Success or StepKind.Failure => [],
                _ => _catalog.GetOutcomes(node!),
            };
            var portsChanged = step.SetOutcomes(outcomes);

            if (isNew)
            {
                Diagram.Nodes.Add(step);
                continue;
            }
            if (!step.Position.X.Equals(position.X) || !step.Position.Y.Equals(position.Y))
                step.SetPosition(position.X, position.Y);
            if (portsChanged) step.ReinitializePorts();
            // Only nodes that look different are re-rendered: a save or an edit of one node must not redraw hundreds.
            if (drawn || portsChanged) step.Refresh();
        }

        SyncLinks(journey);
        ApplyHighlight();
        ApplyChanges();
    }

    /// <summary>Marks what the compared revision changed: nodes by class, re-wired outcomes by colour.</summary>
    private void ApplyChanges()
    {
        string? Mark(string id) => Changes?.Find(id) switch
        {
            { Kind: JourneyStudio.Journeys.Model.NodeChangeKind.Added } => "added",
            { Kind: JourneyStudio.Journeys.Model.NodeChangeKind.Removed } => "removed",
            { Kind: JourneyStudio.Journeys.Model.NodeChangeKind.Changed, Properties.Count: > 0 } => "changed",
            { Kind: JourneyStudio.Journeys.Model.NodeChangeKind.Changed, Moved: true } => "moved",
            _ => null,
        };
        foreach (var node in Diagram.Nodes.OfType<StepNode>())
        {
            var mark = Mark(node.Id);
            var children = node.Children.Select(c => (c.Id, Mark: Mark(c.Id))).Where(c => c.Mark is not null)
                .ToDictionary(c => c.Id, c => c.Mark!, StringComparer.Ordinal);
            if (node.Diff == mark && node.ChildDiffs.Count == children.Count && children.All(c => node.ChildDiffs.GetValueOrDefault(c.Key) == c.Value)) continue;
            node.Diff = mark;
            node.ChildDiffs = children;
            node.Refresh();
        }
        if (Changes is null || !ReferenceEquals(Highlight, PathHighlight.None)) return;
        var rewired = Changes.Connections.Select(c => (c.NodeId, c.Outcome)).ToHashSet();
        foreach (var link in Diagram.Links.OfType<JourneyLink>())
        {
            var changed = rewired.Contains((link.SourceId, link.OutcomeId));
            var color = changed ? RewiredColor : null;
            if (link.Color == color) continue;
            link.Color = color;
            link.Width = changed ? 3 : 2;
            link.Refresh();
        }
    }

    private const string RewiredColor = "#ef6c00";

    /// <summary>Marks visited nodes and followed links; only models whose marking changed are re-rendered.</summary>
    private void ApplyHighlight()
    {
        var on = !ReferenceEquals(Highlight, PathHighlight.None);
        foreach (var node in Diagram.Nodes.OfType<StepNode>())
        {
            var visits = Highlight.VisitsOf(node.Id);
            var children = node.Children.Where(c => Highlight.VisitsOf(c.Id) > 0).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            var current = Highlight.CurrentNodeId == node.Id;
            var unwired = Highlight.UnwiredOutcome is { } u && u.NodeId == node.Id ? u.Outcome : null;
            if (node.Visits == visits && node.Highlighting == on && node.VisitedChildIds.SetEquals(children)
                && node.IsCurrentStep == current && node.UnwiredOutcome == unwired) continue;
            node.IsCurrentStep = current;
            node.UnwiredOutcome = unwired;
            node.Visits = visits;
            node.Highlighting = on;
            node.VisitedChildIds = children;
            node.Refresh();
        }
        foreach (var link in Diagram.Links.OfType<JourneyLink>())
        {
            var followed = Highlight.IsFollowed(link.SourceId, link.OutcomeId);
            if (link.Followed == followed && link.Highlighting == on && (on || link.Color is null || Changes is not null)) continue;
            link.Followed = followed;
            link.Highlighting = on;
            // The library draws the stroke itself; colour and width are the only styling it takes from the model.
            link.Color = followed ? FollowedColor : on ? FadedColor : null;
            link.Width = followed ? 4 : 2;
            link.Refresh();
        }
    }

    private const string FollowedColor = "#2e7d32";
    private const string FadedColor = "#cfd8dc";

    private void SyncLinks(Journey journey)
    {
        var wanted = new HashSet<(string Source, string Outcome, string Target)>();
        if (journey.EntryNodeId.Length > 0) wanted.Add((StaticNodeIds.Start, JourneyEditSession.StartOutcome, journey.EntryNodeId));
        foreach (var node in journey.Nodes)
            foreach (var (outcome, target) in node.Connections)
                wanted.Add((node.Id, outcome, target));

        var ongoing = Diagram.GetBehavior<DragNewLinkBehavior>()?.OngoingLink;
        var present = new HashSet<(string, string, string)>();
        foreach (var link in Diagram.Links.ToList())
        {
            if (link == ongoing) continue;
            var key = LinkKey(link);
            // A link the user just drew is replaced by the designer's own, which carries the highlight.
            if (link is JourneyLink && key is { } k && wanted.Contains(k) && present.Add(k)) continue;
            Diagram.Links.Remove(link);
        }

        foreach (var (source, outcome, target) in wanted)
        {
            if (present.Contains((source, outcome, target))) continue;
            var port = FindNode(source)?.Outcome(outcome);
            var input = FindNode(target)?.Input;
            if (port is null || input is null) continue; // e.g. a connection to a missing node: validation reports it
            Diagram.Links.Add(new JourneyLink(port, input) { TargetMarker = LinkMarker.Arrow });
        }
    }

    /// <summary>(source, outcome, target) of a link drawn to an input port; null for half-drawn or node-targeted links.</summary>
    private static (string, string, string)? LinkKey(BaseLinkModel link) =>
        link.Source is SinglePortAnchor { Port: OutcomePort source } && link.Target is SinglePortAnchor { Port: InputPort target }
            ? (source.Parent.Id, source.OutcomeId, target.Parent.Id)
            : null;

    private static (string, string)? ConnectionOf(BaseLinkModel link) =>
        link.Source is SinglePortAnchor { Port: OutcomePort source } ? (source.Parent.Id, source.OutcomeId) : null;

    private void OnLinkAdded(BaseLinkModel link)
    {
        if (_syncing) return;
        link.TargetAttached += OnTargetAttached;
    }

    private void OnTargetAttached(BaseLinkModel link)
    {
        link.TargetAttached -= OnTargetAttached;
        if (link.Source is not SinglePortAnchor { Port: OutcomePort source }) return;
        var target = link.Target.Model switch
        {
            PortModel port => port.Parent,
            NodeModel node => node,
            _ => null,
        };
        if (target is StepNode step) ConnectRequested?.Invoke(source.Parent.Id, source.OutcomeId, step.Id);
    }

    private void OnNodeMoved(MovableModel model)
    {
        if (_syncing || model is not StepNode node) return;
        NodeMoved?.Invoke(node.Id, new NodePosition(Math.Round(node.Position.X), Math.Round(node.Position.Y)));
    }
}
