using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using JourneyStudio.Runtime.Persistence;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JourneyStudio.OpenIdConnect.Clients;

/// <summary>
/// The provider's clients, kept as OpenIddict applications: OpenIddict checks client ids, secrets (hashed), exact
/// redirect URIs, grant types, scopes and PKCE from them on every request; the studio's own settings (journeys,
/// CORS origins) are properties of the same row, so a client is one record whichever instance reads it.
/// </summary>
public sealed class OAuthClientStore(
    IOpenIddictApplicationManager applications,
    JourneyStore journeys,
    ClientOriginRegistry origins,
    IOptions<OpenIdConnectOptions> options)
{
    public const int MaxClientIdLength = 100;
    public const int MaxNameLength = 200;
    public const int MaxUriLength = 2000;
    public const int MinSecretLength = 16;
    public static readonly TimeSpan MinTokenLifetime = TimeSpan.FromMinutes(1);

    /// <summary>The scopes a client may be given.</summary>
    public static IReadOnlyList<string> KnownScopes { get; } = [Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess];

    private const string JourneysProperty = "journeystudio.journeys";
    private const string DefaultJourneyProperty = "journeystudio.defaultJourney";
    internal const string CorsOriginsProperty = "journeystudio.corsOrigins";
    private const string ScopesProperty = "journeystudio.scopes";

    public async Task<IReadOnlyList<OAuthClient>> ListAsync(CancellationToken cancellationToken = default)
    {
        var clients = new List<OAuthClient>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, cancellationToken))
            clients.Add(await ToClientAsync(application, cancellationToken));
        return clients.OrderBy(c => c.ClientId, StringComparer.Ordinal).ToList();
    }

    public async Task<OAuthClient?> GetAsync(string clientId, CancellationToken cancellationToken = default) =>
        string.IsNullOrEmpty(clientId) || clientId.Length > MaxClientIdLength
            ? null
            : await applications.FindByClientIdAsync(clientId, cancellationToken) is { } application
                ? await ToClientAsync(application, cancellationToken)
                : null;

    public async Task<OAuthClientResult> CreateAsync(OAuthClientRequest request, CancellationToken cancellationToken = default)
    {
        var problems = await ValidateAsync(request, existingIsConfidential: false, cancellationToken);
        if (problems.Count > 0) return new OAuthClientResult.Invalid(problems);
        if (await applications.FindByClientIdAsync(request.ClientId, cancellationToken) is not null)
            return new OAuthClientResult.AlreadyExists(request.ClientId);
        var (descriptor, generated) = Describe(request, existingIsConfidential: false);
        await applications.CreateAsync(descriptor, cancellationToken);
        origins.Invalidate();
        return new OAuthClientResult.Done((await GetAsync(request.ClientId, cancellationToken))!, generated);
    }

    /// <summary>Replaces the client's settings; a confidential client keeps its secret unless a new one is sent.</summary>
    public async Task<OAuthClientResult> UpdateAsync(string clientId, OAuthClientRequest request, CancellationToken cancellationToken = default)
    {
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null) return new OAuthClientResult.NotFound(clientId);
        if (!string.Equals(request.ClientId, clientId, StringComparison.Ordinal))
            return new OAuthClientResult.Invalid([new OAuthClientProblem("$.clientId", $"expected '{clientId}': a client id cannot be changed")]);
        var wasConfidential = await applications.HasClientTypeAsync(application, ClientTypes.Confidential, cancellationToken);
        var problems = await ValidateAsync(request, wasConfidential, cancellationToken);
        if (problems.Count > 0) return new OAuthClientResult.Invalid(problems);

        var (descriptor, generated) = Describe(request, wasConfidential);
        if (descriptor.ClientSecret is null && descriptor.ClientType == ClientTypes.Confidential)
        {
            // A descriptor replaces every field, the secret too: keeping one means handing back the stored hash, which
            // OpenIddict recognises as unchanged (it hashes only a secret that differs from the stored value).
            var stored = new OpenIddictApplicationDescriptor();
            await applications.PopulateAsync(stored, application, cancellationToken);
            descriptor.ClientSecret = stored.ClientSecret;
        }
        await applications.UpdateAsync(application, descriptor, cancellationToken);
        origins.Invalidate();
        return new OAuthClientResult.Done((await GetAsync(clientId, cancellationToken))!, generated);
    }

    /// <summary>Deletes the client with its authorizations and tokens (its refresh tokens stop working).</summary>
    public async Task<bool> DeleteAsync(string clientId, CancellationToken cancellationToken = default)
    {
        if (await applications.FindByClientIdAsync(clientId, cancellationToken) is not { } application) return false;
        await applications.DeleteAsync(application, cancellationToken);
        origins.Invalidate();
        return true;
    }

    private async Task<List<OAuthClientProblem>> ValidateAsync(OAuthClientRequest request, bool existingIsConfidential, CancellationToken cancellationToken)
    {
        var problems = new List<OAuthClientProblem>();
        if (string.IsNullOrEmpty(request.ClientId) || request.ClientId.Length > MaxClientIdLength
            || !request.ClientId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~'))
            problems.Add(new("$.clientId", $"expected 1 to {MaxClientIdLength} letters, digits, '-', '_', '.' or '~'"));
        if (request.Name is { Length: > MaxNameLength })
            problems.Add(new("$.name", $"at most {MaxNameLength} characters"));

        var confidential = IsConfidential(request, existingIsConfidential);
        if (request.ClientSecret is { } secret && secret.Length < MinSecretLength)
            problems.Add(new("$.clientSecret", $"at least {MinSecretLength} characters"));
        if (request.Confidential == false && request.ClientSecret is not null)
            problems.Add(new("$.clientSecret", "a public client has no secret"));

        CheckUris(request.RedirectUris, "$.redirectUris", problems);
        CheckUris(request.PostLogoutRedirectUris ?? [], "$.postLogoutRedirectUris", problems);
        if (!confidential && request.RedirectUris.Count == 0)
            problems.Add(new("$.redirectUris", "a public client needs at least one redirect URI"));

        for (var i = 0; i < request.Scopes.Count; i++)
            if (!KnownScopes.Contains(request.Scopes[i], StringComparer.Ordinal))
                problems.Add(new($"$.scopes[{i}]", $"unknown scope; expected one of {string.Join(", ", KnownScopes)}"));

        var requestedJourneys = request.Journeys ?? [];
        for (var i = 0; i < requestedJourneys.Count; i++)
            if (await journeys.GetAsync(requestedJourneys[i], cancellationToken) is null)
                problems.Add(new($"$.journeys[{i}]", $"there is no journey '{requestedJourneys[i]}'"));
        if (request.DefaultJourney is { } defaultJourney && await journeys.GetAsync(defaultJourney, cancellationToken) is null)
            problems.Add(new("$.defaultJourney", $"there is no journey '{defaultJourney}'"));

        var corsOrigins = request.CorsOrigins ?? [];
        for (var i = 0; i < corsOrigins.Count; i++)
            if (NormalizeOrigin(corsOrigins[i]) is null)
                problems.Add(new($"$.corsOrigins[{i}]", "expected an origin such as https://app.example.com (scheme, host and port only)"));

        CheckLifetime(request.AccessTokenLifetime, "$.accessTokenLifetime", problems);
        CheckLifetime(request.IdTokenLifetime, "$.idTokenLifetime", problems);
        CheckLifetime(request.RefreshTokenLifetime, "$.refreshTokenLifetime", problems);
        return problems;
    }

    private void CheckLifetime(TimeSpan? lifetime, string path, List<OAuthClientProblem> problems)
    {
        var max = options.Value.MaxTokenLifetime;
        if (lifetime is { } value && (value < MinTokenLifetime || value > max))
            problems.Add(new(path, $"expected {MinTokenLifetime.TotalSeconds:0} to {max.TotalSeconds:0} seconds"));
    }

    private static void CheckUris(IReadOnlyList<string> uris, string path, List<OAuthClientProblem> problems)
    {
        for (var i = 0; i < uris.Count; i++)
        {
            var text = uris[i];
            // Exact matching needs an exact URI: absolute, http(s), no fragment (RFC 6749 3.1.2).
            if (text.Length > MaxUriLength || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
                || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.Fragment) || text.Contains('#'))
                problems.Add(new($"{path}[{i}]", "expected an absolute http or https URI without a fragment"));
            else if (uris.Take(i).Contains(text, StringComparer.Ordinal))
                problems.Add(new($"{path}[{i}]", "listed twice"));
        }
    }

    /// <summary><c>https://app.example.com:8443</c> for a valid origin (any letter case, an optional trailing slash), else null.</summary>
    public static string? NormalizeOrigin(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxUriLength || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http") || uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query)
            || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo) || text.TrimEnd('/').Count(c => c == '/') != 2)
            return null;
        return uri.GetLeftPart(UriPartial.Authority);
    }

    private static bool IsConfidential(OAuthClientRequest request, bool existingIsConfidential) =>
        request.Confidential ?? (request.ClientSecret is not null || existingIsConfidential);

    private static (OpenIddictApplicationDescriptor Descriptor, string? GeneratedSecret) Describe(OAuthClientRequest request, bool existingIsConfidential)
    {
        var confidential = IsConfidential(request, existingIsConfidential);
        string? generated = null;
        var secret = request.ClientSecret;
        if (confidential && secret is null && !existingIsConfidential)
            secret = generated = Base64Url(RandomNumberGenerator.GetBytes(32));

        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = request.ClientId,
            ClientSecret = confidential ? secret : null,
            ClientType = confidential ? ClientTypes.Confidential : ClientTypes.Public,
            DisplayName = string.IsNullOrWhiteSpace(request.Name) ? request.ClientId : request.Name,
            // Implicit consent is OpenIddict's name for a first-party client; explicit asks the user once.
            ConsentType = request.FirstParty == true ? ConsentTypes.Implicit : ConsentTypes.Explicit,
        };
        foreach (var uri in request.RedirectUris) descriptor.RedirectUris.Add(new Uri(uri, UriKind.Absolute));
        foreach (var uri in request.PostLogoutRedirectUris ?? []) descriptor.PostLogoutRedirectUris.Add(new Uri(uri, UriKind.Absolute));

        descriptor.Permissions.UnionWith([
            Permissions.Endpoints.Token, Permissions.Endpoints.Revocation, Permissions.Endpoints.Introspection]);
        if (request.RedirectUris.Count > 0)
            descriptor.Permissions.UnionWith([
                Permissions.Endpoints.Authorization, Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code]);
        if (request.Scopes.Contains(Scopes.OfflineAccess)) descriptor.Permissions.Add(Permissions.GrantTypes.RefreshToken);
        if (confidential) descriptor.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
        foreach (var scope in request.Scopes.Where(s => s != Scopes.OpenId))
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        // Public clients cannot keep a secret, so the code must be bound to the app that asked for it (RFC 7636).
        if (!confidential) descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);

        descriptor.Properties[JourneysProperty] = JsonSerializer.SerializeToElement(request.Journeys ?? []);
        descriptor.Properties[ScopesProperty] = JsonSerializer.SerializeToElement(request.Scopes);
        descriptor.Properties[CorsOriginsProperty] = JsonSerializer.SerializeToElement(
            (request.CorsOrigins ?? []).Select(NormalizeOrigin).OfType<string>().Distinct().ToList());
        if (request.DefaultJourney is { } defaultJourney) descriptor.Properties[DefaultJourneyProperty] = JsonSerializer.SerializeToElement(defaultJourney);

        SetLifetime(descriptor, Settings.TokenLifetimes.AccessToken, request.AccessTokenLifetime);
        SetLifetime(descriptor, Settings.TokenLifetimes.IdentityToken, request.IdTokenLifetime);
        SetLifetime(descriptor, Settings.TokenLifetimes.RefreshToken, request.RefreshTokenLifetime);
        return (descriptor, generated);
    }

    private static void SetLifetime(OpenIddictApplicationDescriptor descriptor, string setting, TimeSpan? lifetime)
    {
        if (lifetime is { } value) descriptor.Settings[setting] = value.ToString("c", CultureInfo.InvariantCulture);
    }

    private async Task<OAuthClient> ToClientAsync(object application, CancellationToken cancellationToken)
    {
        var properties = await applications.GetPropertiesAsync(application, cancellationToken);
        var settings = await applications.GetSettingsAsync(application, cancellationToken);
        return new OAuthClient(
            ClientId: (await applications.GetClientIdAsync(application, cancellationToken))!,
            Name: await applications.GetDisplayNameAsync(application, cancellationToken) ?? "",
            Confidential: await applications.HasClientTypeAsync(application, ClientTypes.Confidential, cancellationToken),
            RedirectUris: [.. await applications.GetRedirectUrisAsync(application, cancellationToken)],
            PostLogoutRedirectUris: [.. await applications.GetPostLogoutRedirectUrisAsync(application, cancellationToken)],
            Scopes: StringList(properties, ScopesProperty),
            Journeys: StringList(properties, JourneysProperty),
            DefaultJourney: properties.TryGetValue(DefaultJourneyProperty, out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null,
            FirstParty: await applications.HasConsentTypeAsync(application, ConsentTypes.Implicit, cancellationToken),
            CorsOrigins: StringList(properties, CorsOriginsProperty),
            AccessTokenLifetime: Lifetime(settings, Settings.TokenLifetimes.AccessToken),
            IdTokenLifetime: Lifetime(settings, Settings.TokenLifetimes.IdentityToken),
            RefreshTokenLifetime: Lifetime(settings, Settings.TokenLifetimes.RefreshToken));
    }

    private static IReadOnlyList<string> StringList(IReadOnlyDictionary<string, JsonElement> properties, string name) =>
        properties.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : [];

    private static TimeSpan? Lifetime(IReadOnlyDictionary<string, string> settings, string name) =>
        settings.TryGetValue(name, out var text) && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
