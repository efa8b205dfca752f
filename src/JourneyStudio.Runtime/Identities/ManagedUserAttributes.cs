using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace JourneyStudio.Runtime.Identities;

/// <summary>One identity as IDM shows a <c>managed/user</c> object: its <c>_id</c>, username and its attributes by IDM name.</summary>
/// <param name="Attributes">
/// The object in IDM's shape (<c>userName</c>, <c>givenName</c>, <c>sn</c>, <c>mail</c>, <c>telephoneNumber</c>,
/// <c>preferences</c>, <c>accountStatus</c>, <c>kbaInfo</c> (questions only), <c>termsAccepted</c>, <c>loginCount</c>,
/// <c>lastLogin</c>, custom attributes); empty values are absent, so that <c>pr</c> means "has a value". Never the
/// password or an answer hash. A fresh object per read: callers may keep or change it.
/// </param>
public sealed record ManagedUser(string Id, string UserName, JsonObject Attributes, bool HasPassword, int LoginCount)
{
    /// <summary>
    /// The value at an IDM attribute path (<c>mail</c>, <c>preferences/marketing</c>, <c>/termsAccepted/termsVersion</c>), or
    /// null when absent. <c>password</c> is never readable; see <see cref="HasValue"/>.
    /// </summary>
    public JsonNode? Get(string path) => AttributePath.Read(Attributes, path);

    /// <summary>True when the attribute has a value; for the write-only <c>password</c>, when a password is set.</summary>
    public bool HasValue(string path) =>
        string.Equals(path.Trim('/'), ManagedUserAttributes.Names.Password, StringComparison.Ordinal) ? HasPassword : Get(path) is not null;
}

/// <summary>Why a managed-user write was refused: the attribute (IDM path) and a message an admin or a log reader can act on.</summary>
public sealed record ManagedUserProblem(string Attribute, string Message);

public abstract record ManagedUserWrite
{
    public sealed record Done(ManagedUser User) : ManagedUserWrite;
    public sealed record NotFound : ManagedUserWrite;
    public sealed record UsernameTaken(string ExistingUsername) : ManagedUserWrite;
    public sealed record Invalid(ManagedUserProblem Problem) : ManagedUserWrite;
}

/// <summary>
/// The identity store seen through IDM's <c>managed/user</c> attribute names: the one place that maps them to the studio's
/// identity, for every node that reads or writes a profile (Create/Patch Object, Identify Existing User, the decision
/// nodes, login counts, KBA) and for the script <c>idRepository</c> binding. Names: <c>_id</c> (read-only), <c>userName</c>,
/// <c>givenName</c>, <c>sn</c>, <c>mail</c>, <c>telephoneNumber</c>, <c>preferences/marketing</c>, <c>preferences/updates</c>,
/// <c>accountStatus</c> (<c>active</c>/<c>inactive</c>), <c>kbaInfo</c> (answers write-only, hashed), <c>termsAccepted</c>
/// (<c>termsVersion</c>, <c>acceptDate</c>), <c>loginCount</c> and <c>lastLogin</c> (read-only; see
/// <see cref="IncrementLoginCountAsync"/>), <c>password</c> (write-only); any other name is a custom string attribute.
/// Writes go through <see cref="IdentityStore"/>, so they obey the same rules as the admin API.
/// </summary>
public sealed class ManagedUserAttributes(IdentityStore store)
{
    /// <summary>IDM's attribute names.</summary>
    public static class Names
    {
        public const string Id = "_id";
        public const string UserName = "userName";
        public const string GivenName = "givenName";
        public const string Sn = "sn";
        public const string Mail = "mail";
        public const string TelephoneNumber = "telephoneNumber";
        public const string Preferences = "preferences";
        public const string Marketing = "marketing";
        public const string Updates = "updates";
        public const string AccountStatus = "accountStatus";
        public const string KbaInfo = "kbaInfo";
        public const string TermsAccepted = "termsAccepted";
        public const string TermsVersion = "termsVersion";
        public const string AcceptDate = "acceptDate";
        public const string LoginCount = "loginCount";
        public const string LastLogin = "lastLogin";
        public const string Password = "password";
        public const string QuestionId = "questionId";
        public const string CustomQuestion = "customQuestion";
        public const string Answer = "answer";

