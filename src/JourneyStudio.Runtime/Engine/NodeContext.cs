using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Model;
using JourneyStudio.Runtime.Callbacks;

namespace JourneyStudio.Runtime.Engine;

/// <summary>
/// Everything a processor may read or change while deciding one node, besides its config record (a parameter of
/// <see cref="INodeProcessor{TConfig}.ProcessAsync"/>) and its dependencies (its constructor's). State objects are live:
/// writes to <see cref="SharedState"/> survive the step, writes to <see cref="TransientState"/> last only for this request.
/// </summary>
public sealed class NodeContext
{
    private readonly ICollection<string> _authTypes;
    private readonly IDictionary<string, string> _sessionProperties;

    internal NodeContext(ICollection<string> authTypes, IDictionary<string, string>? sessionProperties = null)
    {
        _authTypes = authTypes;
        _sessionProperties = sessionProperties ?? new Dictionary<string, string>(StringComparer.Ordinal);
    }

    /// <summary>
    /// A context for running a processor outside the engine (processor tests, tools), realm <c>root</c>;
    /// auth types go to <paramref name="authTypes"/>.
    /// </summary>
    public static NodeContext Create(
        JourneyNode node,
        IReadOnlyList<Callback>? callbacks = null,
        JsonObject? sharedState = null,
        JsonObject? transientState = null,
        ICollection<string>? authTypes = null,
        JourneyRequestInfo? request = null,
        TimeProvider? time = null,
        IDictionary<string, string>? sessionProperties = null) =>
        new(authTypes ?? new List<string>(), sessionProperties)
        {
            Node = node,
            JourneyName = "",
            Realm = "root",
            Callbacks = callbacks,
            SharedState = sharedState ?? new JsonObject(),
            TransientState = transientState ?? new JsonObject(),
            Request = request ?? JourneyRequestInfo.Empty,
            Time = time ?? TimeProvider.System,
        };

    /// <summary>The node instance (its id, type and display name; its config comes bound, as a parameter).</summary>
    public required JourneyNode Node { get; init; }

    /// <summary>The journey the node belongs to (the child journey inside an Inner Tree Evaluator).</summary>
    public required string JourneyName { get; init; }

    /// <summary>The realm name, e.g. <c>alpha</c>.</summary>
    public required string Realm { get; init; }

    /// <summary>State that survives steps and is stored with the session (AM's shared state).</summary>
    public required JsonObject SharedState { get; init; }

    /// <summary>State for this request only, never stored: passwords, recovery codes (AM's transient state).</summary>
    public required JsonObject TransientState { get; init; }

    /// <summary>The callbacks this node sent, with the client's input values; null on the first pass.</summary>
    public IReadOnlyList<Callback>? Callbacks { get; init; }

    public required JourneyRequestInfo Request { get; init; }

    public required TimeProvider Time { get; init; }

    public CancellationToken CancellationToken { get; init; }

    /// <summary>The step's claim (see <see cref="IOptimisticNodeProcessor"/>); held already when the node runs outside a session.</summary>
    public IStepClaim StepClaim { get; init; } = HeldStepClaim.Instance;

    /// <summary>
    /// For an <see cref="IOptimisticNodeProcessor"/>: claims the step before a change outside the session's state. Throws
    /// <see cref="StepClaimLostException"/> when another submission of the same step claimed it first.
    /// </summary>
    public async ValueTask ClaimStepAsync()
    {
        if (!await StepClaim.ClaimAsync(CancellationToken)) throw new StepClaimLostException();
    }

    /// <summary>
    /// True when this node suspended the sign-on and its resume link was just opened (AM's hasResumedFromSuspend): only the
    /// node that receives the step's callbacks, and only on a resume, never on a submission with the authId.
    /// </summary>
    public bool ResumedFromSuspend => Callbacks is not null && Request.ResumedFromSuspend;

    /// <summary>Shared state <c>username</c>, when a node has collected one.</summary>
    public string? Username => GetSharedString(SharedStateKeys.Username);

    /// <summary>Records a completed authentication method (AM's addNodeType), e.g. <c>AuthenticatorPush</c>.</summary>
    public void AddAuthType(string authType)
    {
        ArgumentException.ThrowIfNullOrEmpty(authType);
        if (!_authTypes.Contains(authType)) _authTypes.Add(authType);
    }

    /// <summary>
    /// AM's <c>putSessionProperty</c>: a property of the session this sign-on creates (kept across steps, shown by
    /// getSessionInfo); a later put of the same key wins.
    /// </summary>
    public void PutSessionProperty(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        _sessionProperties[key] = value;
    }

    /// <summary>AM's <c>removeSessionProperty</c>.</summary>
    public void RemoveSessionProperty(string key) => _sessionProperties.Remove(key);

    /// <summary>The first submitted callback of the given AM type, or null (also on the first pass).</summary>
    public Callback? GetCallback(string type) => Callbacks?.FirstOrDefault(c => c.Type == type);

    public string? GetSharedString(string key) => ReadString(SharedState, key);

    public string? GetTransientString(string key) => ReadString(TransientState, key);

    /// <summary>A localized config message in the client's preferred locale, else English, else the first; its fallback when empty.</summary>
    public string Localize(LocalizedText text) => text.Resolve(Request.PreferredLocales);

    private static string? ReadString(JsonObject state, string key) =>
        state.TryGetPropertyValue(key, out var node) && node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;
}

/// <summary>State keys AM's nodes share (<c>SharedStateConstants</c>); keys with dots are literal keys, not paths.</summary>
public static class SharedStateKeys
{
    public const string Username = "username";
    /// <summary>Transient: the password a collector read, for Data Store Decision.</summary>
    public const string Password = "password";
    /// <summary>AM's realm path, e.g. <c>/alpha</c>; set by the engine when a journey starts.</summary>
    public const string Realm = "realm";
    /// <summary>Container the Platform nodes write identity attributes into, e.g. <c>objectAttributes.userName</c>.</summary>
    public const string ObjectAttributes = "objectAttributes";
    public const string DeviceProfile = "forgeRock.device.profile";
    /// <summary>Set by an Inner Tree Evaluator with the error outcome when the child journey cannot run.</summary>
    public const string ErrorMessage = "errorMessage";
    public const string ErrorNode = "errorNode";
    /// <summary>Where a successful sign-on sends the user (AM's SUCCESS_URL), e.g. set by Set Success URL.</summary>
    public const string SuccessUrl = "successUrl";
}
