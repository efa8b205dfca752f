using System.Text.Json;
using System.Text.RegularExpressions;
using JourneyStudio.Journeys.Json;
using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Catalog;

/// <summary>
/// Everything the studio knows about one node type except how it runs: identity, palette placement, config schema with
/// defaults and validation, and the outcomes (which may depend on the config). This untyped face is what the designer,
/// validation, import/export and the engine see; a node type is written as a <see cref="NodeDescriptor{TConfig}"/> (the
/// only subclass), whose config record is the one place of the node's property names, defaults, allowed values and rules.
/// The runtime pairs it with one processor of the same <see cref="TypeId"/> that receives the bound record.
/// </summary>
public abstract class NodeDescriptor
{
    private protected NodeDescriptor()
    {
    }

    /// <summary>AM <c>nodeType</c> (the Java class simple name), e.g. <c>PushWaitNode</c>.</summary>
    public abstract string TypeId { get; }

    public abstract string DisplayName { get; }

    public abstract string Category { get; }

    public virtual string Description => "";

    /// <summary>The config properties in display order, generated from the config record.</summary>
    public abstract IReadOnlyList<ConfigProperty> Properties { get; }

    /// <summary>True for nodes that only collect input and may be placed inside a Page node.</summary>
    public virtual bool CanBeOnPage => false;

    /// <summary>The config record type the processor receives.</summary>
    public abstract Type ConfigType { get; }

    /// <summary>The stored config bound to a <see cref="ConfigType"/> record (the same instance for the same config).</summary>
    public abstract object BindConfig(NodeConfig config);

    /// <summary>The outcomes for this stored config, in display order.</summary>
    public abstract IReadOnlyList<NodeOutcome> GetOutcomes(NodeConfig config);

    public ConfigProperty? FindProperty(string name) => Properties.FirstOrDefault(p => p.Name == name);

    /// <summary>A config holding every property's default, for a node just dropped on the canvas.</summary>
    public NodeConfig CreateDefaultConfig() => WithDefaults(NodeConfig.Empty);

    /// <summary>The config with defaults filled in for absent properties; present values are untouched.</summary>
    public NodeConfig WithDefaults(NodeConfig config)
    {
        var result = config;
        foreach (var p in Properties)
            if (p.Default is { } d && !config.ContainsKey(p.Name))
                result = result.With(p.Name, d);
        return result;
    }

    /// <summary>Every problem of the config: each property checked against its schema, then the type's cross-property rules.</summary>
    public IReadOnlyList<ConfigProblem> ValidateConfig(NodeConfig config)
    {
        var problems = new List<ConfigProblem>();
        foreach (var p in Properties)
        {
            var message = CheckValue(p, config.Get(p.Name));
            if (message is not null) problems.Add(new ConfigProblem(p.Name, message));
        }
        problems.AddRange(ValidateRules(config));
        return problems;
    }

    /// <summary>Cross-property rules, on the bound record (see <see cref="NodeDescriptor{TConfig}.ValidateRules(TConfig)"/>).</summary>
    private protected abstract IEnumerable<ConfigProblem> ValidateRules(NodeConfig config);

    /// <summary>Checks one value against its property; null when it is fine.</summary>
    public static string? CheckValue(ConfigProperty p, JsonElement? value)
    {
        if (value is null || value.Value.ValueKind == JsonValueKind.Null)
            return p.Required ? $"{p.Label} is required." : null;
        var v = value.Value;
        switch (p.Kind)
        {
            case ConfigValueKind.Text or ConfigValueKind.JourneyReference:
                if (v.ValueKind != JsonValueKind.String) return $"{p.Label} must be text.";
                var text = v.GetString()!;
                if (p.Required && string.IsNullOrWhiteSpace(text)) return $"{p.Label} is required.";
                if (p.Pattern is not null && text.Length > 0 && !Regex.IsMatch(text, p.Pattern))
                    return $"{p.Label} must be {p.PatternDescription ?? $"text matching {p.Pattern}"}.";
                return null;
            case ConfigValueKind.JsonText:
                if (v.ValueKind != JsonValueKind.String) return $"{p.Label} must be text holding JSON.";
                var json = v.GetString()!;
                if (string.IsNullOrWhiteSpace(json)) return p.Required ? $"{p.Label} is required." : null;
                if (!StrictJson.TryParse(json, out var parsed, out var jsonProblem)) return $"{p.Label} is not valid JSON: {jsonProblem}";
                parsed.Dispose();
                return null;
            case ConfigValueKind.Integer:
                long number;
                if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out number)) { }
                else if (v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), out number)) { }
                else return $"{p.Label} must be a whole number.";
                if (p.Minimum is { } min && number < min) return $"{p.Label} must be at least {min}.";
                if (p.Maximum is { } max && number > max) return $"{p.Label} must be at most {max}.";
                return null;
            case ConfigValueKind.Boolean:
                return v.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : $"{p.Label} must be true or false.";
            case ConfigValueKind.Choice:
                if (v.ValueKind != JsonValueKind.String) return $"{p.Label} must be one of {string.Join(", ", p.Options.Select(o => o.Value))}.";
                var choice = v.GetString();
                return p.Options.Any(o => o.Value == choice)
                    ? null
                    : $"{p.Label} must be one of {string.Join(", ", p.Options.Select(o => o.Value))}, not '{choice}'.";
            case ConfigValueKind.TextList:
                if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                    return $"{p.Label} must be a list of text values.";
                return p.Required && v.GetArrayLength() == 0 ? $"{p.Label} needs at least one value." : null;
            case ConfigValueKind.LocalizedText:
                if (v.ValueKind != JsonValueKind.Object || v.EnumerateObject().Any(e => e.Value.ValueKind != JsonValueKind.String))
                    return $"{p.Label} must map locales to text, e.g. {{\"en\":\"...\"}}.";
                foreach (var entry in v.EnumerateObject())
                    if (!IsLocale(entry.Name)) return $"{p.Label} has an invalid locale '{entry.Name}' (use e.g. en or en-gb).";
                return p.Required && !v.EnumerateObject().Any() ? $"{p.Label} needs at least one locale." : null;
            default:
                return null;
        }
    }

    // AM rejects locales Java does not know; a language tag shape is the check that needs no locale table.
    private static bool IsLocale(string tag) => Regex.IsMatch(tag, "^[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{2,8})*$");
}
