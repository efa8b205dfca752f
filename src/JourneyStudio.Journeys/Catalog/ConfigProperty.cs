using System.Text.Json;

namespace JourneyStudio.Journeys.Catalog;

/// <summary>What kind of editor a config property gets and how its JSON value is shaped.</summary>
public enum ConfigValueKind
{
    /// <summary>JSON string.</summary>
    Text,
    /// <summary>JSON number (whole). Some AM properties store numbers as strings; see <see cref="ConfigProperty.StoredAsString"/>.</summary>
    Integer,
    /// <summary>JSON true/false.</summary>
    Boolean,
    /// <summary>JSON string, one of <see cref="ConfigProperty.Options"/>.</summary>
    Choice,
    /// <summary>JSON array of strings.</summary>
    TextList,
    /// <summary>JSON object locale to text, e.g. <c>{"en":"Hello"}</c>.</summary>
    LocalizedText,
    /// <summary>JSON string naming another journey (Inner Tree Evaluator).</summary>
    JourneyReference,
    /// <summary>JSON string holding a JSON document (e.g. authenticator policies); empty is allowed.</summary>
    JsonText,
}

/// <summary>One allowed value of a choice property.</summary>
public sealed record ChoiceOption(string Value, string Label);

/// <summary>
/// One configurable property of a node type: everything the property panel needs to render an editor
/// and everything validation needs to check a value.
/// </summary>
public sealed record ConfigProperty
{
    /// <summary>The AM property name, the key in the node's config object.</summary>
    public required string Name { get; init; }

    public required string Label { get; init; }

    public required ConfigValueKind Kind { get; init; }

    /// <summary>The value a new node gets. Null means the property is absent from a new node.</summary>
    public JsonElement? Default { get; init; }

    public string Help { get; init; } = "";

    /// <summary>A value must be present and, for text, non-blank.</summary>
    public bool Required { get; init; }

    /// <summary>Inclusive bounds for <see cref="ConfigValueKind.Integer"/>.</summary>
    public long? Minimum { get; init; }

    public long? Maximum { get; init; }

    /// <summary>Allowed values for <see cref="ConfigValueKind.Choice"/>.</summary>
    public IReadOnlyList<ChoiceOption> Options { get; init; } = [];

    /// <summary>Regular expression a non-empty text value must match (e.g. a hex colour).</summary>
    public string? Pattern { get; init; }

    /// <summary>Human description of <see cref="Pattern"/> for error messages ("a hex colour such as 032b75").</summary>
    public string? PatternDescription { get; init; }

    /// <summary>AM stores this integer as a JSON string (e.g. Device Profile Collector's <c>maximumSize</c>).</summary>
    public bool StoredAsString { get; init; }

    /// <summary>Show a multi-line editor for text.</summary>
    public bool Multiline { get; init; }
}
