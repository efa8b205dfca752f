using Blazor.Diagrams.Core.Geometry;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Journeys.Testing;
using JourneyStudio.Journeys.Validation;
using JourneyStudio.Runtime.JourneyTests;
using JourneyStudio.Runtime.Sessions;
using JourneyStudio.Web.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;

namespace JourneyStudio.Web.Designer;

/// <summary>
/// The journey designer page: composes the toolbar, canvas, panels and drawers, and holds the state they share. The
/// <see cref="JourneyEditSession"/> holds the journey; the canvas only mirrors it and reports gestures, which become
/// session edits followed by a re-sync. Saving (<see cref="DraftSaver"/>), publishing (<see cref="DraftPublisher"/>),
/// revisions and changes (<see cref="RevisionHistory"/>), the marked path (<see cref="CanvasPath"/>) and the canvas
/// itself (<see cref="DesignerCanvas"/>, <see cref="DesignerCanvasHost"/>) live in their own parts.
/// </summary>
public sealed partial class JourneyEditor
{
    [Parameter] public string Name { get; set; } = "";

    private JourneyEditSession? _session;
    private DesignerCanvas? _canvas;
    private CanvasGestures? _gestures;
    private RevisionHistory? _history;
    private readonly CanvasPath _path = new();
    private DesignerScript? _script;
    private Task? _scriptLoad;
    private ReferencedJourneys? _references;
    private string? _loadError;
    private string? _selectedId;
    private NodeDescriptor? _dragged;
    private IReadOnlyList<ValidationFinding> _findings = [];
    private IReadOnlyList<string> _journeyNames = [];
    private bool _paletteOpen = true;
    private bool _testsOpen;
    private bool _saving;
    private readonly Dictionary<string, NodePosition> _pendingMoves = new(StringComparer.Ordinal);
    private IDisposable? _navigationGuard;
    private bool _leaveConfirmed;
    private int _journeyId;
    private bool? _reportedDirty;
    private readonly DesignerWork _work;
    private int _liveRevision;
    private bool _compact;
    private bool _sideOpen;
    private DesignerSidePanel.Tab _sideTab = DesignerSidePanel.Tab.Properties;

    public JourneyEditor() => _work = new DesignerWork(DispatchExceptionAsync);

    /// <summary>Below this window width the palette and the side panel start collapsed, so the canvas keeps most of the width.</summary>
    public const int CompactWidth = 1366;

    private (int Revision, Journey Journey)? ViewedRevision => _history?.Viewing;

    private bool Viewing => ViewedRevision is not null;

    /// <summary>The journey on the canvas: the revision viewed read-only, else the one being edited.</summary>
    private Journey Shown => ViewedRevision?.Journey ?? _session!.Current;

    /// <summary>The revision the canvas shows: the one being viewed read-only, else the one the edits are based on.</summary>
    private int ShownRevision => ViewedRevision?.Revision ?? _session?.BasedOnRevision ?? 0;

    string? IDesignerActions.SelectedNodeId => _selectedId;

    bool IDesignerActions.ReadOnly => Viewing;

