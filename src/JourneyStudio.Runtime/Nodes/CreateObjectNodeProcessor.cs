using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Identities;
using Microsoft.Extensions.Logging;

namespace JourneyStudio.Runtime.Nodes;

/// <summary>
/// Create Object: creates a user from the collected attributes (shared <c>objectAttributes</c>, with transient
/// <c>objectAttributes</c> such as <c>password</c> over them; the transient <c>password</c> when no password was collected
/// there). The password and KBA answers are hashed by the store. <c>CREATED</c> makes the new user the journey's user
/// (shared <c>_id</c>, <c>username</c>); <c>FAILURE</c> when a value breaks the identity rules or the name is taken (logged
/// with the reason, never the values).
/// </summary>
public sealed partial class CreateObjectNodeProcessor(ManagedUserAttributes users, ILogger<CreateObjectNodeProcessor> logger)
    : INodeProcessor<CreateObjectConfig>
{
    public string TypeId => NodeTypeIds.CreateObject;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context, CreateObjectConfig config)
    {
        var result = await users.CreateAsync(JourneyUser.Collected(context), context.GetTransientString(SharedStateKeys.Password), context.CancellationToken);
        if (result is ManagedUserWrite.Done done)
        {
            JourneyUser.Identify(context, done.User);
            return NodeResult.Goto(CreateObjectDescriptor.CreatedOutcome);
        }
        LogRefused(context.JourneyName, context.Node.Id, Describe(result));
        return NodeResult.Goto(CreateObjectDescriptor.FailureOutcome);
    }

    internal static string Describe(ManagedUserWrite result) => result switch
    {
        ManagedUserWrite.Invalid invalid => invalid.Problem.Message,
        ManagedUserWrite.UsernameTaken => "the username is taken",
        ManagedUserWrite.NotFound => "the user does not exist",
        _ => result.ToString(),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Create Object in journey {Journey} (node {NodeId}) created no user: {Reason}")]
    private partial void LogRefused(string journey, string nodeId, string reason);
}
