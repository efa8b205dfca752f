using Blazor.Diagrams.Core.Anchors;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Validation;

namespace JourneyStudio.Web.Designer;

public enum StepKind
{
    Start,
    Success,
    Failure,
    Node,
    Page,
}

/// <summary>One row of a Page node's widget.</summary>
public sealed record PageChildView(string Id, string DisplayName, string TypeName, FindingSeverity? Severity);

/// <summary>What a node widget calls back into the editor for (page children are not diagram nodes of their own).</summary>
public interface IDesignerActions
{
    string? SelectedNodeId { get; }
    bool ReadOnly { get; }
    void SelectChild(string childId);
    void MoveChild(string childId, int delta);
    void TakeOutOfPage(string childId);
}

/// <summary>A node on the canvas, mirroring one journey node (or Start/Success/Failure).</summary>
public sealed class StepNode : NodeModel
{
    public StepNode(string id, StepKind kind, Point position, IDesignerActions actions) : base(id, position)
    {
        Kind = kind;
        Actions = actions;
        // Measured by the designer itself, with all nodes and their ports in one report (DesignerDiagram.ApplyMeasures).
        ControlledSize = true;
        if (kind != StepKind.Start) Input = (InputPort)AddPort(new InputPort(this));
    }

    public StepKind Kind { get; }

    public IDesignerActions Actions { get; }

    public string DisplayName { get; set; } = "";

    public string TypeName { get; set; } = "";

    public string TypeId { get; set; } = "";

    public InputPort? Input { get; }

    public IReadOnlyList<PageChildView> Children { get; set; } = [];

    /// <summary>The worst finding of validation on this node, shown as a badge.</summary>
    public FindingSeverity? Severity { get; set; }

    public int FindingCount { get; set; }

    /// <summary>How often the highlighted run passed this node; 0 when it did not (or nothing is highlighted).</summary>
    public int Visits { get; set; }

    /// <summary>True while a run is highlighted, so that the nodes it did not reach can be drawn faded.</summary>
    public bool Highlighting { get; set; }

    /// <summary>The run debugger's step being viewed ends at this node.</summary>
    public bool IsCurrentStep { get; set; }

    /// <summary>The outcome of this node the highlighted run failed on because it had no link; null otherwise.</summary>
    public string? UnwiredOutcome { get; set; }

    /// <summary>Page children the highlighted run passed.</summary>
    public IReadOnlySet<string> VisitedChildIds { get; set; } = new HashSet<string>();

    /// <summary>How the compared revision differs here (<c>added</c>, <c>changed</c>, <c>moved</c>), null when it does not or nothing is compared.</summary>
    public string? Diff { get; set; }

    /// <summary>The same for Page children, by child id.</summary>
    public IReadOnlyDictionary<string, string> ChildDiffs { get; set; } = new Dictionary<string, string>();

    /// <summary>The child row this Page node's widget last drew as chosen (the editor's selection, when it is one of its children).</summary>
    public string? ShownSelectedChildId { get; set; }

    /// <summary>Sets what the widget shows of the journey node; true when any of it changed (the node must be re-rendered).</summary>
    public bool SetContent(string displayName, string typeName, string typeId, FindingSeverity? severity, int findingCount,
        IReadOnlyList<PageChildView> children)
    {
        var changed = DisplayName != displayName || TypeName != typeName || TypeId != typeId || Severity != severity
            || FindingCount != findingCount || !Children.SequenceEqual(children);
        DisplayName = displayName;
        TypeName = typeName;
        TypeId = typeId;
        Severity = severity;
        FindingCount = findingCount;
        Children = children;
        return changed;
    }

    public IEnumerable<OutcomePort> OutcomePorts => Ports.OfType<OutcomePort>();

    public OutcomePort? Outcome(string outcomeId) => OutcomePorts.FirstOrDefault(p => p.OutcomeId == outcomeId);

    /// <summary>Replaces the outcome ports when the outcome list changed, keeping the ports (and links) of outcomes that remain.</summary>
    public bool SetOutcomes(IReadOnlyList<NodeOutcome> outcomes)
    {
        var current = OutcomePorts.ToList();
        if (current.Select(p => (p.OutcomeId, p.Label)).SequenceEqual(outcomes.Select(o => (o.Id, o.Label)))) return false;
        foreach (var port in current) RemovePort(port);
        foreach (var outcome in outcomes)
        {
            var port = current.FirstOrDefault(p => p.OutcomeId == outcome.Id) ?? new OutcomePort(this, outcome.Id, outcome.Label);
            port.Label = outcome.Label;
            AddPort(port);
        }
        return true;
    }
}

/// <summary>A drawn connection: one outcome of a node to another node; marked when the highlighted run followed it.</summary>
public sealed class JourneyLink(OutcomePort source, InputPort target) : LinkModel(source, target)
{
    public string SourceId => ((OutcomePort)((SinglePortAnchor)Source).Port).Parent.Id;

    public string OutcomeId => ((OutcomePort)((SinglePortAnchor)Source).Port).OutcomeId;

    public bool Followed { get; set; }

    public bool Highlighting { get; set; }
}

/// <summary>The single input of a node: where links end. It never starts a link.</summary>
public sealed class InputPort(StepNode parent) : PortModel(parent.Id + "|in", parent, PortAlignment.Left)
{
    public override bool CanAttachTo(ILinkable other) => false;
}

/// <summary>One outcome of a node: a link starts here and ends at another node (or its input port).</summary>
public sealed class OutcomePort(StepNode parent, string outcomeId, string label)
    : PortModel(parent.Id + "|" + outcomeId, parent, PortAlignment.Right)
{
    public string OutcomeId { get; } = outcomeId;

    public string Label { get; set; } = label;

    public override bool CanAttachTo(ILinkable other) => other switch
    {
        InputPort input => input.Parent != Parent,
        StepNode node => node != Parent && node.Kind != StepKind.Start,
        _ => false,
    };
}

/// <summary>A node as drawn in the browser: its unzoomed size and where its ports sit inside it.</summary>
public sealed record NodeMeasure(string Id, double Width, double Height, IReadOnlyList<PortMeasure> Ports);

/// <summary>A port's unzoomed offset from the top-left corner of its node, and its size.</summary>
public sealed record PortMeasure(string Id, double X, double Y, double Width, double Height);