    protected override void OnInitialized()
    {
        // Notices must not cover the toolbar's Save button.
        Snackbar.Configuration.PositionClass = Defaults.Classes.Position.BottomCenter;
        _script = new DesignerScript(JS)
        {
            Shortcut = OnShortcut,
            WindowResized = width => InvokeAsync(() => OnWindowWidth(width)),
        };
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_session is not null && string.Equals(_session.Current.Name, Name, StringComparison.OrdinalIgnoreCase)) return;
        // Loaded while the journey is read: the script then starts measuring the nodes the moment the canvas is drawn.
        _scriptLoad ??= LoadScriptAsync();
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
        _history = new RevisionHistory(stored.Journey.Name, Store, Admin, Actor, Dialogs, Snackbar);
        _canvas = new DesignerCanvas(_session.Catalog, this);
        _gestures = new CanvasGestures(_session, _canvas);
        var diagram = _canvas.Diagram;
        diagram.ConnectRequested += (source, outcome, target) => Defer(() =>
        {
            if (Viewing) Refresh(); // drops the link drawn on a read-only revision
            else Report(_session.Connect(source, outcome, target));
        });
        diagram.NodeMoved += OnNodeMoved;
        diagram.DeleteRequested += (nodes, links) => Defer(() => Delete(nodes, links));
        diagram.SelectionChanged += OnDiagramSelectionChanged;
        // A click on a Page node that is already selected (so no selection change) moves the panel from a child back to the page.
        diagram.Diagram.PointerClick += (model, e) =>
        {
            if (model is not StepNode node || e.CtrlKey || e.ShiftKey || _selectedId == node.Id) return;
            _selectedId = node.Id;
            RenderLater();
        };
        _journeyNames = (await Store.ListAsync()).Select(j => j.Name).ToList();
        _references = new ReferencedJourneys(Store, _journeyNames);
        await _references.LoadReachedAsync(Shown, _session.Catalog);
        _navigationGuard ??= Navigation.RegisterLocationChangingHandler(OnLocationChanging);
        Refresh();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // The script's load started with the page; its failure surfaces here, as the page's own.
        if (firstRender && _scriptLoad is not null) await _scriptLoad;
    }

    private async Task LoadScriptAsync() => OnWindowWidth(await _script!.LoadAsync());

    /// <summary>On a small screen (1280×720, say) the palette and the side panel start collapsed and problems get a tab of their own.</summary>
    private void OnWindowWidth(int width)
    {
        var compact = width is > 0 and < CompactWidth;
        if (compact == _compact) return;
        _compact = compact;
        _paletteOpen = !compact;
        _sideOpen = false;
        if (!compact && _sideTab == DesignerSidePanel.Tab.Problems) _sideTab = DesignerSidePanel.Tab.Properties;
        StateHasChanged();
    }

    private static bool HasStackedNodes(Journey journey) =>
        journey.Nodes.Count > 1 && journey.Nodes.GroupBy(n => n.Position).Any(g => g.Count() > 1);

    private Task OnShortcut(string action) => InvokeAsync(async () =>
    {
        switch (action)
        {
            case "save": await SaveAsync(); break;
            case "undo": Undo(); break;
            case "redo": Redo(); break;
        }
        StateHasChanged();
    });

    // ---- keeping the canvas in step with the session ----

    /// <summary>Validates, redraws the canvas from the journey shown, and updates the page.</summary>
    private void Refresh(bool fit = false)
    {
        if (_session is null || _canvas is null || _references is null) return;
        var shown = Shown;
        _findings = _references.Validate(shown, _session.Catalog, out var unread);
        // A journey named by an Inner Tree Evaluator that was not read yet (e.g. just chosen in the panel): read it, then check again.
        if (unread) _work.Run(() => InvokeAsync(async () =>
        {
            if (await _references.LoadReachedAsync(Shown, _session.Catalog)) Refresh();
        }));
        if (_selectedId is not null && shown.FindNode(_selectedId) is null && !StaticNodeIds.IsStatic(_selectedId)) _selectedId = null;
        _canvas.Show(shown, _findings, _path.Build(shown), _history?.Changes?.Diff, Viewing, _selectedId, fit);
        if (_script is { } script && _reportedDirty != _session.IsDirty)
        {
            var dirty = _session.IsDirty;
            _reportedDirty = dirty;
            _work.Run(() => script.SetDirtyAsync(dirty));
        }
        StateHasChanged();
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
        var selected = _canvas!.Diagram.SelectedNodeIds();
        // A removed node drawn for the changes is not part of the journey: nothing to show in the panel.
        var next = selected.Count == 1 && !_canvas.IsRemovedNode(selected[0]) ? selected[0] : null;
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
        Apply(_gestures!.Move(moves));
        _canvas!.RerouteLinks();
    }

    private void OnDropAt(Point point)
    {
        if (_dragged is not { } descriptor || _gestures is null || Viewing) return;
        _dragged = null;
        Apply(_gestures.Drop(descriptor, point));
    }

    private void AddFromPalette(NodeDescriptor descriptor)
    {
        if (_gestures is not null && !Viewing) Apply(_gestures.Add(descriptor, _selectedId));
    }

    private void Delete(IReadOnlyList<string> nodeIds, IReadOnlyList<(string SourceId, string OutcomeId)> connections)
    {
        if (_gestures is not null && !Viewing) Apply(_gestures.Delete(nodeIds, connections, _selectedId));
    }

    private void Apply(GestureEdit edit)
    {
        if (edit.Select is { } selected) _selectedId = selected;
        if (edit.Notice is { } notice)
        {
            Snackbar.Add(notice, Severity.Info);
            return;
        }
        if (edit.Result is { } result) Report(result);
        else Refresh();
    }

    // ---- IDesignerActions (buttons inside Page nodes) ----

    void IDesignerActions.SelectChild(string childId)
    {
        _selectedId = childId;
        if (_session is not null) _canvas?.Diagram.ShowSelection(childId, Shown.FindParentPage(childId)?.Id);
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
        _canvas!.Diagram.Fit();
    }

    /// <summary>Selects the node a finding or a listed change is about (its page when it is a Page child) and centres it.</summary>
    private void SelectAndShow(string nodeId)
    {
        if (_session is null) return;
        var page = Shown.FindParentPage(nodeId);
        _canvas!.SelectAndCentre(page?.Id ?? nodeId);
        _selectedId = nodeId;
    }

    private void ShowFinding(ValidationFinding finding)
    {
        if (finding.NodeId is { } nodeId) SelectAndShow(nodeId);
    }

    private string FindingPlace(ValidationFinding finding)
    {
        if (finding.NodeId is null || _session is null) return "Journey:";
        if (StaticNodeIds.IsStatic(finding.NodeId))
            return finding.NodeId switch { StaticNodeIds.Start => "Start:", StaticNodeIds.Success => "Success:", _ => "Failure:" };
        var node = Shown.FindNode(finding.NodeId);
        return node is null ? "" : _session.NameOf(node) + ":";
    }

    // ---- save, publish, revisions, changes ----

    private async Task SaveAsync()
    {
        if (_session is null || _saving || Viewing) return;
        _saving = true;
        try
        {
            switch (await Saver.SaveAsync(_session, _liveRevision))
            {
                case DraftSaveOutcome.Saved saved:
                    await _history!.RefreshAsync();
                    if (_history.Changes is not null) await ShowChangesAsync(_liveRevision, saved.Revision);
                    break;
                case DraftSaveOutcome.Reloaded reloaded:
                    _liveRevision = reloaded.LiveRevision;
                    break;
            }
        }
        finally
        {
            _saving = false;
            Refresh();
        }
    }

    /// <summary>Makes the saved draft live (<see cref="DraftPublisher"/>: findings, confirmation, publish checks).</summary>
    private async Task PublishAsync()
    {
        if (_session is null || _session.IsDirty || Viewing || _session.BasedOnRevision <= _liveRevision) return;
        if (await Publisher.PublishAsync(_session.Current.Name, _session.BasedOnRevision, _liveRevision, FindingPlace) is { } live)
        {
            _liveRevision = live;
            await _history!.RefreshAsync();
            if (_history.Changes is not null) await ShowChangesAsync(_liveRevision, _session.BasedOnRevision);
        }
        Refresh();
    }

    private Task ToggleRevisionsAsync() => _history!.ToggleAsync();

    private async Task ShowRevisionAsync(int revision)
    {
        if (!await _history!.ViewAsync(revision)) return;
        _selectedId = null;
        Refresh(fit: true);
    }

    private void StopViewing()
    {
        _history!.StopViewing();
        Refresh(fit: true);
    }

    private void LoadViewedAsEdit()
    {
        if (_history!.TakeViewed() is not { } viewed) return;
        Report(_session!.LoadContent(viewed.Journey));
        Snackbar.Add($"Revision {viewed.Revision} loaded into the editor; save to keep it, or undo.", Severity.Info);
    }

    private async Task RestoreRevisionAsync(int revision)
    {
        if (await _history!.RestoreAsync(revision, _session!.BasedOnRevision, _liveRevision, _session.IsDirty) is { } stored)
        {
            _session.Reload(stored.Journey, stored.Revision);
            _liveRevision = stored.LiveRevision;
        }
        Refresh(fit: true);
    }

    private async Task ToggleChangesAsync()
    {
        if (_history!.Changes is not null)
        {
            _history.HideChanges();
            if (_sideTab == DesignerSidePanel.Tab.Changes) _sideTab = DesignerSidePanel.Tab.Properties;
            Refresh();
            return;
        }
        await ShowChangesAsync(_liveRevision, ShownRevision);
    }

    private Task CompareWithAsync(int revision) => ShowChangesAsync(revision, ShownRevision);

    /// <summary>Marks on the canvas (and lists) what changed from revision <paramref name="from"/> to <paramref name="to"/>, the one shown.</summary>
    private async Task ShowChangesAsync(int from, int to)
    {
        if (_session is null || !await _history!.CompareAsync(from, to, _liveRevision, Shown, _session.NameOf)) return;
        _sideTab = DesignerSidePanel.Tab.Changes;
        if (_compact) _sideOpen = true;
        if (_session.IsDirty && to == _session.BasedOnRevision)
            Snackbar.Add("The changes are those of the saved revision; your unsaved edits are not in them.", Severity.Info);
        Refresh();
    }

    // ---- the path on the canvas: a recorded run (run debugger) or a journey test ----

    private void ShowRun(JourneySessionSummary run)
    {
        _path.ShowRun(run);
        Refresh();
    }

    private void ShowRunStep(RunStepChoice choice)
    {
        _path.ShowStep(choice);
        Refresh();
    }

    private void ClearPath()
    {
        _path.Clear();
        Refresh();
    }

    private void ToggleTests()
    {
        _testsOpen = !_testsOpen;
        if (!_testsOpen && _path.TestPath is not null) ClearPath();
    }

    private void SetTests(JourneyTestSuite tests) => Report(_session!.SetTests(tests));

    private void ShowTestPath(JourneyTestScenarioResult result)
    {
        _path.ShowTest(result);
        Refresh();
    }

    /// <summary>A node's name as the canvas shows it; a node of another journey (run by an Inner Tree Evaluator) is named with its journey.</summary>
    private string NodeName(string nodeId, string? journeyName)
    {
        if (_session is null) return nodeId;
        var shown = Shown;
        var journey = journeyName is null || string.Equals(journeyName, shown.Name, StringComparison.OrdinalIgnoreCase) ? shown
            : _references?.Find(journeyName);
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
        await _script!.OpenTabAsync(PreviewUrl());
    }

    private async Task CopyPreviewUrl()
    {
        var url = PreviewUrl();
        var copied = await _script!.CopyTextAsync(url);
        var draftNote = _session!.BasedOnRevision > _liveRevision ? $" (runs draft revision {_session.BasedOnRevision}; valid for {PreviewLinks.Lifetime.TotalMinutes:0} minutes)" : "";
        Snackbar.Add(copied ? $"Copied {url}{draftNote}" : $"Copy this link: {url}{draftNote}", copied ? Severity.Success : Severity.Info);
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
        if (_script is not null) await _script.DisposeAsync();
    }
}
