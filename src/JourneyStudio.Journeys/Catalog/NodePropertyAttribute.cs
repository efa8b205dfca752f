namespace JourneyStudio.Journeys.Catalog;

/// <summary>
/// Marks a property of a node config record as one AM config property (AM's <c>@Attribute</c> on a Config method).
/// The property's initializer is the default a new node gets; its CLR type gives the editor and the stored shape:
/// <c>string</c> text, <c>bool</c>, <c>int</c>/<c>long</c>/<c>decimal</c> whole number, an enum whose members carry
/// <see cref="ChoiceValueAttribute"/> a choice, <c>IReadOnlyList&lt;string&gt;</c> a text list, <see cref="LocalizedText"/>
/// a locale map. A nullable property whose initializer is null is absent from a new node.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class NodePropertyAttribute(string name, string label) : Attribute
{
    /// <summary>The AM property name, the key in the stored config object, e.g. <c>secondsToWait</c>.</summary>
    public string Name { get; } = name;

    public string Label { get; } = label;

    /// <summary>One or two sentences for the property panel. A locale map's help gets the locale hint and its fallback appended.</summary>
    public string Help { get; set; } = "";

    /// <summary>A value must be present and, for text, non-blank.</summary>
    public bool Required { get; set; }

    /// <summary>Inclusive lower bound of a whole number; <see cref="long.MinValue"/> means none.</summary>
    public long Minimum { get; set; } = long.MinValue;

    /// <summary>Inclusive upper bound of a whole number; <see cref="long.MaxValue"/> means none.</summary>
    public long Maximum { get; set; } = long.MaxValue;

    /// <summary>Regular expression a non-empty text value must match.</summary>
    public string? Pattern { get; set; }

    /// <summary>What <see cref="Pattern"/> means, for the error message ("an http:// or https:// URL").</summary>
    public string? PatternDescription { get; set; }

    /// <summary>AM stores this number as a JSON string (Device Profile Collector's <c>maximumSize</c>).</summary>
    public bool StoredAsString { get; set; }

    /// <summary>Show a multi-line editor for text.</summary>
    public bool Multiline { get; set; }

    /// <summary>
    /// For a <c>string</c> property: <see cref="ConfigValueKind.JourneyReference"/> or <see cref="ConfigValueKind.JsonText"/>
    /// instead of plain text. Left unset, the kind follows the CLR type.
    /// </summary>
    public ConfigValueKind Kind { get; set; } = InferredKind;

    internal const ConfigValueKind InferredKind = (ConfigValueKind)(-1);
}

/// <summary>
/// Marks a property of a config record whose type is itself a record of <see cref="NodePropertyAttribute"/> properties,
/// shared by several node types (AM's common config interfaces, e.g. the MFA registration settings). Its properties are
/// stored flat in the node's config, at this property's place in the order.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class NodePropertyGroupAttribute : Attribute;

/// <summary>The stored value and display label of one member of a choice enum, e.g. <c>[ChoiceValue("HMAC_SHA1", "HMAC-SHA1")]</c>.</summary>
[AttributeUsage(AttributeTargets.Field, Inherited = false)]
public sealed class ChoiceValueAttribute(string value, string label) : Attribute
{
    public string Value { get; } = value;

    public string Label { get; } = label;
}
