using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.BruteForce;
using JourneyStudio.Runtime.Engine;

namespace JourneyStudio.Runtime.Nodes;

/// <summary>
/// Data Store Decision: <c>true</c> when shared <c>username</c> and transient <c>password</c> are valid
/// credentials of an active user in the realm, else <c>false</c> (also when either is missing, the identity is
/// locked or the client's address is throttled: all look the same to the client).
/// </summary>
public sealed class DataStoreDecisionNodeProcessor(IIdentityVerifier verifier) : INodeProcessor<NoConfig>
{
    public string TypeId => NodeTypeIds.DataStoreDecision;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context, NoConfig config)
    {
        var username = context.Username;
        var password = context.GetTransientString(SharedStateKeys.Password);
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
            return NodeResult.Goto(DataStoreDecisionDescriptor.FalseOutcome);
        var verdict = await verifier.VerifyPasswordAsync(context.Realm, username, password, context.Request.RemoteIpAddress, context.CancellationToken);
        if (verdict != CredentialVerdict.Accepted) return NodeResult.Goto(DataStoreDecisionDescriptor.Decide(false));
        // The session remembers that a password was checked (an ID token's amr says "pwd").
        context.AddAuthType(PasswordAuthTypes.DataStore);
        return NodeResult.Goto(DataStoreDecisionDescriptor.Decide(true));
    }
}

/// <summary>The auth type AM records for a password checked against the data store.</summary>
public static class PasswordAuthTypes
{
    public const string DataStore = "DataStore";
}
