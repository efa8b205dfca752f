using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using JourneyStudio.Journeys.Frodo;
using JourneyStudio.Runtime.Administration;
using JourneyStudio.Runtime.Identities;

namespace JourneyStudio.Web.Api;

/// <summary>
/// <c>/admin/api/identities</c>: end users for the admin (list, create, read, partial update, delete, MFA reset). Identities
/// show <c>locked</c> and <c>lockedUntil</c> (the brute-force lockout); <c>PUT</c> with <c>"locked": false</c> unlocks.
/// </summary>
internal static class AdminIdentityEndpoints
{
    // The profile fields take IDM's names and shapes (ManagedUserAttributes reads them); custom attributes are the
    // object customAttributes here, so that a misspelt field is an error rather than a new attribute.
    private static readonly string[] ProfileFields = ["telephoneNumber", "accountStatus", "preferences", "customAttributes", "kbaInfo", "termsAccepted"];
    private static readonly string[] StructuredFields = ["preferences", "customAttributes", "kbaInfo", "termsAccepted"];
    private static readonly string[] CreateFields = ["username", "password", "givenName", "sn", "mail", "active", .. ProfileFields];
    private static readonly string[] UpdateFields = ["username", "password", "givenName", "sn", "mail", "active", "locked", .. ProfileFields];

    public static void MapAdminIdentityEndpoints(this RouteGroupBuilder api)
    {
        var identities = api.MapGroup("/identities");
        identities.MapGet("", ListAsync);
        identities.MapPost("", CreateAsync);
        identities.MapGet("/{username}", GetAsync);
        identities.MapPut("/{username}", UpdateAsync);
        identities.MapDelete("/{username}", DeleteAsync);
        identities.MapDelete("/{username}/devices", ResetDevicesAsync);
    }

    private static readonly string[] ListParameters = ["search", "offset", "limit"];

    /// <summary>
    /// <c>GET /admin/api/identities[?search=TEXT][&amp;offset=N][&amp;limit=N]</c>: a page of identities by username (an array, as
    /// before paging), <see cref="IdentityQuery.DefaultLimit"/> unless <c>limit</c> says otherwise; <c>X-Total-Count</c> is how
    /// many match in all.
    /// </summary>
    private static async Task<IResult> ListAsync(HttpContext http, IdentityStore store, AccountLockoutService lockouts, CancellationToken cancellationToken)
    {
        var parameters = new AdminApiQuery(http.Request.Query, ListParameters);
        var query = new IdentityQuery
        {
            Search = parameters.Text("search"),
            Offset = parameters.Number("offset") ?? 0,
            Limit = parameters.Number("limit") ?? IdentityQuery.DefaultLimit,
        };
        var errors = parameters.Errors;
        errors.AddRange(query.Validate().Select(p => new JourneyFormatError($"?{p.Parameter.ToLowerInvariant()}", p.Message)));
        if (errors.Count > 0)
            return AdminApiErrors.BadRequest($"The identity list's parameters are not valid; the parameters are {string.Join(", ", ListParameters)}.", errors);

        var page = await store.SearchAsync(query, cancellationToken);
        var locked = await lockouts.LockedUntilAsync(page.Identities.Select(i => i.Username).ToList(), cancellationToken);
        http.Response.Headers["X-Total-Count"] = page.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Json(page.Identities.Select(i => ToJson(i, locked.TryGetValue(i.Username, out var until) ? until : null)).ToList());
    }

    private static async Task<IResult> GetAsync(string username, IdentityStore store, AccountLockoutService lockouts, CancellationToken cancellationToken) =>
        await store.GetAsync(username, cancellationToken) is { } identity
            ? Results.Json(ToJson(identity, await lockouts.LockedUntilAsync(identity.Username, cancellationToken)))
            : NoSuchIdentity(username);

    private static async Task<IResult> CreateAsync(HttpContext http, IdentityAdminService admin, CancellationToken cancellationToken)
    {
        var (fields, problem) = await ReadObjectAsync(http.Request, CreateFields, booleans: ["active"]);
        if (problem is not null) return problem;
        var (profile, active, profileProblem) = ReadProfile(fields);
        if (profileProblem is not null) return profileProblem;
        var request = new NewIdentity(
            fields.GetValueOrDefault("username") as string ?? "",
            fields.GetValueOrDefault("password") as string ?? "",
            fields.GetValueOrDefault("givenName") as string ?? "",
            fields.GetValueOrDefault("sn") as string ?? "",
            fields.GetValueOrDefault("mail") as string ?? "") { Profile = profile, Active = active ?? true };
        return await admin.CreateAsync(request, AdminApiActor.Of(http), cancellationToken) switch
        {
            IdentityResult.Done done => Results.Json(ToJson(done.Identity, lockedUntil: null), statusCode: StatusCodes.Status201Created),
            IdentityResult.UsernameTaken taken => AdminApiErrors.Conflict($"The username is taken by '{taken.ExistingUsername}'.",
                new Dictionary<string, object?> { ["existingUsername"] = taken.ExistingUsername }),
            IdentityResult.Invalid invalid => AdminApiErrors.BadRequest(invalid.Message),
            var other => throw new InvalidOperationException($"Unexpected identity result {other}."),
        };
    }

