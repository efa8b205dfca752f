using System.Text.Json;
using JourneyStudio.Journeys.Frodo;
using JourneyStudio.OpenIdConnect.Clients;

namespace JourneyStudio.Web.Api;

/// <summary>
/// <c>/admin/api/oauth2/clients</c>: the OpenID Connect provider's clients (list, create, read, replace, delete). The
/// body is <c>{"clientId", "clientSecret"?, "redirectUris", "postLogoutRedirectUris"?, "scopes", "journeys"?, "name"?}</c>
/// plus the optional <c>defaultJourney</c>, <c>firstParty</c>, <c>corsOrigins</c>, <c>confidential</c> and the
/// lifetimes in seconds (<c>accessTokenLifetime</c>, <c>idTokenLifetime</c>, <c>refreshTokenLifetime</c>). A secret
/// makes the client confidential; a confidential client created without one gets a generated secret, answered once.
/// Secrets are never answered otherwise (only their hash is kept).
/// </summary>
internal static class AdminOAuthClientEndpoints
{
    private static readonly string[] StringFields = ["clientId", "clientSecret", "name", "defaultJourney"];
    private static readonly string[] ListFields = ["redirectUris", "postLogoutRedirectUris", "scopes", "journeys", "corsOrigins"];
    private static readonly string[] BooleanFields = ["firstParty", "confidential"];
    private static readonly string[] LifetimeFields = ["accessTokenLifetime", "idTokenLifetime", "refreshTokenLifetime"];
    private static readonly string[] RequiredFields = ["redirectUris", "scopes"];

