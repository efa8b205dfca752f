using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyStudio.Runtime.Callbacks;

namespace JourneyStudio.Runtime.Engine;

/// <summary>
/// What one request of a sign-on did, for the designer's run debugger: the answers it got, the nodes that ran and the
/// outcomes they took, the shared-state keys that changed, what it sent next and how long it took. Built by the engine
/// from what it already has; secrets never enter it (answers to secret callbacks and secret outputs are redacted by
/// the callback's kind, see <see cref="Callback.CarriesSecret"/> and <see cref="Callback.OutputsAreSecret"/>).
/// </summary>
public sealed record StepTrace
{
    public DateTimeOffset At { get; init; }

    /// <summary>Time the engine spent on this request, in milliseconds.</summary>
    public double DurationMs { get; init; }

    /// <summary>The answers the client submitted (empty for the first request).</summary>
    public IReadOnlyList<TracedCallback> Answers { get; init; } = [];

    /// <summary>Nodes that took an outcome in this request, in order (page children before their page).</summary>
    public IReadOnlyList<TracedOutcome> Outcomes { get; init; } = [];

    public IReadOnlyList<SharedStateChange> SharedStateChanges { get; init; } = [];

    /// <summary>The node that sent the next step (journey name and node id); null when the run ended.</summary>
    public TracedNodeRef? WaitingAt { get; init; }

    /// <summary>The callbacks sent to the client at the end of this request.</summary>
    public IReadOnlyList<TracedCallback> Sent { get; init; } = [];

    public JourneySessionStatus Status { get; init; }

    public string? FailureReason { get; init; }

    /// <summary>What one trace keeps of a value: enough to recognise it, never a long blob.</summary>
    public const int MaxValueLength = 60;

    /// <summary>The most callbacks, outcomes or shared-state changes one step keeps (the rest are counted in <see cref="Truncated"/>).</summary>
    public const int MaxItems = 40;

    /// <summary>The most steps a run's trace keeps; later steps are not traced (the path still is).</summary>
    public const int MaxSteps = 60;

    /// <summary>Items left out of this step because of <see cref="MaxItems"/>.</summary>
    public int Truncated { get; init; }

    public const string Redacted = "(redacted)";

    public static TracedCallback Describe(Callback callback, bool answer)
    {
        var prompt = callback.GetOutputString("prompt") ?? callback.GetOutputString("message") ?? callback.GetOutputString("id");
        if (callback.OutputsAreSecret) prompt = prompt is null ? null : Redacted;
        string? value = null;
        if (answer && callback.Inputs.Count > 0)
            value = callback.CarriesSecret ? Redacted : Short(string.Join(", ", callback.Inputs.Select(i => Text(i.Value))));
        else if (!answer && callback.OutputsAreSecret)
            value = Redacted;
        return new TracedCallback(callback.Type, prompt is null ? null : Short(prompt), value);
    }

    /// <summary>The keys whose values differ between <paramref name="before"/> and <paramref name="after"/>, with short new values.</summary>
    public static IReadOnlyList<SharedStateChange> Changes(JsonObject before, JsonObject after)
    {
        var changes = new List<SharedStateChange>();
        foreach (var (key, value) in after)
            if (!before.TryGetPropertyValue(key, out var old) || !JsonNode.DeepEquals(old, value))
                changes.Add(new SharedStateChange(key, Short(Text(value)), false));
        foreach (var (key, _) in before)
            if (!after.ContainsKey(key))
                changes.Add(new SharedStateChange(key, null, true));
        return changes;
    }

    public static string Short(string text) => text.Length <= MaxValueLength ? text : text[..(MaxValueLength - 1)] + "…";

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private static string Text(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject o => $"{{{o.Count} key(s)}}",
        JsonArray a => $"[{a.Count} item(s)]",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => value.ToJsonString(),
    };
}

/// <summary>A callback as the trace shows it: its type, prompt and the (redacted) answer or secret output.</summary>
public sealed record TracedCallback(string Type, string? Prompt, string? Value);

/// <summary>An outcome a node took; <see cref="Unwired"/> when the outcome had no link (the sign-on failed there).</summary>
public sealed record TracedOutcome(string JourneyName, string NodeId, string Outcome, bool Unwired = false);

public sealed record TracedNodeRef(string JourneyName, string NodeId);

/// <summary>A shared-state key set (with its new value, shortened) or removed in a step.</summary>
public sealed record SharedStateChange(string Key, string? Value, bool Removed);
