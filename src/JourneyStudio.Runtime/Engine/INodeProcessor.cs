namespace JourneyStudio.Runtime.Engine;

/// <summary>
/// How one node type runs; its descriptor in JourneyStudio.Journeys (a <c>NodeDescriptor&lt;TConfig&gt;</c>) says what it is.
/// Stateless and re-entrant: the first pass sends callbacks, the resubmit reads them from <see cref="NodeContext.Callbacks"/>
/// and goes to one of the outcomes the descriptor declares (use its outcome constants). Everything that must survive a step
/// goes into <see cref="NodeContext.SharedState"/>. Dependencies (stores, transports, the credential guard) come through the
/// constructor; processors are scoped services, found by <c>AddJourneyEngine</c>.
/// </summary>
/// <typeparam name="TConfig">The descriptor's config record; the engine binds it once per stored config (per journey revision).</typeparam>
public interface INodeProcessor<in TConfig> : INodeProcessor where TConfig : class
{
    /// <summary>
    /// Decides the node with its bound <paramref name="config"/>. Throw <see cref="NodeProcessException"/> to end the journey as a
    /// failure with a specific reason (AM's NodeProcessException).
    /// </summary>
    ValueTask<NodeResult> ProcessAsync(NodeContext context, TConfig config);

    Type INodeProcessor.ConfigType => typeof(TConfig);

    ValueTask<NodeResult> INodeProcessor.ProcessAsync(NodeContext context, object config) => ProcessAsync(context, (TConfig)config);
}

/// <summary>
/// The engine's untyped view of a processor. Implement <see cref="INodeProcessor{TConfig}"/> instead; the engine checks at
/// construction that each processor's <see cref="ConfigType"/> is the config record its type's descriptor binds.
/// </summary>
public interface INodeProcessor
{
    /// <summary>The AM node type id this processor runs, e.g. <c>UsernameCollectorNode</c> (a <c>NodeTypeIds</c> constant).</summary>
    string TypeId { get; }

    /// <summary>The config record type <see cref="ProcessAsync"/> expects.</summary>
    Type ConfigType { get; }

    /// <summary>Decides the node; <paramref name="config"/> is an instance of <see cref="ConfigType"/>.</summary>
    ValueTask<NodeResult> ProcessAsync(NodeContext context, object config);
}

/// <summary>
/// Optional for processors: called once per visited node when the journey ends, so that a node can undo
/// bookkeeping it keeps outside the session (AM's LifecycleNode.onTreeComplete), e.g. Retry Limit clearing
/// the counter stored on the user after a successful sign-on.
/// </summary>
public interface INodeCompletionHandler<in TConfig> : INodeCompletionHandler where TConfig : class
{
    ValueTask OnJourneyCompletedAsync(NodeContext context, TConfig config, bool success);

    ValueTask INodeCompletionHandler.OnJourneyCompletedAsync(NodeContext context, object config, bool success) =>
        OnJourneyCompletedAsync(context, (TConfig)config, success);
}

/// <summary>The engine's untyped view of a completion handler; implement <see cref="INodeCompletionHandler{TConfig}"/>.</summary>
public interface INodeCompletionHandler
{
    ValueTask OnJourneyCompletedAsync(NodeContext context, object config, bool success);
}

/// <summary>A node cannot continue; the journey ends as a failure with <see cref="Exception.Message"/> as the reason.</summary>
public sealed class NodeProcessException(string message, Exception? innerException = null) : Exception(message, innerException);