    public static void MapAdminOAuthClientEndpoints(this RouteGroupBuilder api)
    {
        var clients = api.MapGroup("/oauth2/clients");
        clients.MapGet("", async (OAuthClientStore store, CancellationToken cancellationToken) =>
            Results.Json((await store.ListAsync(cancellationToken)).Select(c => ToJson(c, generatedSecret: null)).ToList()));
        clients.MapPost("", CreateAsync);
        clients.MapGet("/{clientId}", async (string clientId, OAuthClientStore store, CancellationToken cancellationToken) =>
            await store.GetAsync(clientId, cancellationToken) is { } client ? Results.Json(ToJson(client, null)) : NoSuchClient(clientId));
        clients.MapPut("/{clientId}", UpdateAsync);
        clients.MapDelete("/{clientId}", async (string clientId, HttpContext http, OAuthClientAdminService admin, CancellationToken cancellationToken) =>
            await admin.DeleteAsync(clientId, AdminApiActor.Of(http), cancellationToken) ? Results.NoContent() : NoSuchClient(clientId));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, OAuthClientAdminService admin, CancellationToken cancellationToken)
    {
        var (request, problem) = await ReadAsync(http.Request, clientIdRequired: true, defaultClientId: "");
        if (problem is not null) return problem;
        return Answer(await admin.CreateAsync(request!, AdminApiActor.Of(http), cancellationToken), StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(string clientId, HttpContext http, OAuthClientAdminService admin, CancellationToken cancellationToken)
    {
        var (request, problem) = await ReadAsync(http.Request, clientIdRequired: false, defaultClientId: clientId);
        if (problem is not null) return problem;
        return Answer(await admin.UpdateAsync(clientId, request!, AdminApiActor.Of(http), cancellationToken), StatusCodes.Status200OK);
    }

    private static IResult Answer(OAuthClientResult result, int status) => result switch
    {
        OAuthClientResult.Done done => Results.Json(ToJson(done.Client, done.GeneratedSecret), statusCode: status),
        OAuthClientResult.Invalid invalid => AdminApiErrors.BadRequest("The client is not valid.",
            invalid.Problems.Select(p => new JourneyFormatError(p.Path, p.Message))),
        OAuthClientResult.AlreadyExists exists => AdminApiErrors.Conflict($"There is already a client '{exists.ClientId}'."),
        OAuthClientResult.NotFound missing => NoSuchClient(missing.ClientId),
        var other => throw new InvalidOperationException($"Unexpected client result {other}."),
    };

    private static IResult NoSuchClient(string clientId) => AdminApiErrors.NotFound($"There is no OAuth client '{clientId}'.");

    private static object ToJson(OAuthClient client, string? generatedSecret)
    {
        var json = new Dictionary<string, object?>
        {
            ["clientId"] = client.ClientId,
            ["name"] = client.Name,
            ["confidential"] = client.Confidential,
            ["redirectUris"] = client.RedirectUris,
            ["postLogoutRedirectUris"] = client.PostLogoutRedirectUris,
            ["scopes"] = client.Scopes,
            ["journeys"] = client.Journeys,
            ["defaultJourney"] = client.DefaultJourney,
            ["firstParty"] = client.FirstParty,
            ["corsOrigins"] = client.CorsOrigins,
            ["accessTokenLifetime"] = Seconds(client.AccessTokenLifetime),
            ["idTokenLifetime"] = Seconds(client.IdTokenLifetime),
            ["refreshTokenLifetime"] = Seconds(client.RefreshTokenLifetime),
        };
        // Shown this once; the studio keeps only its hash.
        if (generatedSecret is not null) json["clientSecret"] = generatedSecret;
        return json;
    }

    private static long? Seconds(TimeSpan? lifetime) => lifetime is { } value ? (long)value.TotalSeconds : null;

    /// <summary>Reads the body strictly: known fields of the right types only, each problem named by its path.</summary>
    private static async Task<(OAuthClientRequest? Request, IResult? Problem)> ReadAsync(HttpRequest http, bool clientIdRequired, string defaultClientId)
    {
        var body = await AdminApi.ReadBodyAsync(http);
        if (AdminApiErrors.Refusal(body, "The request body must be a JSON object with clientId, redirectUris and scopes; it is empty.") is { } refused)
            return (null, refused);
        var root = ((RequestJsonBody.Parsed)body).Root;
        if (root.ValueKind != JsonValueKind.Object)
            return (null, AdminApiErrors.BadRequest("The request body must be a JSON object.",
                [new JourneyFormatError("$", $"expected an object, found {Kind(root)}")]));

        var errors = new List<JourneyFormatError>();
        var strings = new Dictionary<string, string>();
        var lists = new Dictionary<string, List<string>>();
        var booleans = new Dictionary<string, bool>();
        var lifetimes = new Dictionary<string, TimeSpan>();
        foreach (var property in root.EnumerateObject())
        {
            var path = $"$.{property.Name}";
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Null && !RequiredFields.Contains(property.Name)) continue;
            if (StringFields.Contains(property.Name))
            {
                if (value.ValueKind == JsonValueKind.String) strings[property.Name] = value.GetString()!;
                else errors.Add(new(path, $"expected a string, found {Kind(value)}"));
            }
            else if (ListFields.Contains(property.Name))
            {
                if (value.ValueKind != JsonValueKind.Array) { errors.Add(new(path, $"expected an array of strings, found {Kind(value)}")); continue; }
                var items = new List<string>();
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String) items.Add(item.GetString()!);
                    else errors.Add(new($"{path}[{index}]", $"expected a string, found {Kind(item)}"));
                    index++;
                }
                lists[property.Name] = items;
            }
            else if (BooleanFields.Contains(property.Name))
            {
                if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) booleans[property.Name] = value.GetBoolean();
                else errors.Add(new(path, $"expected true or false, found {Kind(value)}"));
            }
            else if (LifetimeFields.Contains(property.Name))
            {
                if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var seconds) && seconds > 0)
                    lifetimes[property.Name] = TimeSpan.FromSeconds(seconds);
                else errors.Add(new(path, $"expected a positive whole number of seconds, found {Kind(value)}"));
            }
            else errors.Add(new(path, "unknown field; expected one of " + string.Join(", ", StringFields.Concat(ListFields).Concat(BooleanFields).Concat(LifetimeFields))));
        }
        if (clientIdRequired && !strings.ContainsKey("clientId")) errors.Add(new("$.clientId", "required"));
        foreach (var required in RequiredFields)
            if (!lists.ContainsKey(required) && !errors.Any(e => e.Path.StartsWith("$." + required, StringComparison.Ordinal)))
                errors.Add(new($"$.{required}", "required (an array of strings)"));
        if (errors.Count > 0) return (null, AdminApiErrors.BadRequest("The request body has fields that are not valid.", errors));

        return (new OAuthClientRequest(
            ClientId: strings.GetValueOrDefault("clientId") ?? defaultClientId,
            ClientSecret: strings.GetValueOrDefault("clientSecret"),
            RedirectUris: lists["redirectUris"],
            PostLogoutRedirectUris: lists.GetValueOrDefault("postLogoutRedirectUris"),
            Scopes: lists["scopes"],
            Journeys: lists.GetValueOrDefault("journeys"),
            Name: strings.GetValueOrDefault("name"),
            DefaultJourney: strings.GetValueOrDefault("defaultJourney"),
            FirstParty: booleans.TryGetValue("firstParty", out var firstParty) ? firstParty : null,
            CorsOrigins: lists.GetValueOrDefault("corsOrigins"),
            Confidential: booleans.TryGetValue("confidential", out var confidential) ? confidential : null,
            AccessTokenLifetime: lifetimes.TryGetValue("accessTokenLifetime", out var access) ? access : null,
            IdTokenLifetime: lifetimes.TryGetValue("idTokenLifetime", out var id) ? id : null,
            RefreshTokenLifetime: lifetimes.TryGetValue("refreshTokenLifetime", out var refresh) ? refresh : null), null);
    }

    private static string Kind(JsonElement value) => value.ValueKind.ToString().ToLowerInvariant();
}
