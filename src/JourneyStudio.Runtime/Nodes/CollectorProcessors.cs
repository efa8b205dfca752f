using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Engine;

namespace JourneyStudio.Runtime.Nodes;

/// <summary>Username Collector: asks for a name (NameCallback "User Name") and puts it in shared <c>username</c>.</summary>
public sealed class UsernameCollectorNodeProcessor : INodeProcessor
{
    public string TypeId => NodeTypeIds.UsernameCollector;

    public ValueTask<NodeResult> ProcessAsync(NodeContext context)
    {
        // An empty answer asks again, like AM.
        if (context.GetCallback(Callback.NameType)?.GetInputString() is { Length: > 0 } username)
        {
            context.SharedState[SharedStateKeys.Username] = username;
            return ValueTask.FromResult(NodeResult.Goto("outcome"));
        }
        return ValueTask.FromResult(NodeResult.Send(Callback.Name("User Name")));
    }
}

/// <summary>Password Collector: asks for a password (PasswordCallback "Password") and puts it in <em>transient</em> <c>password</c>.</summary>
public sealed class PasswordCollectorNodeProcessor : INodeProcessor
{
    public string TypeId => NodeTypeIds.PasswordCollector;

    public ValueTask<NodeResult> ProcessAsync(NodeContext context)
    {
        if (context.GetCallback(Callback.PasswordType)?.GetInputString() is { Length: > 0 } password)
        {
            // Transient: a password must never reach the stored session.
            context.TransientState[SharedStateKeys.Password] = password;
            return ValueTask.FromResult(NodeResult.Goto("outcome"));
        }
        return ValueTask.FromResult(NodeResult.Send(Callback.Password("Password")));
    }
}

/// <summary>
/// Platform Username: asks for a username (NameCallback "Username") and writes shared <c>username</c> and
/// <c>objectAttributes.{usernameAttribute}</c>. <c>validateInput</c> (policy checks through
/// ValidatedCreateUsernameCallback) is not supported yet; the plain NameCallback is sent either way.
/// </summary>
public sealed class ValidatedUsernameNodeProcessor : INodeProcessor
{
    public string TypeId => NodeTypeIds.PlatformUsername;

    public ValueTask<NodeResult> ProcessAsync(NodeContext context)
    {
        if (context.GetCallback(Callback.NameType)?.GetInputString() is { Length: > 0 } username)
        {
            var attribute = context.Config.GetString("usernameAttribute") is { Length: > 0 } a ? a : "userName";
            context.SharedState[SharedStateKeys.Username] = username;
            context.SharedState.GetOrCreateObject(SharedStateKeys.ObjectAttributes)[attribute] = username;
            return ValueTask.FromResult(NodeResult.Goto("outcome"));
        }
        return ValueTask.FromResult(NodeResult.Send(Callback.Name("Username")));
    }
}

/// <summary>
/// Platform Password: asks for a password (PasswordCallback "Password") and writes <em>transient</em>
/// <c>password</c> and <c>objectAttributes.{passwordAttribute}</c>. <c>validateInput</c> is not supported yet.
/// </summary>
public sealed class ValidatedPasswordNodeProcessor : INodeProcessor
{
    public string TypeId => NodeTypeIds.PlatformPassword;

    public ValueTask<NodeResult> ProcessAsync(NodeContext context)
    {
        if (context.GetCallback(Callback.PasswordType)?.GetInputString() is { Length: > 0 } password)
        {
            var attribute = context.Config.GetString("passwordAttribute") is { Length: > 0 } a ? a : "password";
            context.TransientState[SharedStateKeys.Password] = password;
            context.TransientState.GetOrCreateObject(SharedStateKeys.ObjectAttributes)[attribute] = password;
            return ValueTask.FromResult(NodeResult.Goto("outcome"));
        }
        return ValueTask.FromResult(NodeResult.Send(Callback.Password("Password")));
    }
}
