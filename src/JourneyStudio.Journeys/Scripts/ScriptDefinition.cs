using System.Collections.Immutable;
using System.Text.Json;

namespace JourneyStudio.Journeys.Scripts;

/// <summary>How a frodo export wrote a script's text, so an export gives the same shape back.</summary>
public enum ScriptSourceForm
{
    /// <summary>The text JSON-encoded into a string (<c>"\"var a = 1;\\n\""</c>), as frodo writes it by default.</summary>
    JsonString,

    /// <summary>An array with one string per line, as frodo writes it with <c>--use-string-arrays</c>.</summary>
    Lines,

    /// <summary>The text itself as a string (hand-written exports, the studio's own scripts).</summary>
    Plain,
}

/// <summary>
/// A script as AM keeps it (its <c>/scripts</c> resource): a named, versioned resource that nodes name by <see cref="Id"/>.
/// </summary>
public sealed record ScriptDefinition
{
    public const string JavaScript = "JAVASCRIPT";
    public const string Groovy = "GROOVY";
    public const string LegacyEvaluator = "1.0";
    public const string NextGenerationEvaluator = "2.0";
    public const string DecisionNodeContext = "AUTHENTICATION_TREE_DECISION_NODE";

    public static readonly IReadOnlyList<string> Languages = [JavaScript, Groovy];
    public static readonly IReadOnlyList<string> EvaluatorVersions = [LegacyEvaluator, NextGenerationEvaluator];

    /// <summary>AM's <c>_id</c> (usually a UUID); unique.</summary>
    public required string Id { get; init; }

    /// <summary>Unique without regard to letter case.</summary>
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    /// <summary><see cref="JavaScript"/> or <see cref="Groovy"/>.</summary>
    public string Language { get; init; } = JavaScript;

    /// <summary>Where AM lets the script run, e.g. <see cref="DecisionNodeContext"/>.</summary>
    public string Context { get; init; } = DecisionNodeContext;

    /// <summary><see cref="LegacyEvaluator"/> or <see cref="NextGenerationEvaluator"/>: which bindings the script gets.</summary>
    public string EvaluatorVersion { get; init; } = LegacyEvaluator;

    /// <summary>The script text.</summary>
    public string Source { get; init; } = "";

    public ScriptSourceForm SourceForm { get; init; } = ScriptSourceForm.JsonString;

    /// <summary>Fields the studio does not interpret (<c>default</c>, <c>createdBy</c>, <c>creationDate</c>, …), kept for export.</summary>
    public IReadOnlyDictionary<string, JsonElement> ExtraFields { get; init; } = ImmutableDictionary<string, JsonElement>.Empty;

    public bool IsJavaScript => Language == JavaScript;

    public bool IsNextGeneration => EvaluatorVersion == NextGenerationEvaluator;

    /// <summary>Same content, whatever the order of the extra fields.</summary>
    public bool SameContentAs(ScriptDefinition other) =>
        Id == other.Id && Name == other.Name && Description == other.Description && Language == other.Language
        && Context == other.Context && EvaluatorVersion == other.EvaluatorVersion && Source == other.Source
        && SourceForm == other.SourceForm && ExtraFields.Count == other.ExtraFields.Count
        && ExtraFields.All(f => other.ExtraFields.TryGetValue(f.Key, out var v) && JsonElement.DeepEquals(f.Value, v));
}
