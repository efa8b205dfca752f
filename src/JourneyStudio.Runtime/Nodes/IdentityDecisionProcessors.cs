using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Identities;

namespace JourneyStudio.Runtime.Nodes;

/// <summary>
/// Attribute Present Decision: <c>true</c> when the journey's user has a value for <c>presentAttribute</c> (the write-only
/// <c>password</c> included, whose value is never read); <c>false</c> otherwise and when no user is identified.
/// </summary>
public sealed class AttributePresentDecisionNodeProcessor(ManagedUserAttributes users)
    : INodeProcessor<AttributePresentDecisionConfig>, IOptimisticNodeProcessor
{
    public string TypeId => NodeTypeIds.AttributePresentDecision;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context, AttributePresentDecisionConfig config) =>
        NodeResult.Goto(AttributePresentDecisionDescriptor.Decide(
            await JourneyUser.FindAsync(context, users, config.IdentityAttribute) is { } user && user.HasValue(config.PresentAttribute)));
}

/// <summary>
/// Attribute Value Decision: reads <c>comparisonAttribute</c> from the collected attributes, else from the journey's user.
/// PRESENT: <c>true</c> when it has a value (not null, not empty text). EQUALS: <c>true</c> when its value, as text, is
/// exactly <c>comparisonValue</c> (booleans and numbers as JSON writes them: <c>true</c>, <c>42</c>).
/// </summary>
public sealed class AttributeValueDecisionNodeProcessor(ManagedUserAttributes users)
    : INodeProcessor<AttributeValueDecisionConfig>, IOptimisticNodeProcessor
{
    public string TypeId => NodeTypeIds.AttributeValueDecision;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context, AttributeValueDecisionConfig config)
    {
        var value = JourneyUser.CollectedValue(context, config.ComparisonAttribute);
        if (value is null && await JourneyUser.FindAsync(context, users, config.IdentityAttribute) is { } user)
            value = user.Get(config.ComparisonAttribute);
        var text = value switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => value.ToJsonString(),
        };
        var decision = config.ComparisonOperation == AttributeComparison.Present
            ? !string.IsNullOrEmpty(text)
            : text is not null && string.Equals(text, config.ComparisonValue, StringComparison.Ordinal);
        return NodeResult.Goto(AttributeValueDecisionDescriptor.Decide(decision));
    }
}

/// <summary>
/// Query Filter Decision: <c>true</c> when the journey's user (as IDM shows it, see <see cref="ManagedUser.Attributes"/>)
/// matches <c>queryFilter</c>; <c>false</c> when not, or when no user is identified. A filter that does not parse (validation
/// reports it before publishing) fails the journey with the parser's message.
/// </summary>
public sealed class QueryFilterDecisionNodeProcessor(ManagedUserAttributes users)
    : INodeProcessor<QueryFilterDecisionConfig>, IOptimisticNodeProcessor
{
    public string TypeId => NodeTypeIds.QueryFilterDecision;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context, QueryFilterDecisionConfig config)
    {
        if (config.Filter is not { } filter)
            throw new NodeProcessException($"The query filter of node {context.Node.Id} is not valid: {config.FilterError}.");
        return NodeResult.Goto(QueryFilterDecisionDescriptor.Decide(
            await JourneyUser.FindAsync(context, users, config.IdentityAttribute) is { } user && filter.Matches(user.Attributes)));
    }
}

/// <summary>
/// Login Count Decision: with <c>AT</c>, <c>true</c> when the user's login count equals <c>amount</c>; with <c>EVERY</c>, when
/// it is a (non-zero) multiple of it. <c>false</c> otherwise and when no user is identified.
/// </summary>
public sealed class LoginCountDecisionNodeProcessor(ManagedUserAttributes users)
    : INodeProcessor<LoginCountDecisionConfig>, IOptimisticNodeProcessor
{
    public string TypeId => NodeTypeIds.LoginCountDecision;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context, LoginCountDecisionConfig config)
    {
        if (await JourneyUser.FindAsync(context, users, config.IdentityAttribute) is not { } user)
            return NodeResult.Goto(LoginCountDecisionDescriptor.FalseOutcome);
        var count = user.LoginCount;
        var decision = config.Interval == LoginCountInterval.At
            ? count == config.Amount
            : count > 0 && count % config.Amount == 0;
        return NodeResult.Goto(LoginCountDecisionDescriptor.Decide(decision));
    }
}

/// <summary>
/// Increment Login Count: adds one to the journey's user's <c>loginCount</c> and sets <c>lastLogin</c>, in one atomic update.
/// Fails the journey ("No object to increment", as AM) when no user is identified.
/// </summary>
public sealed class IncrementLoginCountNodeProcessor(ManagedUserAttributes users) : INodeProcessor<IncrementLoginCountConfig>
{
    public string TypeId => NodeTypeIds.IncrementLoginCount;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context, IncrementLoginCountConfig config)
    {
        if (await JourneyUser.FindAsync(context, users, config.IdentityAttribute) is not { } user
            || !await users.IncrementLoginCountAsync(user.UserName, context.CancellationToken))
            throw new NodeProcessException("No object to increment.");
        return NodeResult.Goto(IncrementLoginCountDescriptor.Outcome);
    }
}

/// <summary>
/// Identity Store Decision: checks shared <c>username</c> and transient <c>password</c> (through the brute-force guard).
/// <c>TRUE</c>: valid credentials of an active user (shared <c>_id</c> is set). <c>LOCKED</c>: the password is right but the
/// profile is inactive (accountStatus inactive). <c>FALSE</c>: anything else, a brute-force lockout included, which must look
/// like a wrong password. <c>EXPIRED</c> and <c>CANCELLED</c> are never taken: the studio's passwords do not expire and it
/// never asks for a password change here.
/// </summary>
public sealed class IdentityStoreDecisionNodeProcessor(IIdentityVerifier verifier, ManagedUserAttributes users)
    : INodeProcessor<IdentityStoreDecisionConfig>
{
    public string TypeId => NodeTypeIds.IdentityStoreDecision;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context, IdentityStoreDecisionConfig config)
    {
        var username = context.Username;
        var password = context.GetTransientString(SharedStateKeys.Password);
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
            return NodeResult.Goto(IdentityStoreDecisionDescriptor.FalseOutcome);
        switch (await verifier.CheckCredentialsAsync(context.Realm, username, password, context.Request.RemoteIpAddress, context.CancellationToken))
        {
            case IdentityStoreVerdict.Accepted:
                context.AddAuthType(PasswordAuthTypes.DataStore);
                // useUniversalIdForUsername: the studio keeps username as the name (sessions are bound by it); _id carries the id.
                if (await users.GetByUsernameAsync(username, context.CancellationToken) is { } user)
                    context.SharedState[JourneyUser.IdKey] = user.Id;
                return NodeResult.Goto(IdentityStoreDecisionDescriptor.TrueOutcome);
            case IdentityStoreVerdict.Inactive:
                return NodeResult.Goto(IdentityStoreDecisionDescriptor.LockedOutcome);
            default:
                return NodeResult.Goto(IdentityStoreDecisionDescriptor.FalseOutcome);
        }
    }
}
