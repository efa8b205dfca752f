using System.Collections;
using System.Collections.Immutable;
using System.Text.Json;

namespace JourneyStudio.Journeys.Model;

/// <summary>
/// The configuration of one node instance: property name to JSON value, exactly as AM stores it
/// (top-level fields of the node object), unknown properties included. Immutable; values are detached
/// <see cref="JsonElement"/>s. Processors never read it: they get the record their node type's descriptor binds
/// from it (<see cref="Catalog.NodeDescriptor{TConfig}.Bind"/>); the readers below serve generic editors such as the property panel.
/// </summary>
public sealed class NodeConfig : IReadOnlyDictionary<string, JsonElement>
{
    public static readonly NodeConfig Empty = new(ImmutableSortedDictionary<string, JsonElement>.Empty.WithComparers(StringComparer.Ordinal));

    private readonly ImmutableSortedDictionary<string, JsonElement> _values;

    private NodeConfig(ImmutableSortedDictionary<string, JsonElement> values) => _values = values;

    public static NodeConfig From(IEnumerable<KeyValuePair<string, JsonElement>> values) =>
        new(ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
            values.Select(kv => KeyValuePair.Create(kv.Key, kv.Value.Clone()))));

    /// <summary>Builds a config from plain values (strings, numbers, bools, lists, dictionaries) or JsonElements.</summary>
    public static NodeConfig FromObject(IEnumerable<KeyValuePair<string, object?>> values) =>
        From(values.Select(kv => KeyValuePair.Create(kv.Key, ToElement(kv.Value))));

    public static JsonElement ToElement(object? value) =>
        value is JsonElement element ? element.Clone() : JsonSerializer.SerializeToElement(value);

    public NodeConfig With(string name, object? value) => new(_values.SetItem(name, ToElement(value)));

    public NodeConfig Without(string name) => new(_values.Remove(name));

    public JsonElement? Get(string name) => _values.TryGetValue(name, out var v) ? v : null;

    public string? GetString(string name) =>
        Get(name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    public bool? GetBoolean(string name) => Get(name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { ValueKind: JsonValueKind.String } s when bool.TryParse(s.GetString(), out var b) => b,
        _ => null,
    };

    /// <summary>Reads a localized message map (locale to text), e.g. <c>{"en":"Hello"}</c>.</summary>
    public IReadOnlyDictionary<string, string>? GetLocalized(string name) =>
        Get(name) is { ValueKind: JsonValueKind.Object } o && o.EnumerateObject().All(p => p.Value.ValueKind == JsonValueKind.String)
            ? o.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!)
            : null;

    /// <summary>Structural equality of two configs (same names, deeply equal JSON values).</summary>
    public bool ContentEquals(NodeConfig other) =>
        _values.Count == other._values.Count
        && _values.All(kv => other._values.TryGetValue(kv.Key, out var o) && JsonElement.DeepEquals(kv.Value, o));

    public int Count => _values.Count;
    public IEnumerable<string> Keys => _values.Keys;
    public IEnumerable<JsonElement> Values => _values.Values;
    public JsonElement this[string key] => _values[key];
    public bool ContainsKey(string key) => _values.ContainsKey(key);
    public bool TryGetValue(string key, out JsonElement value) => _values.TryGetValue(key, out value);
    public IEnumerator<KeyValuePair<string, JsonElement>> GetEnumerator() => _values.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => JsonSerializer.Serialize(_values);
}