    private static async Task<IResult> UpdateAsync(string username, HttpContext http, IdentityAdminService admin, IdentityStore store,
        AccountLockoutService lockouts, CancellationToken cancellationToken)
    {
        var (fields, problem) = await ReadObjectAsync(http.Request, UpdateFields, booleans: ["active", "locked"]);
        if (problem is not null) return problem;
        if (fields.GetValueOrDefault("username") is string renamed && !string.Equals(renamed, username, StringComparison.Ordinal))
            return AdminApiErrors.BadRequest($"The username cannot be changed (the URL names '{username}', the body '{renamed}').",
                [new JourneyFormatError("$.username", $"expected '{username}' or no username")]);
        // Lockouts come from failed sign-ons only; an admin who wants someone kept out disables them.
        if (fields.GetValueOrDefault("locked") is true)
            return AdminApiErrors.BadRequest("An identity cannot be locked by hand; set \"active\": false to stop it signing on.",
                [new JourneyFormatError("$.locked", "only false (unlock) can be set")]);

        IdentitySummary identity;
        var actor = AdminApiActor.Of(http);
        var unlockOnly = fields.ContainsKey("locked") && fields.Keys.All(k => k is "locked" or "username");
        if (unlockOnly)
        {
            if (await store.GetAsync(username, cancellationToken) is not { } existing) return NoSuchIdentity(username);
            identity = existing;
        }
        else
        {
            var (profile, active, profileProblem) = ReadProfile(fields);
            if (profileProblem is not null) return profileProblem;
            var update = new IdentityUpdate(
                GivenName: fields.GetValueOrDefault("givenName") as string,
                Sn: fields.GetValueOrDefault("sn") as string,
                Mail: fields.GetValueOrDefault("mail") as string,
                Active: active,
                Password: fields.GetValueOrDefault("password") as string) { Profile = profile };
            switch (await admin.UpdateAsync(username, update, actor, cancellationToken))
            {
                case IdentityResult.Done done: identity = done.Identity; break;
                case IdentityResult.NotFound: return NoSuchIdentity(username);
                case IdentityResult.Invalid invalid: return AdminApiErrors.BadRequest(invalid.Message);
                case var other: throw new InvalidOperationException($"Unexpected identity result {other}.");
            }
        }

        if (fields.ContainsKey("locked"))
            await lockouts.UnlockAsync(identity.Username, actor, cancellationToken);
        return Results.Json(ToJson(identity, await lockouts.LockedUntilAsync(identity.Username, cancellationToken)));
    }

    private static async Task<IResult> DeleteAsync(string username, HttpContext http, IdentityAdminService admin, CancellationToken cancellationToken) =>
        await admin.DeleteAsync(username, AdminApiActor.Of(http), cancellationToken) ? Results.NoContent() : NoSuchIdentity(username);

    private static async Task<IResult> ResetDevicesAsync(string username, HttpContext http, IdentityAdminService admin, CancellationToken cancellationToken) =>
        await admin.ResetDevicesAsync(username, AdminApiActor.Of(http), cancellationToken) ? Results.NoContent() : NoSuchIdentity(username);

    private static IResult NoSuchIdentity(string username) => AdminApiErrors.NotFound($"There is no identity with the username '{username}'.");

    private static object ToJson(IdentitySummary identity, DateTimeOffset? lockedUntil) => new
    {
        username = identity.Username,
        givenName = identity.GivenName,
        sn = identity.Sn,
        mail = identity.Mail,
        active = identity.Active,
        // Temporarily locked by the brute-force protector after failed credential checks (until lockedUntil, UTC).
        locked = lockedUntil is not null,
        lockedUntil,
        mfaSkip = new { push = SkipName(identity.PushSkip), oath = SkipName(identity.OathSkip), webAuthn = SkipName(identity.WebAuthnSkip) },
        created = identity.CreatedAt,
        updated = identity.UpdatedAt,
        _id = identity.Id,
        accountStatus = identity.Active ? ManagedUserAttributes.Names.Active : ManagedUserAttributes.Names.Inactive,
        telephoneNumber = identity.Profile.TelephoneNumber,
        preferences = new { marketing = identity.Profile.Marketing, updates = identity.Profile.Updates },
        customAttributes = identity.Profile.CustomAttributes,
        // The questions only: answers are kept hashed and never leave the store.
        kbaInfo = identity.Profile.KbaQuestions.Select(q => q.QuestionId is not null
            ? (object)new { questionId = q.QuestionId }
            : new { customQuestion = q.CustomQuestion }).ToList(),
        loginCount = identity.Profile.LoginCount,
        lastLogin = identity.Profile.LastLogin,
        termsAccepted = identity.Profile.TermsAccepted is { } terms
            ? new { termsVersion = terms.TermsVersion, acceptDate = terms.AcceptDate }
            : null,
    };

