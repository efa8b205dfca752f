using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Journeys.Catalog.Nodes;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Engine;

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
/// Platform Username: asks for a username (NameCallback "Username") and writes shared <c>username</c> and
/// <c>objectAttributes.{usernameAttribute}</c>. <c>validateInput</c> (policy checks through
/// ValidatedCreateUsernameCallback) is not supported yet; the plain NameCallback is sent either way.
/// </summary>
public sealed class ValidatedUsernameNodeProcessor : INodeProcessor<PlatformUsernameConfig>, IOptimisticNodeProcessor
{
    public string TypeId => NodeTypeIds.PlatformUsername;

    public ValueTask<NodeResult> ProcessAsync(NodeContext context, PlatformUsernameConfig config) =>
        Collect.Answer(context, Callback.Name(PlatformUsernameDescriptor.Prompt), PlatformUsernameDescriptor.Outcome, username =>
        {
            context.SharedState[SharedStateKeys.Username] = username;
            context.SharedState.GetOrCreateObject(SharedStateKeys.ObjectAttributes)[config.UsernameAttributeOrDefault] = username;
        });
}

/// <summary>
/// Platform Password: asks for a password (PasswordCallback "Password") and writes <em>transient</em>
/// <c>password</c> and <c>objectAttributes.{passwordAttribute}</c>. <c>validateInput</c> is not supported yet.
/// </summary>
public sealed class ValidatedPasswordNodeProcessor : INodeProcessor<PlatformPasswordConfig>, IOptimisticNodeProcessor
{
    public string TypeId => NodeTypeIds.PlatformPassword;

    public ValueTask<NodeResult> ProcessAsync(NodeContext context, PlatformPasswordConfig config) =>
        Collect.Answer(context, Callback.Password(PlatformPasswordDescriptor.Prompt), PlatformPasswordDescriptor.Outcome, password =>
        {
            context.TransientState[SharedStateKeys.Password] = password;
            context.TransientState.GetOrCreateObject(SharedStateKeys.ObjectAttributes)[config.PasswordAttributeOrDefault] = password;
        });
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
