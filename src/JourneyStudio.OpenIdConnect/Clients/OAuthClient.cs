namespace JourneyStudio.OpenIdConnect.Clients;

/// <summary>
/// An application that signs its users on through the provider (an OpenIddict application plus the studio's own
/// settings). Public clients (single-page apps, the ForgeRock SDK) have no secret and must use PKCE; confidential
/// ones authenticate with a secret, stored only as OpenIddict's hash.
/// </summary>
/// <param name="Journeys">The journeys the client may ask for (<c>acr_values</c>, <c>service</c>); empty: only the default.</param>
/// <param name="DefaultJourney">Runs when the client asks for none; null: the realm's default journey.</param>
/// <param name="FirstParty">Consent is implied; otherwise users consent once per client (remembered, revocable).</param>
/// <param name="CorsOrigins">Origins whose scripts may call the sign-on and OAuth endpoints with the user's cookie.</param>
public sealed record OAuthClient(
    string ClientId,
    string Name,
    bool Confidential,
    IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string> PostLogoutRedirectUris,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> Journeys,
    string? DefaultJourney,
    bool FirstParty,
    IReadOnlyList<string> CorsOrigins,
    TimeSpan? AccessTokenLifetime,
    TimeSpan? IdTokenLifetime,
    TimeSpan? RefreshTokenLifetime)
{
    /// <summary>Whether <paramref name="journey"/> is one this client may run (the default always is).</summary>
    public bool AllowsJourney(string journey) =>
        Journeys.Contains(journey, StringComparer.Ordinal) || string.Equals(journey, DefaultJourney, StringComparison.Ordinal);
}

/// <summary>What an admin sends to create or replace a client (the admin API's body, the studio's form).</summary>
/// <param name="ClientSecret">A secret makes the client confidential; null keeps the one it has (on update), or, for a
/// confidential client without one, has the studio generate it (shown once).</param>
/// <param name="Confidential">Null: confidential exactly when it has (or is given) a secret.</param>
public sealed record OAuthClientRequest(
    string ClientId,
    string? ClientSecret,
    IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string>? PostLogoutRedirectUris,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string>? Journeys,
    string? Name,
    string? DefaultJourney = null,
    bool? FirstParty = null,
    IReadOnlyList<string>? CorsOrigins = null,
    bool? Confidential = null,
    TimeSpan? AccessTokenLifetime = null,
    TimeSpan? IdTokenLifetime = null,
    TimeSpan? RefreshTokenLifetime = null);

/// <summary>One problem with a request, at a JSON path of the admin API's body (<c>$.redirectUris[1]</c>).</summary>
public sealed record OAuthClientProblem(string Path, string Message);

/// <summary>What a change to a client came to.</summary>
public abstract record OAuthClientResult
{
    private OAuthClientResult() { }

    /// <param name="GeneratedSecret">A secret the studio made: shown this once, never again.</param>
    public sealed record Done(OAuthClient Client, string? GeneratedSecret) : OAuthClientResult;

    public sealed record Invalid(IReadOnlyList<OAuthClientProblem> Problems) : OAuthClientResult;

    public sealed record AlreadyExists(string ClientId) : OAuthClientResult;

    public sealed record NotFound(string ClientId) : OAuthClientResult;
}
