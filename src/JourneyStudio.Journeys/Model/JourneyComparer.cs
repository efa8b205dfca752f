using System.Globalization;
using System.Text.Json;

namespace JourneyStudio.Journeys.Model;

/// <summary>
/// Compares two journeys field by field and says, in words, what differs. Round-trip and persistence
/// checks use it: an empty list means the journeys are the same.
/// </summary>
/// <remarks>
/// The order of top-level nodes is not compared (it is layout-neutral document order); the order of a Page
/// node's children is (it is the order of the fields on the page).
/// </remarks>
public static class JourneyComparer
{
    public static IReadOnlyList<string> Differences(Journey a, Journey b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var differences = new List<string>();
        void Check(string what, object? left, object? right) => AddIfDifferent(differences, what, left, right);

        Check("name", a.Name, b.Name);
        Check("description", a.Description, b.Description);
        CompareSettings(a.Settings, b.Settings, Check);
        if (!a.Settings.Categories.SequenceEqual(b.Settings.Categories))
            differences.Add($"settings.categories: [{string.Join(", ", a.Settings.Categories.Select(Show))}] vs [{string.Join(", ", b.Settings.Categories.Select(Show))}]");
        Check("entry node", a.EntryNodeId, b.EntryNodeId);
        Check("start position", a.StartPosition, b.StartPosition);
        Check("success position", a.SuccessPosition, b.SuccessPosition);
        Check("failure position", a.FailurePosition, b.FailurePosition);

        var right = b.Nodes.GroupBy(n => n.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var node in a.Nodes)
        {
            if (right.TryGetValue(node.Id, out var other)) CompareNode($"node '{node.Id}'", node, other, topLevel: true, differences);
            else differences.Add($"node '{node.Id}' ({node.NodeType} \"{node.DisplayName}\") is only in the first journey");
        }
        var leftIds = a.Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var node in b.Nodes.Where(n => !leftIds.Contains(n.Id)))
            differences.Add($"node '{node.Id}' ({node.NodeType} \"{node.DisplayName}\") is only in the second journey");
        if (a.Nodes.Count != leftIds.Count || b.Nodes.Count != right.Count)
            Check("number of top-level nodes (ids repeat)", a.Nodes.Count, b.Nodes.Count);

        CompareJsonMaps("extra tree field", a.ExtraTreeFields, b.ExtraTreeFields, differences);
        CompareJsonMaps("export section", a.ExtraExportSections, b.ExtraExportSections, differences);
        return differences;
    }

    private static void CompareSettings(JourneySettings a, JourneySettings b, Action<string, object?, object?> check)
    {
        check("settings.identityResource", a.IdentityResource, b.IdentityResource);
        check("settings.enabled", a.Enabled, b.Enabled);
        check("settings.realmDefault", a.IsRealmDefault, b.IsRealmDefault);
        check("settings.themeOverride", a.ThemeOverride, b.ThemeOverride);
        check("settings.innerTreeOnly", a.InnerTreeOnly, b.InnerTreeOnly);
        check("settings.maximumSessionDuration", a.MaximumSessionDurationMinutes, b.MaximumSessionDurationMinutes);
        check("settings.noSession", a.NoSession, b.NoSession);
        check("settings.mustRun", a.MustRun, b.MustRun);
    }

    private static void CompareNode(string label, JourneyNode a, JourneyNode b, bool topLevel, List<string> differences)
    {
        void Check(string what, object? left, object? right) => AddIfDifferent(differences, $"{label} {what}", left, right);

        Check("type", a.NodeType, b.NodeType);
        Check("display name", a.DisplayName, b.DisplayName);
        Check("node version", a.NodeVersion, b.NodeVersion);
        if (topLevel) Check("position", a.Position, b.Position);

        if (!a.Config.ContentEquals(b.Config))
        {
            foreach (var name in a.Config.Keys.Union(b.Config.Keys).Order(StringComparer.Ordinal))
            {
                var left = a.Config.Get(name);
                var right = b.Config.Get(name);
                if (left is { } l && right is { } r && JsonElement.DeepEquals(l, r)) continue;
                differences.Add($"{label} config '{name}': {ShowJson(left)} vs {ShowJson(right)}");
            }
        }

        foreach (var outcome in a.Connections.Keys.Union(b.Connections.Keys).Order(StringComparer.Ordinal))
        {
            var left = a.Connections.GetValueOrDefault(outcome);
            var right = b.Connections.GetValueOrDefault(outcome);
            if (left != right)
                differences.Add($"{label} connection '{outcome}': {(left is null ? "(none)" : Show(left))} vs {(right is null ? "(none)" : Show(right))}");
        }

        var leftChildren = a.Children.Select(c => c.Id).ToList();
        var rightChildren = b.Children.Select(c => c.Id).ToList();
        if (!leftChildren.SequenceEqual(rightChildren))
        {
            differences.Add($"{label} children: [{string.Join(", ", leftChildren)}] vs [{string.Join(", ", rightChildren)}]");
            return;
        }
        for (var i = 0; i < a.Children.Count; i++)
            CompareNode($"{label} child '{a.Children[i].Id}'", a.Children[i], b.Children[i], topLevel: false, differences);
    }

    private static void AddIfDifferent(List<string> differences, string what, object? left, object? right)
    {
        if (!Equals(left, right)) differences.Add($"{what}: {Show(left)} vs {Show(right)}");
    }

    private static void CompareJsonMaps(string what, IReadOnlyDictionary<string, JsonElement> a, IReadOnlyDictionary<string, JsonElement> b, List<string> differences)
    {
        foreach (var name in a.Keys.Union(b.Keys).Order(StringComparer.Ordinal))
        {
            JsonElement? left = a.TryGetValue(name, out var l) ? l : null;
            JsonElement? right = b.TryGetValue(name, out var r) ? r : null;
            if (left is { } x && right is { } y && JsonElement.DeepEquals(x, y)) continue;
            differences.Add($"{what} '{name}': {ShowJson(left)} vs {ShowJson(right)}");
        }
    }

    private static string Show(object? value) => value switch
    {
        null => "(none)",
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        NodePosition p => string.Create(CultureInfo.InvariantCulture, $"({p.X}, {p.Y})"),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string ShowJson(JsonElement? value)
    {
        if (value is not { } element) return "(absent)";
        var text = element.GetRawText();
        return text.Length <= 120 ? text : text[..117] + "...";
    }
}
