using System.Text.Json.Nodes;

namespace JourneyStudio.Runtime.Identities;

/// <summary>
/// IDM attribute paths (<c>mail</c>, <c>preferences/marketing</c>, <c>/termsAccepted/termsVersion</c>) over JSON objects:
/// a stored identity's attributes and a journey's <c>objectAttributes</c> are walked the same way.
/// </summary>
public static class AttributePath
{
    /// <summary>The path's names; leading, trailing and doubled slashes do not count.</summary>
    public static string[] Segments(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The value at <paramref name="path"/> below <paramref name="root"/>, or null when absent (or the path names no attribute).</summary>
    public static JsonNode? Read(JsonObject root, string path)
    {
        var segments = Segments(path);
        if (segments.Length == 0) return null;
        JsonNode? current = root;
        foreach (var segment in segments)
            if (current is not JsonObject container || !container.TryGetPropertyValue(segment, out current)) return null;
        return current;
    }

    /// <summary>Writes <paramref name="value"/> at <paramref name="path"/>, creating the objects on the way (<c>preferences.marketing</c>).</summary>
    public static void Write(JsonObject root, string path, JsonNode? value)
    {
        var segments = Segments(path);
        if (segments.Length == 0) throw new ArgumentException($"'{path}' names no attribute.", nameof(path));
        var container = root;
        foreach (var segment in segments[..^1])
        {
            if (container[segment] is not JsonObject next)
            {
                next = new JsonObject();
                container[segment] = next;
            }
            container = next;
        }
        container[segments[^1]] = value;
    }
}