        public const string Active = "active";
        public const string Inactive = "inactive";
    }

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        Names.Id, Names.UserName, Names.GivenName, Names.Sn, Names.Mail, Names.TelephoneNumber, Names.Preferences,
        Names.AccountStatus, Names.KbaInfo, Names.TermsAccepted, Names.LoginCount, Names.LastLogin, Names.Password,
        "username", "active", "locked", "customAttributes",
    };

    private static readonly HashSet<string> ReadOnly = new(StringComparer.Ordinal) { Names.Id, Names.LoginCount, Names.LastLogin };

    /// <summary>True for a name that is an attribute of its own (or an admin API field), so no custom attribute may take it.</summary>
    public static bool IsReservedName(string name) => Reserved.Contains(name);

    /// <summary>IDM's <c>_id</c> of an identity.</summary>
    public static string IdOf(Identity identity) => identity.Id.ToString(CultureInfo.InvariantCulture);

    public async Task<ManagedUser?> GetByUsernameAsync(string username, CancellationToken cancellationToken = default) =>
        await store.FindEntityAsync(i => i.Username == username, cancellationToken) is { } identity ? ToManagedUser(identity) : null;

    public async Task<ManagedUser?> GetByIdAsync(string id, CancellationToken cancellationToken = default) =>
        int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var key)
        && await store.FindEntityAsync(i => i.Id == key, cancellationToken) is { } identity
            ? ToManagedUser(identity)
            : null;

    /// <summary>
    /// The users whose <paramref name="attribute"/> equals <paramref name="value"/> (at most <paramref name="limit"/>):
    /// <c>userName</c> and <c>mail</c> without regard to case, as IDM on a directory matches them; <c>_id</c>, names,
    /// <c>telephoneNumber</c> and custom attributes exactly.
    /// </summary>
    public async Task<IReadOnlyList<ManagedUser>> FindAsync(string attribute, string value, int limit = 2, CancellationToken cancellationToken = default)
    {
        var name = attribute.Trim('/');
        IReadOnlyList<Identity> found;
        switch (name)
        {
            case Names.Id:
                return await GetByIdAsync(value, cancellationToken) is { } byId ? [byId] : [];
            case Names.UserName:
                found = await store.FindEntitiesAsync(i => i.Username == value, limit, cancellationToken);
                break;
            case Names.Mail:
                found = await store.FindEntitiesAsync(i => EF.Functions.Collate(i.Mail, JourneyStudioDbContext.CaseInsensitiveCollation) == value, limit, cancellationToken);
                break;
            case Names.GivenName:
                found = await store.FindEntitiesAsync(i => i.GivenName == value, limit, cancellationToken);
                break;
            case Names.Sn:
                found = await store.FindEntitiesAsync(i => i.Sn == value, limit, cancellationToken);
                break;
            case Names.TelephoneNumber:
                found = await store.FindEntitiesAsync(i => i.TelephoneNumber == value, limit, cancellationToken);
                break;
            default:
                if (IsReservedName(name) || IdentityRules.ValidateCustomAttributeName(name) is not null) return [];
                found = await store.FindByCustomAttributeAsync(name, value, limit, cancellationToken);
                break;
        }
        return found.Select(ToManagedUser).ToList();
    }

    /// <summary>Creates a user from IDM-shaped attributes (<c>userName</c> required) and a password (required by the store's rules).</summary>
    public async Task<ManagedUserWrite> CreateAsync(JsonObject attributes, string? password, CancellationToken cancellationToken = default)
    {
        var read = ReadChanges(attributes, ignored: null);
        if (read.Problem is { } problem) return new ManagedUserWrite.Invalid(problem);
        if (string.IsNullOrEmpty(read.UserName))
            return new ManagedUserWrite.Invalid(new ManagedUserProblem(Names.UserName, "The userName is required."));
        var secret = read.Password ?? password;
        if (string.IsNullOrEmpty(secret))
            return new ManagedUserWrite.Invalid(new ManagedUserProblem(Names.Password, "The password is required."));
        var result = await store.CreateAsync(new NewIdentity(read.UserName, secret, read.GivenName ?? "", read.Sn ?? "", read.Mail ?? "")
        {
            Profile = read.Profile,
            Active = read.Active ?? true,
        }, cancellationToken);
        return await ToWriteAsync(result, cancellationToken);
    }

    /// <summary>
    /// Writes IDM-shaped attributes to the user <paramref name="username"/>; names in <paramref name="ignoredFields"/> and the
    /// read-only ones are skipped. <c>userName</c> may only repeat the current name. <paramref name="bySignOn"/>: the user's own
    /// change in a journey (a new password does not end that sign-on).
    /// </summary>
    public async Task<ManagedUserWrite> PatchAsync(string username, JsonObject attributes, IReadOnlyCollection<string>? ignoredFields = null,
        bool bySignOn = false, CancellationToken cancellationToken = default)
    {
        var read = ReadChanges(attributes, ignoredFields);
        if (read.Problem is { } problem) return new ManagedUserWrite.Invalid(problem);
        if (read.UserName is { } renamed && !string.Equals(renamed, username, StringComparison.OrdinalIgnoreCase))
            return new ManagedUserWrite.Invalid(new ManagedUserProblem(Names.UserName, $"The userName cannot be changed (from '{username}' to '{renamed}')."));
        var result = await store.UpdateAsync(username,
            new IdentityUpdate(read.GivenName, read.Sn, read.Mail, read.Active, read.Password) { Profile = read.Profile, BySignOn = bySignOn },
            cancellationToken);
        return await ToWriteAsync(result, cancellationToken);
    }

    /// <summary>Adds one to <c>loginCount</c> and sets <c>lastLogin</c> to now, atomically. False when there is no such user.</summary>
    public Task<bool> IncrementLoginCountAsync(string username, CancellationToken cancellationToken = default) =>
        store.IncrementLoginCountAsync(username, cancellationToken);

    /// <summary>The user's security questions, in stored order (the index is what <see cref="VerifyKbaAnswersAsync"/> takes).</summary>
    public async Task<IReadOnlyList<KbaQuestionSummary>> KbaQuestionsAsync(string username, CancellationToken cancellationToken = default) =>
        await store.FindEntityAsync(i => i.Username == username, cancellationToken) is { } identity
            ? identity.KbaInfo.Select(k => new KbaQuestionSummary(k.QuestionId, k.CustomQuestion)).ToList()
            : [];

    /// <summary>True when every given answer (by question index) matches, without regard to case or surrounding spaces.</summary>
    public Task<bool> VerifyKbaAnswersAsync(string username, IReadOnlyDictionary<int, string> answers, CancellationToken cancellationToken = default) =>
        store.VerifyKbaAnswersAsync(username, answers, cancellationToken);

    /// <summary>What an IDM-shaped object asks to change; <see cref="Problem"/> is set when a value is not valid.</summary>
    public sealed record Changes
    {
        public string? UserName { get; init; }
        public string? GivenName { get; init; }
        public string? Sn { get; init; }
        public string? Mail { get; init; }
        public bool? Active { get; init; }
        public string? Password { get; init; }
        public IdentityProfileChanges Profile { get; init; } = IdentityProfileChanges.None;
        public ManagedUserProblem? Problem { get; init; }
    }

    /// <summary>
    /// Reads IDM-shaped attributes into changes of the identity, checking each value's shape (the rules on lengths and
    /// formats are the store's). Read-only names and <paramref name="ignored"/> ones are skipped.
    /// </summary>
    public static Changes ReadChanges(JsonObject attributes, IReadOnlyCollection<string>? ignored)
    {
        var changes = new Changes();
        var profile = new IdentityProfileChanges();
        Dictionary<string, string?>? custom = null;
        foreach (var (name, value) in attributes)
        {
            if (ReadOnly.Contains(name) || ignored?.Contains(name) == true) continue;
            ManagedUserProblem? problem = null;
            switch (name)
            {
                case Names.UserName: changes = changes with { UserName = ReadText(name, value, ref problem) }; break;
                case Names.GivenName: changes = changes with { GivenName = ReadText(name, value, ref problem) ?? "" }; break;
                case Names.Sn: changes = changes with { Sn = ReadText(name, value, ref problem) ?? "" }; break;
                case Names.Mail: changes = changes with { Mail = ReadText(name, value, ref problem) ?? "" }; break;
                case Names.Password: changes = changes with { Password = ReadText(name, value, ref problem) }; break;
                case Names.TelephoneNumber: profile = profile with { TelephoneNumber = ReadText(name, value, ref problem) ?? "" }; break;
                case Names.AccountStatus:
                    var status = ReadText(name, value, ref problem);
                    if (status is not null && !string.Equals(status, Names.Active, StringComparison.OrdinalIgnoreCase)
                                           && !string.Equals(status, Names.Inactive, StringComparison.OrdinalIgnoreCase))
                        problem = new ManagedUserProblem(name, $"The accountStatus must be 'active' or 'inactive', not '{status}'.");
                    else if (status is not null) changes = changes with { Active = string.Equals(status, Names.Active, StringComparison.OrdinalIgnoreCase) };
                    break;
                case Names.Preferences:
                    profile = ReadPreferences(value, profile, ref problem);
                    break;
                case Names.KbaInfo:
                    profile = profile with { KbaInfo = ReadKba(value, ref problem) };
                    break;
                case Names.TermsAccepted:
                    profile = profile with { TermsAccepted = ReadTerms(value, ref problem) };
                    break;
                default:
                    if (IsReservedName(name))
                        problem = new ManagedUserProblem(name, $"'{name}' cannot be written here.");
                    else if (IdentityRules.ValidateCustomAttributeName(name) is { } nameProblem)
                        problem = new ManagedUserProblem(name, nameProblem);
                    else
                        (custom ??= new Dictionary<string, string?>(StringComparer.Ordinal))[name] = ReadText(name, value, ref problem);
                    break;
            }
            if (problem is not null) return changes with { Problem = problem };
        }
        if (custom is not null) profile = profile with { CustomAttributes = custom };
        return changes with { Profile = profile };
    }

    private static string? ReadText(string name, JsonNode? value, ref ManagedUserProblem? problem)
    {
        if (value is null) return null;
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String) return v.GetValue<string>();
        problem = new ManagedUserProblem(name, $"'{name}' must be text, not {Kind(value)}.");
        return null;
    }

    private static IdentityProfileChanges ReadPreferences(JsonNode? value, IdentityProfileChanges profile, ref ManagedUserProblem? problem)
    {
        if (value is null) return profile;
        if (value is not JsonObject preferences)
        {
            problem = new ManagedUserProblem(Names.Preferences, $"'preferences' must be an object such as {{\"marketing\": true, \"updates\": false}}, not {Kind(value)}.");
            return profile;
        }
        foreach (var (key, flag) in preferences)
        {
            var path = $"{Names.Preferences}/{key}";
            if (key is not (Names.Marketing or Names.Updates))
            {
                problem = new ManagedUserProblem(path, $"'{path}' is not a preference; the preferences are marketing and updates.");
                return profile;
            }
            bool? parsed;
            if (flag is null) parsed = null;
            else if (flag is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False) parsed = b.GetValue<bool>();
            // The hosted pages and some clients send booleans as text.
            else if (flag is JsonValue t && t.GetValueKind() == JsonValueKind.String && bool.TryParse(t.GetValue<string>(), out var fromText)) parsed = fromText;
            else
            {
                problem = new ManagedUserProblem(path, $"'{path}' must be true or false, not {Kind(flag)}.");
                return profile;
            }
            profile = key == Names.Marketing ? profile with { Marketing = parsed } : profile with { Updates = parsed };
        }
        return profile;
    }

    private static IReadOnlyList<KbaAnswerInput>? ReadKba(JsonNode? value, ref ManagedUserProblem? problem)
    {
        if (value is null) return null;
        if (value is not JsonArray items)
        {
            problem = new ManagedUserProblem(Names.KbaInfo, $"'kbaInfo' must be a list of {{\"questionId\" or \"customQuestion\", \"answer\"}}, not {Kind(value)}.");
            return null;
        }
        var answers = new List<KbaAnswerInput>();
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{Names.KbaInfo}/{i}";
            if (items[i] is not JsonObject item || item.Any(p => p.Key is not (Names.QuestionId or Names.CustomQuestion or Names.Answer)))
            {
                problem = new ManagedUserProblem(path, $"'{path}' must be an object with questionId or customQuestion, and answer.");
                return null;
            }
            var questionId = ReadText($"{path}/{Names.QuestionId}", item[Names.QuestionId], ref problem);
            var customQuestion = ReadText($"{path}/{Names.CustomQuestion}", item[Names.CustomQuestion], ref problem);
            var answer = ReadText($"{path}/{Names.Answer}", item[Names.Answer], ref problem);
            if (problem is not null) return null;
            answers.Add(new KbaAnswerInput(questionId, customQuestion, answer ?? ""));
        }
        return answers;
    }

    private static TermsAcceptance? ReadTerms(JsonNode? value, ref ManagedUserProblem? problem)
    {
        if (value is null) return null;
        if (value is JsonObject terms && terms.All(p => p.Key is Names.TermsVersion or Names.AcceptDate)
            && terms[Names.TermsVersion] is JsonValue version && version.GetValueKind() == JsonValueKind.String
            && terms[Names.AcceptDate] is JsonValue date && date.GetValueKind() == JsonValueKind.String)
        {
            if (DateTimeOffset.TryParse(date.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var acceptDate))
                return new TermsAcceptance(version.GetValue<string>(), acceptDate.ToUniversalTime());
            problem = new ManagedUserProblem($"{Names.TermsAccepted}/{Names.AcceptDate}",
                $"'termsAccepted/acceptDate' must be an ISO-8601 date and time, not '{date.GetValue<string>()}'.");
            return null;
        }
        problem = new ManagedUserProblem(Names.TermsAccepted, "'termsAccepted' must be an object {\"termsVersion\": text, \"acceptDate\": ISO-8601 text}.");
        return null;
    }

    private static string Kind(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        _ => "a " + node.GetValueKind().ToString().ToLowerInvariant(),
    };

    private async Task<ManagedUserWrite> ToWriteAsync(IdentityResult result, CancellationToken cancellationToken) => result switch
    {
        IdentityResult.Done done => await GetByUsernameAsync(done.Identity.Username, cancellationToken) is { } user
            ? new ManagedUserWrite.Done(user)
            : new ManagedUserWrite.NotFound(),
        IdentityResult.NotFound => new ManagedUserWrite.NotFound(),
        IdentityResult.UsernameTaken taken => new ManagedUserWrite.UsernameTaken(taken.ExistingUsername),
        IdentityResult.Invalid invalid => new ManagedUserWrite.Invalid(new ManagedUserProblem("", invalid.Message)),
        _ => throw new InvalidOperationException($"Unexpected identity result {result}."),
    };

    /// <summary>The IDM-shaped object of an identity (see <see cref="ManagedUser.Attributes"/>).</summary>
    internal static ManagedUser ToManagedUser(Identity i)
    {
        var attributes = new JsonObject
        {
            [Names.Id] = IdOf(i),
            [Names.UserName] = i.Username,
            [Names.AccountStatus] = i.Active ? Names.Active : Names.Inactive,
        };
        AddText(attributes, Names.GivenName, i.GivenName);
        AddText(attributes, Names.Sn, i.Sn);
        AddText(attributes, Names.Mail, i.Mail);
        AddText(attributes, Names.TelephoneNumber, i.TelephoneNumber);
        if (i.MarketingPreference is not null || i.UpdatesPreference is not null)
        {
            var preferences = new JsonObject();
            if (i.MarketingPreference is { } marketing) preferences[Names.Marketing] = marketing;
            if (i.UpdatesPreference is { } updates) preferences[Names.Updates] = updates;
            attributes[Names.Preferences] = preferences;
        }
        if (i.KbaInfo.Count > 0)
            attributes[Names.KbaInfo] = new JsonArray(i.KbaInfo.Select(k => (JsonNode)(k.QuestionId is not null
                ? new JsonObject { [Names.QuestionId] = k.QuestionId }
                : new JsonObject { [Names.CustomQuestion] = k.CustomQuestion })).ToArray());
        if (i.TermsVersion is { } version && i.TermsAcceptedAt is { } acceptedAt)
            attributes[Names.TermsAccepted] = new JsonObject
            {
                [Names.AcceptDate] = acceptedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                [Names.TermsVersion] = version,
            };
        attributes[Names.LoginCount] = i.LoginCount;
        if (i.LastLogin is { } lastLogin)
            attributes[Names.LastLogin] = lastLogin.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        foreach (var (name, value) in i.CustomAttributes.OrderBy(a => a.Key, StringComparer.Ordinal))
            attributes[name] = value;
        return new ManagedUser(IdOf(i), i.Username, attributes, !string.IsNullOrEmpty(i.PasswordHash), i.LoginCount);
    }

    private static void AddText(JsonObject attributes, string name, string value)
    {
        if (!string.IsNullOrEmpty(value)) attributes[name] = value;
    }
}
