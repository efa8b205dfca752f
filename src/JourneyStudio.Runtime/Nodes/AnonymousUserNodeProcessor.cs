using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.Engine;

namespace JourneyStudio.Runtime.Nodes;

/// <summary>
/// Anonymous User Mapping: sets shared <c>username</c> to the configured anonymous account and continues. The account must
/// exist (AM requires it; its session is that account's), so a missing one fails the journey.
/// </summary>
public sealed class AnonymousUserNodeProcessor(IIdentityAccounts accounts) : INodeProcessor<AnonymousUserConfig>, IOptimisticNodeProcessor
{
    public string TypeId => NodeTypeIds.AnonymousUser;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context, AnonymousUserConfig config)
    {
        if (string.IsNullOrWhiteSpace(config.AnonymousUserName) || !await accounts.ExistsAsync(config.AnonymousUserName, context.CancellationToken))
            throw new NodeProcessException($"Anonymous User Mapping: the anonymous account '{config.AnonymousUserName}' does not exist.");
        context.SharedState[SharedStateKeys.Username] = config.AnonymousUserName;
        return NodeResult.Goto(AnonymousUserDescriptor.Outcome);
    }
}
