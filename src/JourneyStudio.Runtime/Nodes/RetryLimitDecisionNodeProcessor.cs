using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Runtime.Engine;

namespace JourneyStudio.Runtime.Nodes;

/// <summary>
/// Retry Limit Decision: <c>Retry</c> while the count is below <c>retryLimit</c> (counting this pass), then
/// <c>Reject</c>. The count is kept in shared <c>{nodeId}.retryCount</c>; with
/// <c>incrementUserAttributeOnFailure</c> and a known username it is also kept on the user through
/// <see cref="IRetryCounterStore"/>, so abandoning the sign-on and starting a new one does not reset it.
/// Like AM, the user's counter is cleared on Reject and when the journey succeeds.
/// </summary>
public sealed class RetryLimitDecisionNodeProcessor(IRetryCounterStore store) : INodeProcessor, INodeCompletionHandler
{
    public string TypeId => NodeTypeIds.RetryLimitDecision;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context)
    {
        var limit = context.Config.GetInt64("retryLimit") ?? 3;
        var sharedKey = context.Node.Id + ".retryCount";
        var username = UserForStore(context);

        var current = username is not null
            ? await store.GetAsync(context.Realm, username, context.Node.Id, context.CancellationToken) ?? 0
            : (int)(context.SharedState.GetInt64(sharedKey) ?? 0);

        if (current < limit)
        {
            if (username is not null)
                await store.SetAsync(context.Realm, username, context.Node.Id, current + 1, context.CancellationToken);
            context.SharedState[sharedKey] = current + 1;
            return NodeResult.Goto("Retry");
        }

        if (username is not null)
            await store.ClearAsync(context.Realm, username, context.Node.Id, context.CancellationToken);
        return NodeResult.Goto("Reject");
    }

    public async ValueTask OnJourneyCompletedAsync(NodeContext context, bool success)
    {
        if (success && UserForStore(context) is { } username)
            await store.ClearAsync(context.Realm, username, context.Node.Id, context.CancellationToken);
    }

    private static string? UserForStore(NodeContext context) =>
        (context.Config.GetBoolean("incrementUserAttributeOnFailure") ?? true) && !string.IsNullOrEmpty(context.Username)
            ? context.Username
            : null;
}
