using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Identities;

namespace JourneyStudio.Runtime.Nodes;

/// <summary>
/// Identify Existing User: looks up the collected value of <c>identityAttribute</c> (e.g. <c>objectAttributes.mail</c>; for
/// <c>userName</c> also the journey's username). <c>true</c> when exactly one user has it: shared <c>_id</c> is that user's,
/// and shared <c>username</c> and <c>objectAttributes.{identifier}</c> get the user's <c>identifier</c> attribute.
/// <c>false</c> when no user, or several, have it, or nothing was collected.
/// </summary>
public sealed class IdentifyExistingUserNodeProcessor(ManagedUserAttributes users)
    : INodeProcessor<IdentifyExistingUserConfig>, IOptimisticNodeProcessor
{
    public string TypeId => NodeTypeIds.IdentifyExistingUser;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context, IdentifyExistingUserConfig config)
    {
        var value = JourneyUser.CollectedText(context, config.IdentityAttribute)
                    ?? (config.IdentityAttribute == ManagedUserAttributes.Names.UserName ? context.Username : null);
        if (string.IsNullOrEmpty(value)) return NodeResult.Goto(IdentifyExistingUserDescriptor.FalseOutcome);
        if (await users.FindAsync(config.IdentityAttribute, value, limit: 2, context.CancellationToken) is not [var user])
            return NodeResult.Goto(IdentifyExistingUserDescriptor.FalseOutcome);

        var identifier = user.Get(config.Identifier) is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : user.UserName;
        JourneyUser.Identify(context, user, user.UserName);
        context.SharedState.GetOrCreateObject(SharedStateKeys.ObjectAttributes)[config.Identifier] = identifier;
        return NodeResult.Goto(IdentifyExistingUserDescriptor.TrueOutcome);
    }
}
