using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Identities;

namespace JourneyStudio.Runtime.Nodes;

/// <summary>
/// How the identity management nodes find the journey's user and read what the journey collected, the same way in every
/// node: shared <c>_id</c> first (set by Identify Existing User, Create Object, Identity Store Decision), then the value of
/// the node's identity attribute the journey holds (collected in <c>objectAttributes</c>, else a shared state key of that
/// name, as Get Session Data writes <c>userName</c>), then the journey's <c>username</c>.
/// </summary>
internal static class JourneyUser
{
    /// <summary>Shared state key of the identified user's IDM <c>_id</c>.</summary>
    public const string IdKey = ManagedUserAttributes.Names.Id;

    public static async Task<ManagedUser?> FindAsync(NodeContext context, ManagedUserAttributes users, string identityAttribute)
    {
        if (context.GetSharedString(IdKey) is { Length: > 0 } id && await users.GetByIdAsync(id, context.CancellationToken) is { } byId)
            return byId;
        if (IdentifierText(context, identityAttribute) is { Length: > 0 } value
            && await users.FindAsync(identityAttribute, value, limit: 2, context.CancellationToken) is [var only])
            return only;
        return context.Username is { Length: > 0 } username ? await users.GetByUsernameAsync(username, context.CancellationToken) : null;
    }

    /// <summary>
    /// The value of an identity attribute that names the user: collected (<c>objectAttributes</c>), else the shared state key of
    /// that name (AM's nodes read both, so Get Session Data's <c>userName</c> identifies the signed-in user).
    /// </summary>
    public static string? IdentifierText(NodeContext context, string identityAttribute) =>
        CollectedText(context, identityAttribute)
        ?? (context.SharedState[identityAttribute] is JsonValue top && top.GetValueKind() == JsonValueKind.String ? top.GetValue<string>() : null);

    /// <summary>Makes <paramref name="user"/> the journey's user: shared <c>_id</c> and <c>username</c>.</summary>
    public static void Identify(NodeContext context, ManagedUser user, string? username = null)
    {
        context.SharedState[IdKey] = user.Id;
        context.SharedState[SharedStateKeys.Username] = username ?? user.UserName;
    }

    /// <summary>
    /// Everything collected for the user: shared <c>objectAttributes</c> with transient <c>objectAttributes</c> (the password,
    /// KBA answers) over it. A copy, so a write never touches the state.
    /// </summary>
    public static JsonObject Collected(NodeContext context)
    {
        var merged = new JsonObject();
        foreach (var state in new[] { context.SharedState, context.TransientState })
            if (state[SharedStateKeys.ObjectAttributes] is JsonObject attributes)
                foreach (var (name, value) in attributes)
                    merged[name] = value?.DeepClone();
        return merged;
    }

    /// <summary>The collected value at an attribute path (<c>mail</c>, <c>preferences/marketing</c>), or null.</summary>
    public static JsonNode? CollectedValue(NodeContext context, string path) => AttributePath.Read(Collected(context), path);

    public static string? CollectedText(NodeContext context, string path) =>
        CollectedValue(context, path) is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
