using System.Text.Json;
using JourneyStudio.Journeys.Model;

namespace JourneyStudio.Journeys.Scripts;

/// <summary>Which scripts a journey's nodes name: every node config property <c>script</c> holding an id (Scripted Decision, social provider nodes, …).</summary>
public static class ScriptReferences
{
    public const string ScriptProperty = "script";

    public static IReadOnlyList<string> Of(Journey journey) =>
        journey.AllNodes()
            .Select(n => n.Config.Get(ScriptProperty))
            .Where(v => v is { ValueKind: JsonValueKind.String })
            .Select(v => v!.Value.GetString()!)
            .Where(id => id.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
