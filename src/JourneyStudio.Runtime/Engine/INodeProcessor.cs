namespace JourneyStudio.Runtime.Engine;

/// <summary>
/// How one node type runs (the descriptor in JourneyStudio.Journeys says what it is). Stateless and
/// re-entrant: the first pass sends callbacks, the resubmit reads them from <see cref="NodeContext.Callbacks"/>
/// and goes to an outcome. Everything that must survive a step goes into <see cref="NodeContext.SharedState"/>.
/// </summary>
public interface INodeProcessor
{
    /// <summary>The AM node type id this processor runs, e.g. <c>UsernameCollectorNode</c>.</summary>
    string TypeId { get; }

    /// <summary>
    /// Decides the node. Throw <see cref="NodeProcessException"/> to end the journey as a failure with a
    /// specific reason (AM's NodeProcessException).
    /// </summary>
    ValueTask<NodeResult> ProcessAsync(NodeContext context);
}

/// <summary>
/// Optional for processors: called once per visited node when the journey ends, so that a node can undo
/// bookkeeping it keeps outside the session (AM's LifecycleNode.onTreeComplete), e.g. Retry Limit clearing
/// the counter stored on the user after a successful sign-on.
/// </summary>
public interface INodeCompletionHandler
{
    ValueTask OnJourneyCompletedAsync(NodeContext context, bool success);
}

/// <summary>A node cannot continue; the journey ends as a failure with <see cref="Exception.Message"/> as the reason.</summary>
public sealed class NodeProcessException(string message, Exception? innerException = null) : Exception(message, innerException);
