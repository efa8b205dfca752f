using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.Engine;

namespace JourneyStudio.Runtime.Nodes;

/// <summary>
/// Retry Limit Decision: <c>Retry</c> while the count is at most <c>retryLimit</c> (counting this pass), then
/// <c>Reject</c>. The count is kept in shared <c>{nodeId}.retryCount</c>; with <c>incrementUserAttributeOnFailure</c>
/// and a known username it is kept on the user through <see cref="IRetryCounterStore"/> (an atomic increment), so
/// abandoning the sign-on and starting a new one does not reset it. Only a successful sign-on clears the user's
/// count (also one that did not pass this node). AM also clears it on Reject; the studio does not, because then every
/// new sign-on got a fresh set of tries and guessing (e.g. of one-time codes) went on without limit.
/// </summary>
public sealed class RetryLimitDecisionNodeProcessor(IRetryCounterStore store)
    : INodeProcessor<RetryLimitDecisionConfig>, INodeCompletionHandler<RetryLimitDecisionConfig>
{
    public string TypeId => NodeTypeIds.RetryLimitDecision;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context, RetryLimitDecisionConfig config)
    {
        var sharedKey = context.Node.Id + ".retryCount";
        var username = UserForStore(context, config);

        var count = username is not null
            ? await store.IncrementAsync(context.Realm, username, context.Node.Id, context.CancellationToken)
            : (int)(context.SharedState.GetInt64(sharedKey) ?? 0) + 1;
        if (count > config.RetryLimit) return NodeResult.Goto(RetryLimitDecisionDescriptor.RejectOutcome);
        context.SharedState[sharedKey] = count;
        return NodeResult.Goto(RetryLimitDecisionDescriptor.RetryOutcome);
    }

    public async ValueTask OnJourneyCompletedAsync(NodeContext context, RetryLimitDecisionConfig config, bool success)
    {
        if (success && UserForStore(context, config) is { } username)
            await store.ClearAsync(context.Realm, username, context.Node.Id, context.CancellationToken);
    }

    private static string? UserForStore(NodeContext context, RetryLimitDecisionConfig config) =>
        config.IncrementUserAttributeOnFailure && !string.IsNullOrEmpty(context.Username) ? context.Username : null;
}
