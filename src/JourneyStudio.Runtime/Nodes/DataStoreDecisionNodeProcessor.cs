using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Runtime.Engine;

namespace JourneyStudio.Runtime.Nodes;

/// <summary>
/// Data Store Decision: <c>true</c> when shared <c>username</c> and transient <c>password</c> are valid
/// credentials of an active user in the realm, else <c>false</c> (also when either is missing).
/// </summary>
public sealed class DataStoreDecisionNodeProcessor(IIdentityVerifier verifier) : INodeProcessor
{
    public string TypeId => NodeTypeIds.DataStoreDecision;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context)
    {
        var username = context.Username;
        var password = context.GetTransientString(SharedStateKeys.Password);
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
            return NodeResult.Goto("false");
        var valid = await verifier.VerifyPasswordAsync(context.Realm, username, password, context.CancellationToken);
        return NodeResult.Goto(valid ? "true" : "false");
    }
}
