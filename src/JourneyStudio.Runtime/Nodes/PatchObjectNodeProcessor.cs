using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Identities;
using Microsoft.Extensions.Logging;

namespace JourneyStudio.Runtime.Nodes;

/// <summary>
/// Patch Object: writes the collected attributes (shared and transient <c>objectAttributes</c>, less <c>ignoredFields</c>) to
/// the journey's user, found by shared <c>_id</c>, else by <c>identityAttribute</c>. <c>PATCHED</c>, or <c>FAILURE</c> when
/// there is no such user or a value breaks the identity rules (logged, never the values). A new password ends the user's
/// other sessions, not this sign-on.
/// </summary>
public sealed partial class PatchObjectNodeProcessor(ManagedUserAttributes users, ILogger<PatchObjectNodeProcessor> logger)
    : INodeProcessor<PatchObjectConfig>
{
    public string TypeId => NodeTypeIds.PatchObject;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context, PatchObjectConfig config)
    {
        if (await JourneyUser.FindAsync(context, users, config.IdentityAttribute) is not { } user)
        {
            LogRefused(context.JourneyName, context.Node.Id, "no user is identified");
            return NodeResult.Goto(PatchObjectDescriptor.FailureOutcome);
        }
        var result = await users.PatchAsync(user.UserName, JourneyUser.Collected(context), config.IgnoredFields, bySignOn: true, context.CancellationToken);
        if (result is ManagedUserWrite.Done) return NodeResult.Goto(PatchObjectDescriptor.PatchedOutcome);
        LogRefused(context.JourneyName, context.Node.Id, CreateObjectNodeProcessor.Describe(result));
        return NodeResult.Goto(PatchObjectDescriptor.FailureOutcome);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Patch Object in journey {Journey} (node {NodeId}) changed nothing: {Reason}")]
    private partial void LogRefused(string journey, string nodeId, string reason);
}
