using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using JourneyStudio.Journeys.Json;

namespace JourneyStudio.Runtime.Callbacks;

/// <summary>
/// Writes a step in AM's <c>authenticate</c> response shape and reads a submitted step back against the
/// callbacks that were sent.
/// </summary>
public static class StepSerializer
{
    // AM (Jackson) does not escape <, >, & or ' inside strings; the relaxed encoder keeps script callbacks
    // readable and equal to AM's bytes. Safe here because the step is served as application/json, never inlined in HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The name of input <paramref name="inputIndex"/> of the callback at <paramref name="callbackIndex"/> (0-based): <c>IDToken{callbackIndex+1}{suffix}</c>.</summary>
    public static string InputName(int callbackIndex, CallbackInput input) =>
        "IDToken" + (callbackIndex + 1).ToString(CultureInfo.InvariantCulture) + input.NameSuffix;

    /// <summary>
    /// The step JSON: <c>{"authId","callbacks":[{"type","output","input"?,"_id"}],"header"?,"description"?,"stage"?}</c>.
    /// Inputs are numbered <c>IDToken{n}</c> with n = callback position + 1 across the whole step, so a text
    /// callback without input still uses up its number (AM's QR step: IDToken3 on the third callback).
    /// Callbacks without inputs get no <c>input</c> field, header/description/stage only when non-empty.
    /// </summary>
    public static string Serialize(string authId, IReadOnlyList<Callback> callbacks, string? header = null, string? description = null, string? stage = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            Write(writer, authId, callbacks, header, description, stage);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static void Write(Utf8JsonWriter writer, string authId, IReadOnlyList<Callback> callbacks, string? header = null, string? description = null, string? stage = null)
    {
        writer.WriteStartObject();
        writer.WriteString("authId", authId);
        writer.WriteStartArray("callbacks");
        for (var i = 0; i < callbacks.Count; i++)
        {
            var callback = callbacks[i];
            writer.WriteStartObject();
            writer.WriteString("type", callback.Type);
            writer.WriteStartArray("output");
            foreach (var output in callback.Outputs)
            {
                writer.WriteStartObject();
                writer.WriteString("name", output.Name);
                writer.WritePropertyName("value");
                output.Value.WriteTo(writer);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            if (callback.Inputs.Count > 0)
            {
                writer.WriteStartArray("input");
                foreach (var input in callback.Inputs)
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", InputName(i, input));
                    writer.WritePropertyName("value");
                    input.Value.WriteTo(writer);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
            }
            writer.WriteNumber("_id", i);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        if (!string.IsNullOrEmpty(header)) writer.WriteString("header", header);
        if (!string.IsNullOrEmpty(description)) writer.WriteString("description", description);
        if (!string.IsNullOrEmpty(stage)) writer.WriteString("stage", stage);
        writer.WriteEndObject();
    }

    /// <summary>Reads <c>authId</c> from a submitted body; null when the body is not a JSON object or has no string authId.</summary>
    public static string? ReadAuthId(string json)
    {
        if (!StrictJson.TryParse(json, out var document, out _)) return null;
        using (document)
            return ReadAuthId(document.RootElement);
    }

    public static string? ReadAuthId(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("authId", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;

    public static StepParseResult Parse(string json, IReadOnlyList<Callback> sent)
    {
        if (!StrictJson.TryParse(json, out var document, out var problem))
            return StepParseResult.Failure(StepParseErrorCode.InvalidJson, $"The request body is not valid JSON at {problem}.");
        using (document)
            return Parse(document.RootElement, sent);
    }

    /// <summary>
    /// Matches a submitted step (read by <see cref="StrictJson"/>, so its strings can be read safely) to the <paramref name="sent"/> callbacks: callbacks by position (same count,
    /// same type at each index), inputs by their <c>IDToken</c> name, values by JSON type. Only input values are
    /// taken from the client; outputs always come from what was sent, so a client cannot alter e.g. a hidden value.
    /// </summary>
    public static StepParseResult Parse(JsonElement body, IReadOnlyList<Callback> sent)
    {
        if (body.ValueKind != JsonValueKind.Object)
            return StepParseResult.Failure(StepParseErrorCode.InvalidJson, "The request body must be a JSON object.");
        if (!body.TryGetProperty("callbacks", out var submitted) || submitted.ValueKind != JsonValueKind.Array)
            return StepParseResult.Failure(StepParseErrorCode.MissingCallbacks,
                $"The request has no callbacks array; send back the step with its {sent.Count} callback(s).");
        var count = submitted.GetArrayLength();
        if (count != sent.Count)
            return StepParseResult.Failure(StepParseErrorCode.WrongCallbackCount,
                $"Expected {sent.Count} callback(s) but got {count}.");

        var result = new Callback[sent.Count];
        var index = 0;
        foreach (var element in submitted.EnumerateArray())
        {
            var expected = sent[index];
            var type = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
                ? t.GetString()
                : null;
            if (type != expected.Type)
                return StepParseResult.Failure(StepParseErrorCode.WrongCallbackType,
                    $"Callback {index} must be a {expected.Type}, not {(type is null ? "a callback without a type" : $"a {type}")}.", index);

            var callback = expected;
            for (var j = 0; j < expected.Inputs.Count; j++)
            {
                var name = InputName(index, expected.Inputs[j]);
                if (FindInput(element, name) is not { } value)
                    return StepParseResult.Failure(StepParseErrorCode.MissingInput,
                        $"Callback {index} ({expected.Type}) is missing input {name}.", index, name);
                var expectedKind = Describe(expected.Inputs[j].Value);
                var actualKind = Describe(value);
                if (expectedKind != actualKind && !(expected.Inputs[j].AnyNumber && value.ValueKind == JsonValueKind.Number))
                    return StepParseResult.Failure(StepParseErrorCode.WrongInputType,
                        $"Input {name} of callback {index} ({expected.Type}) must be {expectedKind}, not {actualKind}.", index, name);
                callback = callback.WithInputValue(j, value);
            }
            result[index] = callback;
            index++;
        }
        return StepParseResult.Success(result);
    }

    private static JsonElement? FindInput(JsonElement callback, string name)
    {
        if (!callback.TryGetProperty("input", out var inputs) || inputs.ValueKind != JsonValueKind.Array) return null;
        foreach (var input in inputs.EnumerateArray())
            if (input.ValueKind == JsonValueKind.Object
                && input.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String && n.GetString() == name
                && input.TryGetProperty("value", out var value))
                return value;
        return null;
    }

    // The JSON type a value must keep. Integers are told apart from other numbers because the index inputs
    // (ConfirmationCallback, ChoiceCallback) are read as ints.
    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => value.TryGetInt64(out _) ? "a whole number" : "a fractional number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.Null => "null",
        _ => "undefined",
    };
}
