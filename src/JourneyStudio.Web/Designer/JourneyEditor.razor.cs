using Blazor.Diagrams.Core.Geometry;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Validation;
using JourneyStudio.Runtime.Administration;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Sessions;
using JourneyStudio.Web.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;

namespace JourneyStudio.Web.Designer;

/// <summary>
/// The journey designer page. The <see cref="JourneyEditSession"/> holds the journey; the diagram only mirrors
/// it and reports gestures, which become session edits followed by a re-sync.
/// </summary>
public sealed partial class JourneyEditor
{
    [Parameter] public string Name { get; set; } = "";

    private JourneyEditSession? _session;
    private DesignerDiagram? _diagram;
    private string? _loadError;
    private string? _selectedId;
    private NodeDescriptor? _dragged;
    private IReadOnlyList<ValidationFinding> _findings = [];
    private IReadOnlyList<string> _journeyNames = [];
    private readonly Dictionary<string, Journey> _otherJourneys = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _triedJourneys = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _unreadJourneys = new(StringComparer.OrdinalIgnoreCase);
    private readonly ValidationMemo _validation = new();
    private int _journeysReadVersion; // changes whenever _otherJourneys or _triedJourneys do (what validation looks at)
    private IReadOnlyList<JourneyRevisionSummary> _revisions = [];
    private bool _revisionsOpen;
    private bool _paletteOpen = true;
    private bool _saving;
    private (int Revision, Journey Journey)? _viewing;
    private readonly Dictionary<string, NodePosition> _pendingMoves = new(StringComparer.Ordinal);
    private IJSObjectReference? _js;
    private DotNetObjectReference<JourneyEditor>? _self;
    private IDisposable? _navigationGuard;
    private bool _leaveConfirmed;
    private bool _ready;
    private bool _started;
    private Task<IJSObjectReference>? _script;
    private ElementReference _canvasHost;
    private int _journeyId;
    private bool? _reportedDirty;
    private readonly DesignerWork _work;

    public JourneyEditor() => _work = new DesignerWork(DispatchExceptionAsync);
    private JourneySessionSummary? _highlightRun;
    private RunStepChoice? _runStep;
    private PathHighlight _pathHighlight = PathHighlight.None;
    private int _liveRevision;
    private bool _compact;
    private bool _sideOpen;
    private bool _reopenView;
    private SideTab _sideTab = SideTab.Properties;
    private (int From, int To, string? ToLabel, JourneyDiff Diff, IReadOnlyDictionary<string, string> Names)? _changes;

    private enum SideTab { Properties, Problems, Changes }

    /// <summary>Below this window width the palette and the side panel start collapsed, so the canvas keeps most of the width.</summary>
    public const int CompactWidth = 1366;

    private bool Viewing => _viewing is not null;

    /// <summary>The revision the canvas shows: the one being viewed read-only, else the one the edits are based on.</summary>
    private int ShownRevision => _viewing?.Revision ?? _session?.BasedOnRevision ?? 0;

    string? IDesignerActions.SelectedNodeId => _selectedId;

    bool IDesignerActions.ReadOnly => Viewing;

