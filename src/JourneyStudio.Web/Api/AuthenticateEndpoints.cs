using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using JourneyStudio.Runtime.Callbacks;
using JourneyStudio.Runtime.Engine;
using JourneyStudio.Runtime.Sessions;

namespace JourneyStudio.Web.Api;

/// <summary>
/// <c>POST .../authenticate</c>: AM's callback protocol. An empty body or <c>{}</c> starts the journey named by
/// <c>authIndexType=service&amp;authIndexValue=NAME</c> (or the realm default); a body with an authId continues.
/// </summary>
public static class AuthenticateEndpoints
{
    public const string SessionCookieName = Runtime.Sessions.UserSessionCookie.Name;

    /// <summary>The query parameter of a preview link's token (see <see cref="PreviewLinks"/>).</summary>
    public const string PreviewParameter = "preview";

    /// <summary>The query parameter of a suspended sign-on's resume link (Email Suspend).</summary>
    public const string SuspendedIdParameter = "suspendedId";

    /// <summary>A step is a few KB; a device profile a few more. Anything near this is not a sign-on.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public static void MapAuthenticateEndpoints(this RouteGroupBuilder root) =>
        root.MapForRealms(HttpMethods.Post, "/authenticate", AuthenticateAsync);

    private static async Task<IResult> AuthenticateAsync(HttpContext http, string realm)
    {
        var body = await RequestJson.ReadAsync(http.Request, MaxBodyBytes);
        if (AmErrors.Refusal(body) is { } refused) return refused;

        JsonElement? step = null;
        if (body is RequestJsonBody.Parsed parsed)
        {
            step = parsed.Root;
            if (parsed.Root.ValueKind != JsonValueKind.Object)
                return AmErrors.Result(400, "The request body must be a JSON object: empty or {} to start, the returned step to continue.");
        }

        var runner = http.RequestServices.GetRequiredService<JourneySessionRunner>();
        var request = await WithExistingSessionAsync(RequestInfo(http), http);
        AuthenticateOutcome outcome;
        if (http.Request.Query.TryGetValue(SuspendedIdParameter, out var suspendedId))
        {
            // The link is the whole proof; AM ignores a body sent with it.
            if (suspendedId.Count != 1 || string.IsNullOrEmpty(suspendedId[0]))
                return AmErrors.Result(400, "suspendedId must be given once, as the link sent by email has it.");
            outcome = await runner.ResumeAsync(suspendedId[0]!, request, http.RequestAborted);
        }
        else if (step is { } submitted && submitted.TryGetProperty("authId", out var authId))
        {
            if (authId.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(authId.GetString()))
                return AmErrors.Result(400, "authId must be the string this server returned with the step.");
            outcome = await runner.ContinueAsync(authId.GetString()!, submitted, realm, request, http.RequestAborted);
        }
        else if (step is { } withoutId && withoutId.TryGetProperty("callbacks", out _))
        {
            return AmErrors.Result(400, "The step has no authId; send back the step exactly as it was returned, with its authId.");
        }
        else
        {
            if (SelectJourney(http.Request.Query, out var journeyName) is { } problem)
                return AmErrors.Result(400, problem);
            // A designer's preview link (?preview=TOKEN) is the one way to start a revision that is not live.
            outcome = http.Request.Query.TryGetValue(PreviewParameter, out var preview)
                ? await runner.StartPreviewAsync(preview.ToString(), journeyName, realm, request, http.RequestAborted)
                : await runner.StartAsync(journeyName, realm, request, http.RequestAborted);
        }

        return outcome switch
        {
            AuthenticateOutcome.NextStep next => Results.Text(
                StepSerializer.Serialize(next.AuthId, next.Step.Callbacks, next.Step.Header, next.Step.Description, next.Step.Stage),
                "application/json", Encoding.UTF8),
            AuthenticateOutcome.SignedOn signedOn => SignedOn(http, signedOn),
            AuthenticateOutcome.Failed failed => AmErrors.LoginFailure(failed.ClientMessage),
            // Disabled, locked, unknown or changed accounts look like any failed sign-on: nothing to enumerate.
            AuthenticateOutcome.Refused => AmErrors.LoginFailure(),
            AuthenticateOutcome.Rejected rejected => AmErrors.Result(rejected.StatusCode, rejected.Message),
            _ => throw new InvalidOperationException($"Unexpected outcome {outcome.GetType().Name}."),
        };
    }

