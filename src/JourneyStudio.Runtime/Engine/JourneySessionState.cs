using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using JourneyStudio.Runtime.Callbacks;

namespace JourneyStudio.Runtime.Engine;

public enum JourneySessionStatus
{
    InProgress,
    Succeeded,
    Failed,
}

/// <summary>One node the journey passed through and the outcome it took, for the designer's path highlight.</summary>
public sealed record VisitedNode(string JourneyName, string NodeId, string Outcome);

/// <summary>
/// A child journey an Inner Tree Evaluator is running, pinned to the revision it started on.
/// <see cref="HostNodeId"/> is the Inner Tree Evaluator node in the journey one level up.
/// </summary>
public sealed record InnerJourneyFrame
{
    public required string HostNodeId { get; init; }

    public required string JourneyName { get; init; }

    public required int Revision { get; init; }

    public required string CurrentNodeId { get; init; }

    /// <inheritdoc cref="JourneySessionState.PageCallbackOwners"/>
    public IReadOnlyList<int>? PageCallbackOwners { get; init; }
}

/// <summary>
/// Everything needed to continue a sign-on, and nothing secret: transient state (passwords, recovery codes)
/// never enters it in the clear (only encrypted, as <see cref="SecureState"/>, while a sign-on is suspended). The engine takes it and returns a new one; storing it is the caller's business.
/// </summary>
public sealed record JourneySessionState
{
    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public required string JourneyName { get; init; }

    /// <summary>The saved journey version this sign-on runs; later edits do not affect it.</summary>
    public required int Revision { get; init; }

    public required string Realm { get; init; }

    public JourneySessionStatus Status { get; init; } = JourneySessionStatus.InProgress;

    /// <summary>The top-level node waiting for input (a Page, an Inner Tree Evaluator or a plain node).</summary>
    public string CurrentNodeId { get; init; } = "";

    /// <summary>
    /// When <see cref="CurrentNodeId"/> is a Page node: for each callback index of the sent step, the index
    /// of the page child that owns it (AM's <c>pageNodeCallbacks</c>). Null otherwise.
    /// </summary>
    public IReadOnlyList<int>? PageCallbackOwners { get; init; }

    /// <summary>Child journeys being run by Inner Tree Evaluators, outermost first.</summary>
    public IReadOnlyList<InnerJourneyFrame> InnerJourneys { get; init; } = [];

    /// <summary>State that survives steps (AM's shared state): <c>username</c>, <c>realm</c>, node bookkeeping.</summary>
    public JsonObject SharedState { get; init; } = new();

    /// <summary>The callbacks of the step last sent; a submission is matched against them.</summary>
    public IReadOnlyList<Callback> PendingCallbacks { get; init; } = [];

    public IReadOnlyList<VisitedNode> VisitedPath { get; init; } = [];

    /// <summary>Authentication methods completed so far, e.g. <c>AuthenticatorPush</c>.</summary>
    public IReadOnlyList<string> AuthTypes { get; init; } = [];

    /// <summary>Properties nodes put for the session this sign-on creates (AM's <c>putSessionProperty</c>).</summary>
    public IReadOnlyDictionary<string, string> SessionProperties { get; init; } = new Dictionary<string, string>();

    /// <summary>The last error message a node's action set (AM's <c>withErrorMessage</c>), told to the client if the sign-on fails.</summary>
    public string? ErrorMessage { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>
    /// Set while the sign-on is suspended (Email Suspend): it waits for its resume link until then, and its step cannot be
    /// answered with the authId. Null otherwise.
    /// </summary>
    public DateTimeOffset? SuspendedUntil { get; init; }

    /// <summary>
    /// While the sign-on is suspended: its transient state, encrypted (<see cref="SecureStateProtector"/>), restored for the
    /// request the resume link makes. Null otherwise.
    /// </summary>
    public string? SecureState { get; init; }

    /// <summary>Why a failed sign-on failed (the engine's reason, e.g. a script's name, line and error); null otherwise.</summary>
    public string? FailureReason { get; init; }

    /// <summary>A deep copy, so that the engine never changes the caller's instance.</summary>
    public JourneySessionState DeepClone() => this with { SharedState = (JsonObject)SharedState.DeepClone() };

    public string ToJson() => JsonSerializer.Serialize(this, SerializerOptions);

    public static JourneySessionState FromJson(string json) =>
        JsonSerializer.Deserialize<JourneySessionState>(json, SerializerOptions)
        ?? throw new JsonException("A journey session state cannot be null.");
}
