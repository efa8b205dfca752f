using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.Engine;
using Microsoft.Extensions.Logging;

namespace JourneyStudio.Runtime.Nodes;

/// <summary>
/// Get Session Data: copies the property <c>sessionDataKey</c> of the user's existing session (e.g. <c>UserToken</c>, the
/// username) into shared <c>sharedStateKey</c>. Without a session or that property it writes nothing and continues, as AM does.
/// </summary>
public sealed class SessionDataNodeProcessor(ILogger<SessionDataNodeProcessor> log) : INodeProcessor<SessionDataConfig>, IOptimisticNodeProcessor
{
    public string TypeId => NodeTypeIds.SessionData;

    public ValueTask<NodeResult> ProcessAsync(NodeContext context, SessionDataConfig config)
    {
        if (context.Request.ExistingSession?.GetValueOrDefault(config.SessionDataKey) is { } value && config.SharedStateKey.Length > 0)
            context.SharedState[config.SharedStateKey] = value;
        else
            log.LogDebug("Get Session Data: no session property {Key} to copy.", config.SessionDataKey);
        return ValueTask.FromResult(NodeResult.Goto(SessionDataDescriptor.Outcome));
    }
}