    /// <summary>
    /// The profile fields of a request, read by the one IDM attribute reader (<see cref="ManagedUserAttributes.ReadChanges"/>),
    /// with its problems answered as 400s at the field's JSON path. <c>accountStatus</c> and <c>active</c> say the same; both
    /// may be given only when they agree.
    /// </summary>
    private static (IdentityProfileChanges Profile, bool? Active, IResult? Problem) ReadProfile(Dictionary<string, object> fields)
    {
        var attributes = new JsonObject();
        foreach (var name in ProfileFields.Where(fields.ContainsKey))
        {
            if (name == "customAttributes")
            {
                var custom = (JsonElement)fields[name];
                if (custom.ValueKind != JsonValueKind.Object)
                    return Refuse("$.customAttributes", $"expected an object of text values, found {Kind(custom)}");
                foreach (var attribute in custom.EnumerateObject())
                {
                    if (attribute.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                        return Refuse($"$.customAttributes.{attribute.Name}", $"expected a string (or null to remove it), found {Kind(attribute.Value)}");
                    if (IdentityRules.ValidateCustomAttributeName(attribute.Name) is { } nameProblem)
                        return Refuse($"$.customAttributes.{attribute.Name}", nameProblem);
                    attributes[attribute.Name] = attribute.Value.ValueKind == JsonValueKind.Null ? null : attribute.Value.GetString();
                }
            }
            else
                attributes[name] = fields[name] switch
                {
                    JsonElement element => JsonNode.Parse(element.GetRawText()),
                    string text => text,
                    _ => null,
                };
        }
        var changes = ManagedUserAttributes.ReadChanges(attributes, ignored: null);
        if (changes.Problem is { } problem)
            return Refuse("$." + problem.Attribute.Replace('/', '.'), problem.Message);

        var active = fields.GetValueOrDefault("active") as bool?;
        if (active is { } flag && changes.Active is { } status && flag != status)
            return Refuse("$.accountStatus", $"accountStatus '{(status ? "active" : "inactive")}' contradicts \"active\": {(flag ? "true" : "false")}");
        return (changes.Profile, active ?? changes.Active, null);

        static (IdentityProfileChanges, bool?, IResult?) Refuse(string path, string message) =>
            (IdentityProfileChanges.None, null, AdminApiErrors.BadRequest($"The field {path[2..]} is not valid: {message}", [new JourneyFormatError(path, message)]));

        static string Kind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();
    }

    private static string SkipName(MfaSkipState state) => state switch
    {
        MfaSkipState.Skippable => "skippable",
        MfaSkipState.NotSkippable => "notSkippable",
        _ => "notSet",
    };

    /// <summary>
    /// Reads a flat JSON object of known fields: strings, except the <paramref name="booleans"/>. Unknown
    /// fields and wrong types are refused with their paths rather than ignored, so a typo cannot silently
    /// leave a field unchanged.
    /// </summary>
    private static async Task<(Dictionary<string, object> Fields, IResult? Problem)> ReadObjectAsync(
        HttpRequest request, string[] allowed, string[] booleans)
    {
        var fields = new Dictionary<string, object>(StringComparer.Ordinal);
        var body = await AdminApi.ReadBodyAsync(request);
        if (AdminApiErrors.Refusal(body, $"The request body must be a JSON object with {string.Join(", ", allowed)}; it is empty.") is { } refused)
            return (fields, refused);
        var root = ((RequestJsonBody.Parsed)body).Root;
        if (root.ValueKind != JsonValueKind.Object)
            return (fields, AdminApiErrors.BadRequest("The request body must be a JSON object.",
                [new JourneyFormatError("$", $"expected an object, found {root.ValueKind.ToString().ToLowerInvariant()}")]));
        var errors = new List<JourneyFormatError>();
        foreach (var property in root.EnumerateObject())
        {
            var path = $"$.{property.Name}";
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
                errors.Add(new JourneyFormatError(path, $"unknown field; expected one of {string.Join(", ", allowed)}"));
            else if (StructuredFields.Contains(property.Name))
            {
                // Objects and lists, checked by ReadProfile; null leaves the field as it is.
                if (property.Value.ValueKind != JsonValueKind.Null) fields[property.Name] = property.Value.Clone();
            }
            else if (booleans.Contains(property.Name))
            {
                if (property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False) fields[property.Name] = property.Value.GetBoolean();
                else errors.Add(new JourneyFormatError(path, $"expected true or false, found {property.Value.ValueKind.ToString().ToLowerInvariant()}"));
            }
            else if (property.Value.ValueKind == JsonValueKind.String) fields[property.Name] = property.Value.GetString()!;
            else if (property.Value.ValueKind != JsonValueKind.Null)
                errors.Add(new JourneyFormatError(path, $"expected a string, found {property.Value.ValueKind.ToString().ToLowerInvariant()}"));
        }
        return errors.Count > 0 ? (fields, AdminApiErrors.BadRequest("The request body has fields that are not valid.", errors)) : (fields, null);
    }
}
