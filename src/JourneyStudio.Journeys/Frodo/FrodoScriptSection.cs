using System.Collections.Immutable;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using JourneyStudio.Journeys.Json;
using JourneyStudio.Journeys.Scripts;
using static JourneyStudio.Journeys.Frodo.FrodoFormat;

namespace JourneyStudio.Journeys.Frodo;

/// <summary>
/// The <c>scripts</c> section of a frodo journey export: an object mapping script ids to AM script resources. frodo
/// writes the script text JSON-encoded into a string, or (<c>--use-string-arrays</c>) as an array of lines; both are read,
/// and each script is written back in the form it came in.
/// </summary>
public static class FrodoScriptSection
{
    public const string SectionName = "scripts";

    private const string ScriptField = "script";
    private const string NameField = "name";
    private const string LanguageField = "language";
    private const string ContextField = "context";
    private const string EvaluatorVersionField = "evaluatorVersion";

    private static readonly JsonSerializerOptions TextOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Reads every script of a section; problems go to <paramref name="errors"/> with their JSON path.</summary>
    public static IReadOnlyList<ScriptDefinition> Read(JsonElement section, string path, ICollection<JourneyFormatError> errors)
    {
        if (section.ValueKind == JsonValueKind.Null) return [];
        if (section.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new JourneyFormatError(path, $"expected an object mapping script ids to scripts, found {Describe(section.ValueKind)}"));
            return [];
        }
        var scripts = new List<ScriptDefinition>();
        foreach (var entry in section.EnumerateObject())
            if (ReadOne(entry.Name, entry.Value, Key(path, entry.Name), errors) is { } script)
                scripts.Add(script);
        return scripts;
    }

    /// <summary>One script resource (a value of the section, or a body of the admin API); null when it has errors.</summary>
    public static ScriptDefinition? ReadOne(string? key, JsonElement value, string path, ICollection<JourneyFormatError> errors)
    {
        var before = errors.Count;
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new JourneyFormatError(path, $"expected a script object (_id, name, script, language, context), found {Describe(value.ValueKind)}"));
            return null;
        }

        string? Text(string field, bool required)
        {
            if (!value.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                if (required) errors.Add(new JourneyFormatError(Field(path, field), "missing: expected a non-empty string"));
                return null;
            }
            if (v.ValueKind == JsonValueKind.String && (!required || v.GetString()!.Length > 0)) return v.GetString();
            errors.Add(new JourneyFormatError(Field(path, field), $"expected a {(required ? "non-empty " : "")}string, found {Describe(v.ValueKind)}"));
            return null;
        }

        var id = Text(Id, required: key is null) ?? key;
        if (key is not null && id != key)
            errors.Add(new JourneyFormatError(Field(path, Id), $"'{id}' does not match the script's key '{key}'; expected the same id"));
        var name = Text(NameField, required: true);
        var language = Text(LanguageField, required: false) ?? ScriptDefinition.JavaScript;
        if (!ScriptDefinition.Languages.Contains(language))
            errors.Add(new JourneyFormatError(Field(path, LanguageField), $"expected {string.Join(" or ", ScriptDefinition.Languages)}, found '{language}'"));
        var context = Text(ContextField, required: false) ?? ScriptDefinition.DecisionNodeContext;
        var evaluator = Text(EvaluatorVersionField, required: false) ?? ScriptDefinition.LegacyEvaluator;
        if (!ScriptDefinition.EvaluatorVersions.Contains(evaluator))
            errors.Add(new JourneyFormatError(Field(path, EvaluatorVersionField), $"expected \"1.0\" or \"2.0\", found '{evaluator}'"));
        var (source, form) = ReadSource(value, Field(path, ScriptField), errors);

        var extra = ImmutableDictionary.CreateBuilder<string, JsonElement>(StringComparer.Ordinal);
        var description = "";
        foreach (var property in value.EnumerateObject())
        {
            if (property.Name is Id or NameField or LanguageField or ContextField or EvaluatorVersionField or ScriptField) continue;
            // A null description (AM allows it) is kept as it is rather than becoming "".
            if (property.Name == Description && property.Value.ValueKind == JsonValueKind.String) description = property.Value.GetString()!;
            else extra[property.Name] = property.Value.Clone();
        }

        if (errors.Count > before || id is null || name is null) return null;
        return new ScriptDefinition
        {
            Id = id, Name = name, Description = description, Language = language, Context = context,
            EvaluatorVersion = evaluator, Source = source, SourceForm = form, ExtraFields = extra.ToImmutable(),
        };
    }

    private static (string Source, ScriptSourceForm Form) ReadSource(JsonElement script, string path, ICollection<JourneyFormatError> errors)
    {
        if (!script.TryGetProperty(ScriptField, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new JourneyFormatError(path, "missing: expected the script text (a string, or an array of lines)"));
            return ("", ScriptSourceForm.Plain);
        }
        if (value.ValueKind == JsonValueKind.Array)
        {
            if (value.EnumerateArray().Any(l => l.ValueKind != JsonValueKind.String))
            {
                errors.Add(new JourneyFormatError(path, "expected an array of strings (one per line)"));
                return ("", ScriptSourceForm.Lines);
            }
            return (string.Join('\n', value.EnumerateArray().Select(l => l.GetString())), ScriptSourceForm.Lines);
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new JourneyFormatError(path, $"expected the script text as a string or an array of lines, found {Describe(value.ValueKind)}"));
            return ("", ScriptSourceForm.Plain);
        }
        var text = value.GetString()!;
        // frodo's default: JSON.stringify(text). A plain script that happens to be one string literal reads the same way
        // AM's own frodo import would read it.
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"' && StrictJson.TryParse(text, out var inner, out _))
            using (inner)
                if (inner.RootElement.ValueKind == JsonValueKind.String)
                    return (inner.RootElement.GetString()!, ScriptSourceForm.JsonString);
        return (text, ScriptSourceForm.Plain);
    }

    /// <summary>The section for these scripts, ids in order.</summary>
    public static JsonElement Write(IEnumerable<ScriptDefinition> scripts)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            foreach (var script in scripts.OrderBy(s => s.Id, StringComparer.Ordinal))
            {
                writer.WritePropertyName(script.Id);
                WriteOne(writer, script);
            }
            writer.WriteEndObject();
        }
        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    /// <summary>One script resource, fields in frodo's (alphabetical) order after <c>_id</c>.</summary>
    public static void WriteOne(Utf8JsonWriter writer, ScriptDefinition script)
    {
        var fields = new SortedDictionary<string, Action>(StringComparer.Ordinal)
        {
            [NameField] = () => writer.WriteString(NameField, script.Name),
            [LanguageField] = () => writer.WriteString(LanguageField, script.Language),
            [ContextField] = () => writer.WriteString(ContextField, script.Context),
            [EvaluatorVersionField] = () => writer.WriteString(EvaluatorVersionField, script.EvaluatorVersion),
            [ScriptField] = () => WriteSource(writer, script),
        };
        if (!script.ExtraFields.ContainsKey(Description)) fields[Description] = () => writer.WriteString(Description, script.Description);
        foreach (var (name, value) in script.ExtraFields)
            if (!fields.ContainsKey(name)) fields[name] = () => { writer.WritePropertyName(name); value.WriteTo(writer); };

        writer.WriteStartObject();
        writer.WriteString(Id, script.Id);
        foreach (var write in fields.Values) write();
        writer.WriteEndObject();
    }

    private static void WriteSource(Utf8JsonWriter writer, ScriptDefinition script)
    {
        switch (script.SourceForm)
        {
            case ScriptSourceForm.Lines:
                writer.WriteStartArray(ScriptField);
                foreach (var line in script.Source.Split('\n')) writer.WriteStringValue(line);
                writer.WriteEndArray();
                break;
            case ScriptSourceForm.JsonString:
                writer.WriteString(ScriptField, JsonSerializer.Serialize(script.Source, TextOptions));
                break;
            default:
                writer.WriteString(ScriptField, script.Source);
                break;
        }
    }

    /// <summary>One script as JSON text (what the store keeps per revision).</summary>
    public static string ToJson(ScriptDefinition script)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true }))
            WriteOne(writer, script);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads text written by <see cref="ToJson"/>.</summary>
    public static ScriptDefinition FromJson(string json)
    {
        if (!StrictJson.TryParse(json, out var document, out var problem)) throw new JourneyFormatException([FrodoJourneyReader.FormatError(problem)]);
        using (document)
        {
            var errors = new List<JourneyFormatError>();
            return ReadOne(null, document.RootElement, "$", errors) ?? throw new JourneyFormatException(errors);
        }
    }
}
