using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JourneyStudio.Runtime.Email;

/// <summary>
/// What the email nodes mail to and fill templates with, found as AM's email nodes find it: the identity attribute's value
/// from shared state (<c>objectAttributes</c> first, then the top level, then <c>username</c> for userName), and either the
/// identity it names or the objectAttributes themselves as the template's <c>object</c>.
/// </summary>
public sealed class EmailRecipients(IDbContextFactory<JourneyStudioDbContext> contextFactory)
{
    public const string UserNameAttribute = "userName";
    public const string MailAttribute = "mail";
    public const string IdAttribute = "_id";

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

    /// <summary>The identity whose <paramref name="attribute"/> (userName, mail or _id) is <paramref name="value"/>, as a template object; null when none (or several share a mail).</summary>
    public async Task<IReadOnlyDictionary<string, string>?> LookUpAsync(string attribute, string? value, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(value)) return null;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Identities.AsNoTracking();
        List<Identity> found;
        switch (attribute)
        {
            case UserNameAttribute:
                found = await query.Where(i => i.Username == value).Take(2).ToListAsync(cancellationToken);
                break;
            case MailAttribute:
                // Mail is not unique: an address two identities share identifies neither.
                found = await query.Where(i => i.Mail == value).Take(2).ToListAsync(cancellationToken);
                break;
            case IdAttribute when int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id):
                found = await query.Where(i => i.Id == id).Take(2).ToListAsync(cancellationToken);
                break;
            default:
                return null;
        }
        if (found.Count != 1) return null;
        var identity = found[0];
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [IdAttribute] = identity.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [UserNameAttribute] = identity.Username,
            ["givenName"] = identity.GivenName,
            ["sn"] = identity.Sn,
            [MailAttribute] = identity.Mail,
        };
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