    /// <summary>The journey from the query; null name = the realm default. Returns a problem text for bad parameters.</summary>
    private static string? SelectJourney(IQueryCollection query, out string? journeyName)
    {
        journeyName = null;
        var type = query["authIndexType"].ToString();
        var value = query["authIndexValue"].ToString();
        if (type.Length == 0 && value.Length == 0) return null;
        if (!string.Equals(type, "service", StringComparison.OrdinalIgnoreCase))
            return type.Length == 0
                ? "authIndexValue needs authIndexType=service."
                : $"authIndexType '{type}' is not supported; use authIndexType=service&authIndexValue=JOURNEY_NAME.";
        if (value.Length == 0)
            return "authIndexType=service needs authIndexValue=JOURNEY_NAME.";
        journeyName = value;
        return null;
    }

    private static IResult SignedOn(HttpContext http, AuthenticateOutcome.SignedOn signedOn)
    {
        var realm = signedOn.Realm;
        var successUrl = FollowableUrl(signedOn.SuccessUrl) ?? "/account?realm=" + Uri.EscapeDataString(realm);
        if (signedOn.Session is not { } session)
            return Results.Json(new NoSessionSuccess(successUrl, Realms.Path(realm)));

        http.Response.Cookies.Append(SessionCookieName, session.TokenId, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            Secure = http.Request.IsHttps,
            Expires = session.Session.ExpiresAt,
        });
        return Results.Json(new Success(session.TokenId, successUrl, Realms.Path(realm)));
    }

    /// <summary>
    /// A journey's success URL as clients may follow it: an absolute http(s) URL or a path on this site. Anything else
    /// (a <c>javascript:</c> URL from an imported journey, <c>//other.host</c>) would turn the redirect into an attack; the
    /// account page is used instead.
    /// </summary>
    private static string? FollowableUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        if (url.StartsWith('/')) return url.StartsWith("//", StringComparison.Ordinal) || url.StartsWith("/\\", StringComparison.Ordinal) ? null : url;
        return Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" ? url : null;
    }

    /// <summary>What the engine may know about the caller: address, user agent, headers (e.g. X-Real-IP), locales.</summary>
    /// <summary>
    /// The request with the end user's current session (from the session cookie), which scripts read as <c>existingSession</c>;
    /// a cookie that names no valid session is as no cookie.
    /// </summary>
    private static async Task<JourneyRequestInfo> WithExistingSessionAsync(JourneyRequestInfo request, HttpContext http)
    {
        if (http.Request.Cookies[SessionCookieName] is not { Length: > 0 } tokenId) return request;
        var session = await http.RequestServices.GetRequiredService<UserSessionStore>().GetAsync(tokenId, http.RequestAborted);
        if (session is null) return request;
        return request with
        {
            ExistingSession = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["UserToken"] = session.Username,
                ["UserId"] = session.Username,
                ["Realm"] = session.Realm == "root" ? "/" : "/" + session.Realm,
                ["Service"] = session.JourneyName,
                ["AuthType"] = string.Join("|", session.AuthTypes),
            },
        };
    }

    public static JourneyRequestInfo RequestInfo(HttpContext http)
    {
        var headers = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in http.Request.Headers)
        {
            // The session cookie and credentials are no business of the nodes.
            if (name.Equals("Cookie", StringComparison.OrdinalIgnoreCase) || name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
                || name.Equals(SessionCookieName, StringComparison.OrdinalIgnoreCase))
                continue;
            headers[name] = values.ToString();
        }
        var locales = new List<string>();
        if (http.Request.Query["locale"].ToString() is { Length: > 0 } locale) locales.Add(locale);
        foreach (var language in http.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1))
            if (language.Value.Value is { Length: > 0 } tag && tag != "*") locales.Add(tag);

        return new JourneyRequestInfo
        {
            RemoteIpAddress = http.Connection.RemoteIpAddress?.ToString(),
            UserAgent = http.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null,
            Headers = headers.ToImmutable(),
            Parameters = http.Request.Query.ToImmutableDictionary(q => q.Key, q => (IReadOnlyList<string>)q.Value.Select(v => v ?? "").ToList(), StringComparer.Ordinal),
            PreferredLocales = locales,
            BaseUrl = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}",
        };
    }

    private sealed record Success(string TokenId, string SuccessUrl, string Realm);

    private sealed record NoSessionSuccess(string SuccessUrl, string Realm);
}
