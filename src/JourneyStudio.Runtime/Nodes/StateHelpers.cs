using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace JourneyStudio.Runtime.Nodes;

internal static class StateHelpers
{
    /// <summary>The JSON object under <paramref name="key"/>, created (or replacing a non-object) when needed.</summary>
    public static JsonObject GetOrCreateObject(this JsonObject state, string key)
    {
        if (state[key] is JsonObject existing) return existing;
        var created = new JsonObject();
        state[key] = created;
        return created;
    }

    /// <summary>
    /// A whole number stored under <paramref name="key"/>; null when absent or not a whole number. Reads the JSON
    /// text because a value may be a boxed int (written this request) or a JsonElement (read from the session).
    /// </summary>
    public static long? GetInt64(this JsonObject state, string key) =>
        state[key] is JsonValue value && value.GetValueKind() == JsonValueKind.Number
        && long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
}
