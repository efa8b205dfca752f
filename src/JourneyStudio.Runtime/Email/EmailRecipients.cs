using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Identities;

namespace JourneyStudio.Runtime.Email;

/// <summary>
/// What the email nodes mail to and fill templates with, found as AM's email nodes find it: the identity attribute's value
/// from shared state (<c>objectAttributes</c> first, then the top level, then <c>username</c> for userName), and either the
/// identity it names or the objectAttributes themselves as the template's <c>object</c>.
/// </summary>
public sealed class EmailRecipients(ManagedUserAttributes users)
{
    public const string UserNameAttribute = ManagedUserAttributes.Names.UserName;

    /// <summary>The value of <paramref name="attribute"/> in shared state, where the platform nodes put it.</summary>
    public static string? FromState(NodeContext context, string attribute)
    {
        if (context.SharedState[SharedStateKeys.ObjectAttributes] is JsonObject attributes && Text(attributes[attribute]) is { Length: > 0 } value)
            return value;
        if (Text(context.SharedState[attribute]) is { Length: > 0 } top) return top;
        return attribute == UserNameAttribute ? context.Username : null;
    }

    /// <summary>The objectAttributes in shared state as a template object (strings, numbers and booleans as text).</summary>
    public static IReadOnlyDictionary<string, string> SharedObject(NodeContext context)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (context.SharedState[SharedStateKeys.ObjectAttributes] is JsonObject attributes)
            foreach (var (name, node) in attributes)
                if (Text(node) is { } value) result[name] = value;
        if (!result.ContainsKey(UserNameAttribute) && context.Username is { Length: > 0 } username) result[UserNameAttribute] = username;
        return result;
    }

    /// <summary>
    /// The identity whose <paramref name="attribute"/> is <paramref name="value"/>, found as every identity node finds it
    /// (<see cref="ManagedUserAttributes.FindAsync"/>), as a template object; null when none, or when several share it
    /// (a mail address two identities have identifies neither).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>?> LookUpAsync(string attribute, string? value, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (await users.FindAsync(attribute, value, limit: 2, cancellationToken) is not [var user]) return null;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, node) in user.Attributes)
            if (Text(node) is { } text) result[name] = text;
        return result;
    }

    private static string? Text(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
            _ => null,
        }
        : null;
}
