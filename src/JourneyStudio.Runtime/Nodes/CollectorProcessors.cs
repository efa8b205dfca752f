using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.Callbacks;
using System.Text.Json.Nodes;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Identities;

namespace JourneyStudio.Runtime.Nodes;

/// <summary>Username Collector: asks for a name (NameCallback "User Name") and puts it in shared <c>username</c>.</summary>
public sealed class UsernameCollectorNodeProcessor : INodeProcessor<NoConfig>, IOptimisticNodeProcessor
{
    public string TypeId => NodeTypeIds.UsernameCollector;

    public ValueTask<NodeResult> ProcessAsync(NodeContext context, NoConfig config) =>
        Collect.Answer(context, Callback.Name(UsernameCollectorDescriptor.Prompt), UsernameCollectorDescriptor.Outcome,
            username => context.SharedState[SharedStateKeys.Username] = username);
}

/// <summary>Password Collector: asks for a password (PasswordCallback "Password") and puts it in <em>transient</em> <c>password</c>.</summary>
public sealed class PasswordCollectorNodeProcessor : INodeProcessor<NoConfig>, IOptimisticNodeProcessor
{
    public string TypeId => NodeTypeIds.PasswordCollector;

    // Transient: a password must never reach the stored session.
    public ValueTask<NodeResult> ProcessAsync(NodeContext context, NoConfig config) =>
        Collect.Answer(context, Callback.Password(PasswordCollectorDescriptor.Prompt), PasswordCollectorDescriptor.Outcome,
            password => context.TransientState[SharedStateKeys.Password] = password);
}

/// <summary>
/// Platform Username: asks for a username and writes shared <c>username</c> and <c>objectAttributes.{usernameAttribute}</c>.
/// Without <c>validateInput</c> it sends a NameCallback "Username"; with it (a create form) a ValidatedCreateUsernameCallback with
/// the attribute's policies from the <see cref="IdentitySchema"/>, including UNIQUE against the identity store. A failed policy
/// sends the callback again with <c>failedPolicies</c>, as does a <c>validateOnly</c> submission.
/// </summary>
public sealed class ValidatedUsernameNodeProcessor(IdentitySchema schema, IIdentityAccounts accounts)
    : INodeProcessor<PlatformUsernameConfig>, IOptimisticNodeProcessor
{
    public string TypeId => NodeTypeIds.PlatformUsername;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context, PlatformUsernameConfig config)
    {
        void Store(string username)
        {
            context.SharedState[SharedStateKeys.Username] = username;
            context.SharedState.GetOrCreateObject(SharedStateKeys.ObjectAttributes)[config.UsernameAttributeOrDefault] = username;
        }

        if (!config.ValidateInput)
            return await Collect.Answer(context, Callback.Name(PlatformUsernameDescriptor.Prompt), PlatformUsernameDescriptor.Outcome, Store);

        var attribute = schema.Find(config.UsernameAttributeOrDefault) ?? schema.Find(IdentitySchema.UserName)!;
        var policies = IdentitySchema.PolicyDocument(attribute, required: true);
        if (context.GetCallback(Callback.ValidatedCreateUsernameType) is not { } submitted)
            return NodeResult.Send(Callback.ValidatedCreateUsername(PlatformUsernameDescriptor.Prompt, policies, []));

        var value = submitted.GetInput("");
        var failed = await IdentitySchema.ValidateAsync(attribute, value, required: true, new PolicyContext
        {
            OtherAttributes = context.SharedState.GetOrCreateObject(SharedStateKeys.ObjectAttributes),
            IsUsernameTaken = accounts.ExistsAsync,
            CancellationToken = context.CancellationToken,
        });
        var username = value?.GetString() ?? "";
        if (failed.Count > 0 || submitted.IsValidateOnly)
            return NodeResult.Send(Callback.ValidatedCreateUsername(PlatformUsernameDescriptor.Prompt, policies, failed, username));
        Store(username);
        return NodeResult.Goto(PlatformUsernameDescriptor.Outcome);
    }
}

/// <summary>
/// Platform Password: asks for a password and writes <em>transient</em> <c>password</c> and
/// <c>objectAttributes.{passwordAttribute}</c>. Without <c>validateInput</c> it sends a PasswordCallback "Password"; with it a
/// ValidatedCreatePasswordCallback with the password policy (<see cref="PasswordPolicyOptions"/>: length, capitals, digits, not
/// containing the username or names collected before it). A failed policy or a <c>validateOnly</c> submission sends it again,
/// never echoing the password.
/// </summary>
public sealed class ValidatedPasswordNodeProcessor(IdentitySchema schema) : INodeProcessor<PlatformPasswordConfig>, IOptimisticNodeProcessor
{
    public string TypeId => NodeTypeIds.PlatformPassword;

    public async ValueTask<NodeResult> ProcessAsync(NodeContext context, PlatformPasswordConfig config)
    {
        void Store(string password)
        {
            context.TransientState[SharedStateKeys.Password] = password;
            context.TransientState.GetOrCreateObject(SharedStateKeys.ObjectAttributes)[config.PasswordAttributeOrDefault] = password;
        }

        if (!config.ValidateInput)
            return await Collect.Answer(context, Callback.Password(PlatformPasswordDescriptor.Prompt), PlatformPasswordDescriptor.Outcome, Store);

        var attribute = schema.Find(IdentitySchema.Password)!;
        var policies = IdentitySchema.PolicyDocument(attribute, required: true);
        if (context.GetCallback(Callback.ValidatedCreatePasswordType) is not { } submitted)
            return NodeResult.Send(Callback.ValidatedCreatePassword(PlatformPasswordDescriptor.Prompt, policies, []));

        var value = submitted.GetInput("");
        var others = (JsonObject)context.SharedState.GetOrCreateObject(SharedStateKeys.ObjectAttributes).DeepClone();
        if (context.Username is { } username && others[IdentitySchema.UserName] is null) others[IdentitySchema.UserName] = username;
        var failed = await IdentitySchema.ValidateAsync(attribute, value, required: true,
            new PolicyContext { OtherAttributes = others, CancellationToken = context.CancellationToken });
        if (failed.Count > 0 || submitted.IsValidateOnly)
            return NodeResult.Send(Callback.ValidatedCreatePassword(PlatformPasswordDescriptor.Prompt, policies, failed));
        Store(value?.GetString() ?? "");
        return NodeResult.Goto(PlatformPasswordDescriptor.Outcome);
    }
}

/// <summary>The single-prompt collectors: send the prompt until the client answers it with a non-empty value.</summary>
internal static class Collect
{
    public static ValueTask<NodeResult> Answer(NodeContext context, Callback prompt, string outcome, Action<string> store)
    {
        // An empty answer asks again, like AM.
        if (context.GetCallback(prompt.Type)?.GetInputString() is not { Length: > 0 } answer)
            return ValueTask.FromResult(NodeResult.Send(prompt));
        store(answer);
        return ValueTask.FromResult(NodeResult.Goto(outcome));
    }
}