    protected override void OnInitialized()
    {
        // Notices must not cover the toolbar's Save button.
        Snackbar.Configuration.PositionClass = Defaults.Classes.Position.BottomCenter;
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_session is not null && string.Equals(_session.Current.Name, Name, StringComparison.OrdinalIgnoreCase)) return;
        // Loaded while the journey is read: the script then starts measuring the nodes the moment the canvas is drawn.
        _script ??= LoadScriptAsync();
        // The newest revision: the draft when there is one (what this admin, or another, saved last).
        var stored = await Store.GetLatestAsync(Name);
        if (stored is null)
        {
            _loadError = $"There is no journey named '{Name}'.";
            return;
        }
        _liveRevision = stored.LiveRevision;
        _journeyId = stored.JourneyId;
        _session = new JourneyEditSession(stored.Journey, stored.Revision);
        if (HasStackedNodes(stored.Journey))
        {
            // Imports without layout put every node at (0, 0); arranging them is not an edit of the content.
            _session.Reload(JourneyLayout.Arrange(stored.Journey, _session.Catalog), stored.Revision);
            Snackbar.Add("The nodes of this journey had no layout of their own, so they were arranged automatically.", Severity.Info);
        }
        _diagram = new DesignerDiagram(_session.Catalog, this);
        _diagram.ConnectRequested += (source, outcome, target) => Defer(() =>
        {
            if (Viewing) Refresh(); // drops the link drawn on a read-only revision
            else Report(_session.Connect(source, outcome, target));
        });
        _diagram.NodeMoved += OnNodeMoved;
        _diagram.DeleteRequested += (nodes, links) => Defer(() => Delete(nodes, links));
        _diagram.SelectionChanged += OnDiagramSelectionChanged;
        // A canvas size that arrives after the nodes' measures completes the opening view.
        _diagram.Diagram.ContainerChanged += () => _work.Run(() => InvokeAsync(() =>
        {
            // The layout changed for a small screen after the view was opened: open it again for the new size.
            if (_ready && _reopenView)
            {
                _reopenView = false;
                _diagram.OpenView();
                StateHasChanged();
            }
            MarkReadyWhenMeasured();
        }));
        _diagram.Diagram.ZoomChanged += RenderLater;
        // A click on a Page node that is already selected (so no selection change) moves the panel from a child back to the page.
        _diagram.Diagram.PointerClick += (model, e) =>
        {
            if (model is not StepNode node || e.CtrlKey || e.ShiftKey || _selectedId == node.Id) return;
            _selectedId = node.Id;
            RenderLater();
        };
        _journeyNames = (await Store.ListAsync()).Select(j => j.Name).ToList();
        await LoadReferencedJourneysAsync();
        _navigationGuard ??= Navigation.RegisterLocationChangingHandler(OnLocationChanging);
        Refresh();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        _script ??= LoadScriptAsync();
        // Once, after the render that drew the canvas (the first render may show only the progress bar).
        if (_started || _session is null || _diagram is null || _canvasHost.Id is null) return;
        _started = true;
        var js = await _script;
        // Normally measuring has already started (see attach in designer.js); this makes sure of it.
        if (!await js.InvokeAsync<bool>("startMeasuring", _canvasHost))
            throw new InvalidOperationException("The designer canvas was not found in the page, so its nodes cannot be measured.");
        // Normally OnNodesMeasured (or the canvas size, ContainerChanged) finds everything measured and opens the view.
        MarkReadyWhenMeasured();
    }

    private async Task<IJSObjectReference> LoadScriptAsync()
    {
        var js = await JS.InvokeAsync<IJSObjectReference>("import", "./designer/designer.js");
        _self = DotNetObjectReference.Create(this);
        var windowWidth = await js.InvokeAsync<int>("attach", _self);
        _js = js;
        OnWindowWidth(windowWidth);
        return js;
    }

    /// <summary>A click or drag on the navigator: the canvas point to show in the middle of the view.</summary>
    [JSInvokable]
    public Task OnNavigatorPoint(double x, double y) => InvokeAsync(() => _diagram?.CentreOn(x, y));

    [JSInvokable]
    public Task OnWindowResized(int width) => InvokeAsync(() => OnWindowWidth(width));

    /// <summary>On a small screen (1280×720, say) the palette and the side panel start collapsed and problems get a tab of their own.</summary>
    private void OnWindowWidth(int width)
    {
        var compact = width is > 0 and < CompactWidth;
        if (compact == _compact) return;
        _compact = compact;
        _reopenView = true;
        _paletteOpen = !compact;
        _sideOpen = false;
        if (!compact && _sideTab == SideTab.Problems) _sideTab = SideTab.Properties;
        StateHasChanged();
    }

    /// <summary>
    /// The first sync ran before the canvas knew its size; fit once it and the nodes have been measured, and set the
    /// marker tests and the benchmark wait for (every node drawn and measured, the view fitted).
    /// </summary>
    private void MarkReadyWhenMeasured()
    {
        if (_ready || _diagram is not { IsMeasured: true }) return;
        // Ready first: the canvas redraws its widgets (the navigator) only when the view changes, so the opening view's
        // redraw is the one that must tell the navigator the editor is ready.
        _ready = true;
        _diagram.OpenView();
        StateHasChanged();
    }

    /// <summary>
    /// Sizes and port offsets of the nodes the browser drew or resized, reported in one call per frame (designer.js);
    /// this replaces the library's per-node and per-port round trips.
    /// </summary>
    [JSInvokable]
    public Task OnNodesMeasured(IReadOnlyList<NodeMeasure> nodes) => InvokeAsync(() =>
    {
        _diagram?.ApplyMeasures(nodes);
        // Fitting here puts the links, the fitted view and the ready marker into one render.
        MarkReadyWhenMeasured();
    });

    private static bool HasStackedNodes(Journey journey) =>
        journey.Nodes.Count > 1 && journey.Nodes.GroupBy(n => n.Position).Any(g => g.Count() > 1);

    [JSInvokable]
    public async Task OnShortcut(string action)
    {
        await InvokeAsync(async () =>
        {
            switch (action)
            {
                case "save": await SaveAsync(); break;
                case "undo": Undo(); break;
                case "redo": Redo(); break;
            }
            StateHasChanged();
        });
    }

    // ---- keeping the canvas in step with the session ----

    /// <summary>Validates, redraws the diagram from the journey shown, and updates the page.</summary>
    private void Refresh(bool fit = false)
    {
        if (_session is null || _diagram is null) return;
        var shown = _viewing?.Journey ?? _session.Current;
        _unreadJourneys.Clear();
        _findings = _validation.Validate(shown, _journeysReadVersion, _unreadJourneys,
            () => JourneyValidator.Validate(shown, _session.Catalog, name => FindJourney(shown, name)));
        // A journey named by an Inner Tree Evaluator that was not read yet (e.g. just chosen in the panel): read it, then check again.
        if (_unreadJourneys.Count > 0) _work.Run(() => InvokeAsync(async () =>
        {
            if (await LoadReferencedJourneysAsync()) Refresh();
        }));
        _pathHighlight = _testPath is { } test ? PathHighlight.Build(shown, test.Path, test.Status)
            : _highlightRun is not { } run ? PathHighlight.None
            : _runStep is { Index: { } step, Trace.Count: > 0 } ? PathHighlight.BuildStep(shown, run, _runStep.Trace, step)
            : PathHighlight.Build(shown, run);
        _diagram.Sync(shown, _findings, _pathHighlight, _changes?.Diff);
        _diagram.SetReadOnly(Viewing);
        if (_selectedId is not null && shown.FindNode(_selectedId) is null && !StaticNodeIds.IsStatic(_selectedId)) _selectedId = null;
        // The canvas shows what the panel edits, whoever changed the selection (a click, Enter on the palette, a problem).
        _diagram.ShowSelection(_selectedId, _selectedId is null ? null : shown.FindParentPage(_selectedId)?.Id);
        if (fit) _diagram.OpenView();
        if (_js is { } js && _reportedDirty != _session.IsDirty)
        {
            var dirty = _session.IsDirty;
            _reportedDirty = dirty;
            _work.Run(async () => await js.InvokeVoidAsync("setDirty", dirty));
        }
        StateHasChanged();
    }

    /// <summary>
    /// The validator's view of other journeys. Inner Tree Evaluator checks follow references from journey to journey,
    /// so only the journeys actually reached are read (reading every journey made large studios slow to open);
    /// each is read once, when first needed. A name not read yet is noted and answered as unknown for now.
    /// </summary>
    private Journey? FindJourney(Journey shown, string name)
    {
        if (string.Equals(name, shown.Name, StringComparison.OrdinalIgnoreCase)) return shown;
        if (_otherJourneys.TryGetValue(name, out var found)) return found;
        if (!_triedJourneys.Contains(name) && _journeyNames.Contains(name, StringComparer.OrdinalIgnoreCase)) _unreadJourneys.Add(name);
        return null;
    }

    /// <summary>Reads the journeys the shown journey reaches through Inner Tree Evaluators (transitively); true when any was read.</summary>
    private async Task<bool> LoadReferencedJourneysAsync()
    {
        var readAny = false;
        for (var round = 0; round < 50 && _session is not null; round++)
        {
            var shown = _viewing?.Journey ?? _session.Current;
            _unreadJourneys.Clear();
            _validation.Validate(shown, _journeysReadVersion, _unreadJourneys,
                () => JourneyValidator.Validate(shown, _session.Catalog, name => FindJourney(shown, name)));
            if (_unreadJourneys.Count == 0) break;
            foreach (var name in _unreadJourneys.ToList())
            {
                _triedJourneys.Add(name);
                if (await Store.GetAsync(name) is { } stored) _otherJourneys[name] = stored.Journey;
                _journeysReadVersion++;
                readAny = true;
            }
        }
        _unreadJourneys.Clear();
        return readAny;
    }

    /// <summary>Runs an edit after the diagram finished the gesture that asked for it (it may still be using the models).</summary>
    private void Defer(Action edit) => _work.Run(() => InvokeAsync(async () =>
    {
        await Task.Yield();
        edit();
    }));

    /// <summary>Renders once the diagram's current gesture has finished (its events fire while it still uses the models).</summary>
    private void RenderLater() => _work.Run(() => InvokeAsync(StateHasChanged));

    private void Report(EditResult result)
    {
        if (result.Error is { } error) Snackbar.Add(error, Severity.Warning);
        if (result.DescribeRemovedConnections() is { } removed) Snackbar.Add(removed, Severity.Warning);
        Refresh();
    }

    private Task OnPanelEdited(EditResult result)
    {
        Report(result);
        return Task.CompletedTask;
    }

    private void OnDiagramSelectionChanged()
    {
        var selected = _diagram!.SelectedNodeIds();
        var next = selected.Count == 1 ? selected[0] : null;
        if (next == _selectedId) return;
        // A Page child chosen in its row stays chosen while its page is the canvas selection.
        if (next is not null && _selectedId is not null && _session?.Current.FindParentPage(_selectedId)?.Id == next) return;
        _selectedId = next;
        if (_compact && next is not null) _sideOpen = true;
        RenderLater();
    }

    // ---- gestures ----

    private void OnNodeMoved(string nodeId, NodePosition position)
    {
        if (Viewing) { Defer(() => Refresh()); return; }
        var first = _pendingMoves.Count == 0;
        _pendingMoves[nodeId] = position;
        if (first) Defer(CommitMoves);
    }

    private void CommitMoves()
    {
        var moves = new Dictionary<string, NodePosition>(_pendingMoves);
        _pendingMoves.Clear();
        if (moves.Count == 1 && PageUnder(moves.Keys.First()) is { } page)
        {
            var nodeId = moves.Keys.First();
            var result = _session!.MoveIntoPage(nodeId, page.Id);
            if (result.Applied) _selectedId = nodeId;
            Report(result);
            return;
        }
        Report(_session!.MoveNodes(moves));
    }

    /// <summary>The Page node whose box holds the centre of the node just dropped, if any.</summary>
    private StepNode? PageUnder(string nodeId)
    {
        var node = _diagram!.FindNode(nodeId);
        if (node is null || node.Kind != StepKind.Node || node.GetBounds() is not { } bounds) return null;
        return PageAt(new Point(bounds.Left + bounds.Width / 2, bounds.Top + bounds.Height / 2), exclude: nodeId);
    }

    private StepNode? PageAt(Point point, string? exclude = null) =>
        _diagram!.Diagram.Nodes.OfType<StepNode>()
            .Where(n => n.Kind == StepKind.Page && n.Id != exclude)
            .FirstOrDefault(n => n.GetBounds() is { } b && point.X >= b.Left && point.X <= b.Right && point.Y >= b.Top && point.Y <= b.Bottom);

    private void OnDrop(DragEventArgs e)
    {
        if (_dragged is not { } descriptor || _session is null || Viewing) return;
        _dragged = null;
        var point = _diagram!.Diagram.GetRelativeMousePoint(e.ClientX, e.ClientY);
        if (PageAt(point) is { } page)
        {
            AddToPage(descriptor, page.Id);
            return;
        }
        _selectedId = _session.AddNode(descriptor.TypeId, Math.Round(point.X), Math.Round(point.Y));
        Refresh();
    }

    /// <summary>
    /// Adding without the mouse: into the selected Page node when the type may go there, otherwise in the middle
    /// of the visible canvas, below anything already there so repeated adds do not cover each other.
    /// </summary>
    private void AddFromPalette(NodeDescriptor descriptor)
    {
        if (_session is null || Viewing) return;
        var selectedPage = _selectedId is { } selected && _diagram!.FindNode(selected) is { Kind: StepKind.Page } page ? page : null;
        if (selectedPage is not null && descriptor.CanBeOnPage)
        {
            AddToPage(descriptor, selectedPage.Id);
            return;
        }
        var diagram = _diagram!.Diagram;
        var (width, height) = diagram.Container is { } container ? (container.Width, container.Height) : (800d, 600d);
        var x = Math.Round((width / 2 - diagram.Pan.X) / diagram.Zoom - NodeMetrics.Width / 2);
        var y = Math.Round((height / 2 - diagram.Pan.Y) / diagram.Zoom - 40);
        while (_session.Current.Nodes.Any(n => Math.Abs(n.X - x) < NodeMetrics.Width && Math.Abs(n.Y - y) < 100))
            y += 110;
        _selectedId = _session.AddNode(descriptor.TypeId, x, y);
        Refresh();
    }

    /// <summary>Adds the node as the page's last child and selects it; the session refuses types a page cannot hold.</summary>
    private void AddToPage(NodeDescriptor descriptor, string pageId)
    {
        var (result, childId) = _session!.AddNodeToPage(descriptor.TypeId, pageId);
        if (childId is not null) _selectedId = childId;
        Report(result);
    }

    private void Delete(IReadOnlyList<string> nodeIds, IReadOnlyList<(string SourceId, string OutcomeId)> connections)
    {
        if (Viewing || _session is null) return;
        // A page child chosen inside its (selected) page is what the user means to delete, not the whole page.
        if (nodeIds.Count == 1 && connections.Count == 0 && _selectedId is { } selected
            && _session.Current.FindParentPage(selected)?.Id == nodeIds[0])
            nodeIds = [selected];
        if (nodeIds.Count > 0 && nodeIds.All(StaticNodeIds.IsStatic) && connections.Count == 0)
        {
            Snackbar.Add("Start, Success and Failure are part of every journey and cannot be deleted.", Severity.Info);
            return;
        }
        Report(_session.DeleteSelection(nodeIds, connections));
    }

    // ---- IDesignerActions (buttons inside Page nodes) ----

    void IDesignerActions.SelectChild(string childId)
    {
        _selectedId = childId;
        _diagram?.ShowSelection(childId, (_viewing?.Journey ?? _session?.Current)?.FindParentPage(childId)?.Id);
        if (_compact) _sideOpen = true;
        StateHasChanged();
    }

    void IDesignerActions.MoveChild(string childId, int delta)
    {
        if (!Viewing) Report(_session!.MoveChild(childId, delta));
    }

    void IDesignerActions.TakeOutOfPage(string childId)
    {
        if (Viewing) return;
        var page = _session!.Current.FindParentPage(childId);
        Report(_session.TakeOutOfPage(childId, (page?.X ?? 0) + NodeMetrics.PageWidth + 60, page?.Y ?? 0));
    }

    // ---- toolbar ----

    private void Undo()
    {
        if (Viewing || _session is null) return;
        _session.Undo();
        Refresh();
    }

    private void Redo()
    {
        if (Viewing || _session is null) return;
        _session.Redo();
        Refresh();
    }

    private void AutoLayout()
    {
        if (Viewing) return;
        Report(_session!.AutoLayout());
        _diagram!.Fit();
    }

    private void Zoom(double factor) => _diagram!.ZoomAroundCentre(factor);

    private void ZoomToActualSize() => _diagram!.ZoomToActualSize();

    private void ZoomToFit()
    {
        _diagram!.Fit(maxZoom: 1);
    }

    private void OnFindingKey(KeyboardEventArgs e, ValidationFinding finding)
    {
        if (e.Key is "Enter" or " ") ShowFinding(finding);
    }

    private void ShowFinding(ValidationFinding finding)
    {
        if (finding.NodeId is not { } nodeId || _session is null) return;
        var page = (_viewing?.Journey ?? _session.Current).FindParentPage(nodeId);
        _diagram!.SelectAndCentre(page?.Id ?? nodeId);
        _selectedId = nodeId;
    }

    private string FindingPlace(ValidationFinding finding)
    {
        if (finding.NodeId is null || _session is null) return "Journey:";
        if (StaticNodeIds.IsStatic(finding.NodeId))
            return finding.NodeId switch { StaticNodeIds.Start => "Start:", StaticNodeIds.Success => "Success:", _ => "Failure:" };
        var node = (_viewing?.Journey ?? _session.Current).FindNode(finding.NodeId);
        return node is null ? "" : _session.NameOf(node) + ":";
    }

    // ---- save, conflicts, revisions ----

    private async Task SaveAsync()
    {
        if (_session is null || _saving || Viewing) return;
        _saving = true;
        try
        {
            // A draft: end users keep the live revision until Publish.
            var result = await Admin.SaveDraftAsync(_session.Current, _session.BasedOnRevision, await Actor.GetAsync());
            switch (result)
            {
                case SaveResult.Saved saved:
                    _session.MarkSaved(saved.Revision);
                    Snackbar.Add($"Saved as draft revision {saved.Revision}. End users keep revision {_liveRevision} until you publish.", Severity.Success);
                    if (_revisionsOpen) await LoadRevisionsAsync();
                    if (_changes is not null) await ShowChangesAsync(_liveRevision, saved.Revision);
                    break;
                case SaveResult.Conflict conflict:
                    await ResolveConflictAsync(conflict.CurrentRevision);
                    break;
                case SaveResult.NotFound:
                    Snackbar.Add($"The journey '{_session.Current.Name}' no longer exists; nothing was saved.", Severity.Error);
                    break;
                default:
                    Snackbar.Add($"Not saved: {result}", Severity.Error);
                    break;
            }
        }
        finally
        {
            _saving = false;
            Refresh();
        }
    }

    private async Task ResolveConflictAsync(int currentRevision)
    {
        var choice = await Dialogs.ShowMessageBoxAsync(
            "Someone else saved this journey",
            $"While you were editing, revision {currentRevision} was saved by someone else, so your changes were not saved. "
            + "Your version is still on the canvas. You can load their version (your changes are dropped), keep editing, "
            + $"or save your version over theirs as revision {currentRevision + 1}.",
            yesText: "Load their version", noText: "Save mine over theirs", cancelText: "Keep editing");
        if (choice == true)
        {
            var stored = await Store.GetLatestAsync(_session!.Current.Name);
            if (stored is not null)
            {
                _session.Reload(stored.Journey, stored.Revision);
                _liveRevision = stored.LiveRevision;
            }
        }
        else if (choice == false)
        {
            _session!.Rebase(currentRevision);
            _saving = false;
            await SaveAsync();
        }
    }

    private async Task ToggleRevisions()
    {
        _revisionsOpen = !_revisionsOpen;
        if (_revisionsOpen) await LoadRevisionsAsync();
    }

    private async Task LoadRevisionsAsync() =>
        _revisions = await Store.ListRevisionsAsync(_session!.Current.Name) ?? [];

    private async Task ShowRevisionAsync(int revision)
    {
        var stored = await Store.GetRevisionAsync(_session!.Current.Name, revision);
        if (stored is null) return;
        _viewing = (revision, stored.Journey);
        _selectedId = null;
        Refresh(fit: true);
    }

    private void StopViewing()
    {
        _viewing = null;
        Refresh(fit: true);
    }

    private void LoadViewedAsEdit()
    {
        if (_viewing is not { } viewing) return;
        _viewing = null;
        Report(_session!.LoadContent(viewing.Journey));
        Snackbar.Add($"Revision {viewing.Revision} loaded into the editor; save to keep it, or undo.", Severity.Info);
    }

    private async Task RestoreRevisionAsync(int revision)
    {
        var go = await Dialogs.ShowMessageBoxAsync($"Restore revision {revision}?",
            $"Its content is saved as a new draft; end users keep running revision {_liveRevision} until you publish."
            + (_session!.IsDirty ? " Your unsaved changes on the canvas are replaced." : ""),
            yesText: "Restore as draft", cancelText: "Cancel");
        if (go != true) return;
        var result = await Admin.RestoreAsync(_session.Current.Name, revision, _session.BasedOnRevision, await Actor.GetAsync());
        if (result is SaveResult.Conflict conflict)
        {
            Snackbar.Add($"Someone else saved revision {conflict.CurrentRevision}; open the revisions again and retry.", Severity.Warning);
        }
        else if (result is SaveResult.Saved saved)
        {
            var stored = await Store.GetLatestAsync(_session.Current.Name);
            if (stored is not null)
            {
                _session.Reload(stored.Journey, stored.Revision);
                _liveRevision = stored.LiveRevision;
            }
            _viewing = null;
            Snackbar.Add($"Revision {revision} restored as draft revision {saved.Revision}; publish it to make it live.", Severity.Success);
        }
        await LoadRevisionsAsync();
        Refresh(fit: true);
    }

    // ---- path of a recorded run ----

    private void ShowRun(JourneySessionSummary run)
    {
        _testPath = null;
        _highlightRun = run;
        _runStep = null;
        Refresh();
    }

    private void ShowRunStep(RunStepChoice choice)
    {
        _runStep = choice;
        Refresh();
    }

    // ---- journey tests (JourneyTestsPanel) ----

    private bool _testsOpen;
    private (IReadOnlyList<VisitedNode> Path, JourneySessionStatus Status)? _testPath;

    private void ToggleTests()
    {
        _testsOpen = !_testsOpen;
        if (!_testsOpen && _testPath is not null) ClearHighlight();
    }

    private void SetTests(JourneyStudio.Journeys.Testing.JourneyTestSuite tests) => Report(_session!.SetTests(tests));

    private void ShowTestPath(JourneyStudio.Runtime.JourneyTests.JourneyTestScenarioResult result)
    {
        _highlightRun = null;
        _runStep = null;
        _testPath = (result.Path.Select(p => new VisitedNode(p.JourneyName, p.NodeId, p.Outcome)).ToList(), result.End switch
        {
            JourneyStudio.Runtime.JourneyTests.JourneyTestEnd.Success => JourneySessionStatus.Succeeded,
            JourneyStudio.Runtime.JourneyTests.JourneyTestEnd.Failure => JourneySessionStatus.Failed,
            _ => JourneySessionStatus.InProgress,
        });
        Refresh();
    }

    private void ClearHighlight()
    {
        _testPath = null;
        _highlightRun = null;
        _runStep = null;
        Refresh();
    }

    /// <summary>Why the canvas may not match the run shown; null when it shows the run's revision unchanged.</summary>
    private string? RunCanvasNote(JourneySessionSummary run) =>
        run.Revision != ShownRevision
            ? $"The run used revision {run.Revision}; the canvas shows revision {ShownRevision}{(Viewing || !_session!.IsDirty ? "" : " with unsaved changes")}, so the path may not match."
            : !Viewing && _session!.IsDirty ? "The canvas has unsaved changes since the run's revision; the path may not match."
            : null;

    /// <summary>A node's name as the canvas shows it; a node of another journey (run by an Inner Tree Evaluator) is named with its journey.</summary>
    private string NodeName(string nodeId, string? journeyName)
    {
        if (_session is null) return nodeId;
        var shown = _viewing?.Journey ?? _session.Current;
        var journey = journeyName is null || string.Equals(journeyName, shown.Name, StringComparison.OrdinalIgnoreCase) ? shown
            : _otherJourneys.GetValueOrDefault(journeyName);
        var name = nodeId switch
        {
            StaticNodeIds.Start => "Start",
            StaticNodeIds.Success => "Success",
            StaticNodeIds.Failure => "Failure",
            _ => journey?.FindNode(nodeId) is { } node ? _session.NameOf(node) : nodeId,
        };
        return journey == shown ? name : $"{journeyName}: {name}";
    }

    // ---- preview ----

    /// <summary>
    /// The sign-on link of the saved revision on the canvas: the journey's plain preview URL when it is live, otherwise a
    /// signed link (valid for <see cref="PreviewLinks.Lifetime"/>) that starts exactly that draft revision.
    /// </summary>
    private string PreviewUrl()
    {
        var name = _session!.Current.Name;
        var revision = _session.BasedOnRevision;
        var token = revision > _liveRevision ? PreviewLinks.Create(name, revision) : null;
        return StudioUrls.Preview(Configuration, Navigation.BaseUri, name, token);
    }

    private async Task Preview()
    {
        if (_session is { IsDirty: true })
            Snackbar.Add($"Preview runs the saved revision {_session.BasedOnRevision}; save to include your latest changes.", Severity.Info);
        if (_js is not null) await _js.InvokeVoidAsync("openTab", PreviewUrl());
    }

    private async Task CopyPreviewUrl()
    {
        var url = PreviewUrl();
        var copied = _js is not null && await _js.InvokeAsync<bool>("copyText", url);
        var draftNote = _session!.BasedOnRevision > _liveRevision ? $" (runs draft revision {_session.BasedOnRevision}; valid for {PreviewLinks.Lifetime.TotalMinutes:0} minutes)" : "";
        Snackbar.Add(copied ? $"Copied {url}{draftNote}" : $"Copy this link: {url}{draftNote}", copied ? Severity.Success : Severity.Info);
    }

    // ---- publish ----

    /// <summary>Makes the saved draft live (<see cref="DraftPublisher"/>: findings, confirmation, publish checks).</summary>
    private async Task PublishAsync()
    {
        if (_session is null || _session.IsDirty || Viewing || _session.BasedOnRevision <= _liveRevision) return;
        if (await Publisher.PublishAsync(_session.Current.Name, _session.BasedOnRevision, _liveRevision, FindingPlace) is { } live)
        {
            _liveRevision = live;
            if (_revisionsOpen) await LoadRevisionsAsync();
            if (_changes is not null) await ShowChangesAsync(_liveRevision, _session.BasedOnRevision);
        }
        Refresh();
    }

    // ---- changes between revisions ----

    private async Task ToggleChangesAsync()
    {
        if (_changes is not null)
        {
            _changes = null;
            if (_sideTab == SideTab.Changes) _sideTab = SideTab.Properties;
            Refresh();
            return;
        }
        await ShowChangesAsync(_liveRevision, ShownRevision);
    }

    private Task CompareWithAsync(int revision) => ShowChangesAsync(revision, ShownRevision);

    /// <summary>Marks on the canvas (and lists) what changed from revision <paramref name="from"/> to <paramref name="to"/>, the one shown.</summary>
    private async Task ShowChangesAsync(int from, int to)
    {
        if (_session is null) return;
        var result = await Admin.DiffAsync(_session.Current.Name, from, to);
        if (result is not RevisionDiffResult.Compared compared)
        {
            Snackbar.Add($"Revision {from} or {to} of this journey does not exist.", Severity.Warning);
            return;
        }
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var older = await Store.GetRevisionAsync(_session.Current.Name, from);
        foreach (var journey in new[] { older?.Journey, _viewing?.Journey ?? _session.Current })
            foreach (var node in journey?.AllNodes() ?? [])
                names[node.Id] = _session.NameOf(node);
        var label = to == _liveRevision ? "live" : to > _liveRevision ? "draft" : null;
        _changes = (compared.From, compared.To, label, compared.Diff, names);
        _sideTab = SideTab.Changes;
        if (_compact) _sideOpen = true;
        if (_session.IsDirty && to == _session.BasedOnRevision)
            Snackbar.Add("The changes are those of the saved revision; your unsaved edits are not in them.", Severity.Info);
        Refresh();
    }

    private void SelectFromList(string nodeId)
    {
        if (_session is null) return;
        var page = (_viewing?.Journey ?? _session.Current).FindParentPage(nodeId);
        _diagram!.SelectAndCentre(page?.Id ?? nodeId);
        _selectedId = nodeId;
    }

    // ---- leaving ----

    private async ValueTask OnLocationChanging(LocationChangingContext context)
    {
        if (_session is not { IsDirty: true } || _leaveConfirmed) return;
        context.PreventNavigation();
        var leave = await Dialogs.ShowMessageBoxAsync("Unsaved changes",
            "This journey has changes that are not saved. Leave and lose them?", yesText: "Leave", cancelText: "Stay");
        if (leave == true)
        {
            _leaveConfirmed = true;
            Navigation.NavigateTo(context.TargetLocation);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _navigationGuard?.Dispose();
        if (_js is not null)
        {
            try
            {
                await _js.InvokeVoidAsync("detach");
                await _js.DisposeAsync();
            }
            catch (JSDisconnectedException) { }
        }
        _self?.Dispose();
    }
}
