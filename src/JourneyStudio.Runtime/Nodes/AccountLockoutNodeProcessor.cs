using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.Engine;
using Microsoft.Extensions.Logging;

namespace JourneyStudio.Runtime.Nodes;

/// <summary>
/// Account Lockout: makes the account of shared <c>username</c> inactive (LOCK, which also ends its sessions) or active
/// (UNLOCK), then continues. AM fails the journey when there is no such identity; here the journey continues alike, so that
/// the lockout path (after too many wrong passwords) does not tell whether the typed username exists.
/// </summary>
public sealed class AccountLockoutNodeProcessor(IIdentityAccounts accounts, ILogger<AccountLockoutNodeProcessor> log) : INodeProcessor<AccountLockoutConfig>
{
    public string TypeId => NodeTypeIds.AccountLockout;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context, AccountLockoutConfig config)
    {
        var active = config.LockAction == LockAction.Unlock;
        if (context.Username is not { Length: > 0 } username)
            log.LogWarning("Account Lockout: the journey has no username; nothing to {Action}.", config.LockAction);
        else if (!await accounts.SetActiveAsync(username, active, context.CancellationToken))
            log.LogInformation("Account Lockout: no identity for the username; nothing to {Action}.", config.LockAction);
        return NodeResult.Goto(AccountLockoutDescriptor.Outcome);
    }
}
