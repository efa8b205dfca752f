using JourneyStudio.OpenIdConnect.Clients;
using JourneyStudio.OpenIdConnect.Cors;
using JourneyStudio.OpenIdConnect.Endpoints;
using JourneyStudio.OpenIdConnect.Keys;
using JourneyStudio.OpenIdConnect.Server;
using JourneyStudio.Runtime.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JourneyStudio.OpenIdConnect;

public static class OpenIdConnectServiceCollectionExtensions
{
    /// <summary>
    /// The OpenID Connect provider: OpenIddict's server on the studio's database (its real stores: clients,
    /// authorizations, tokens), with the studio's keys, realms and journeys. Needs the data services
    /// (<c>AddJourneyStudioData</c>), identities and sessions; <see cref="InitializeOpenIdConnectAsync"/> runs before serving.
    /// </summary>
    public static IServiceCollection AddJourneyStudioOpenIdConnect(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OpenIdConnectOptions>()
            .Bind(configuration.GetSection(OpenIdConnectOptions.SectionName))
            .Validate(o => o.Validate() is null, "JourneyStudio:OAuth2 settings are not valid.")
            .ValidateOnStart();

        services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<JourneyStudioDbContext>())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris(OpenIdConnectPaths.Authorize)
                    .SetTokenEndpointUris(OpenIdConnectPaths.AccessToken)
                    .SetUserInfoEndpointUris(OpenIdConnectPaths.UserInfo)
                    .SetRevocationEndpointUris(OpenIdConnectPaths.Revoke)
                    .SetIntrospectionEndpointUris(OpenIdConnectPaths.Introspect)
                    .SetEndSessionEndpointUris(OpenIdConnectPaths.EndSession)
                    .SetJsonWebKeySetEndpointUris(OpenIdConnectPaths.Jwks)
                    .SetConfigurationEndpointUris(OpenIdConnectPaths.Discovery);

                server.AllowAuthorizationCodeFlow().AllowClientCredentialsFlow().AllowRefreshTokenFlow();
                server.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess);
                server.RegisterClaims(Claims.Subject, Claims.Name, Claims.GivenName, Claims.FamilyName, Claims.PreferredUsername,
                    Claims.Email, Claims.EmailVerified, Claims.AuthenticationContextReference, Claims.AuthenticationMethodReference,
                    Claims.AuthenticationTime);
                // Resource servers validate access tokens from the JWKS like ID tokens: signed JWTs, not encrypted ones.
                server.DisableAccessTokenEncryption();

                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    // The studio may run on plain HTTP behind a TLS proxy (ASPNETCORE_FORWARDEDHEADERS_ENABLED), or on loopback.
                    .DisableTransportSecurityRequirement();

                server.AddEventHandler(RealmIssuerHandlers.UseRealmIssuer.Descriptor);
                server.AddEventHandler(RealmIssuerHandlers.RequireRealmPath.Descriptor);
                server.AddEventHandler(KeyHandlers.RefreshKeysWhenDue.Descriptor);
                server.AddEventHandler(KeyHandlers.PublishAllKeys.Descriptor);
                server.AddEventHandler(ErrorPageHandlers.RenderAuthorizationErrorPage.Descriptor);
                server.AddEventHandler(ErrorPageHandlers.RenderEndSessionErrorPage.Descriptor);
                server.AddEventHandler(IntrospectionHandlers.AttachScopesForThePresenter.Descriptor);
                server.Configure(options =>
                {
                    // PKCE with S256 only: "plain" would hand the verifier to whoever sees the authorization request.
                    options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain);
                    // No form_post (the CSP's form-action 'self' would block it) and no fragment: the code comes back in the query.
                    options.ResponseModes.Remove(ResponseModes.FormPost);
                    options.ResponseModes.Remove(ResponseModes.Fragment);
                });
            });

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ProviderKeyRing>();
        services.AddSingleton<ProviderKeyOptions>();
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>>(provider => provider.GetRequiredService<ProviderKeyOptions>());
        services.AddSingleton<IPostConfigureOptions<OpenIddictServerOptions>>(provider => provider.GetRequiredService<ProviderKeyOptions>());
        services.AddSingleton<IOptionsChangeTokenSource<OpenIddictServerOptions>>(provider => provider.GetRequiredService<ProviderKeyOptions>());
        services.AddSingleton<ClientOriginRegistry>();
        services.AddScoped<OAuthClientStore>();
        services.AddScoped<OAuthClientAdminService>();
        services.AddScoped<UserConsents>();
        services.AddScoped<AuthorizeEndpoint>();
        services.AddScoped<TokenEndpoints>();
        return services;
    }

    /// <summary>Loads (at first start: makes) the provider's keys, before the first request needs them.</summary>
    public static Task InitializeOpenIdConnectAsync(this IServiceProvider services, CancellationToken cancellationToken = default) =>
        services.GetRequiredService<ProviderKeyRing>().RefreshAsync(cancellationToken);

    /// <summary>CORS for the client origins; before anything that could answer a preflight.</summary>
    public static IApplicationBuilder UseClientCors(this IApplicationBuilder app) => app.UseMiddleware<ClientCorsMiddleware>();

    /// <summary>The passthrough endpoints, for every realm. The others (JWKS, discovery, revoke, introspect) OpenIddict answers itself.</summary>
    public static void MapOpenIdConnectEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var realm = endpoints.MapGroup(OpenIdConnectPaths.Prefix + "/realms/root/realms/{realm}").AllowAnonymous();
        realm.MapMethods("/" + OpenIdConnectPaths.Authorize, [HttpMethods.Get, HttpMethods.Post],
            (HttpContext http, AuthorizeEndpoint endpoint) => endpoint.HandleAsync(http)).DisableAntiforgery();
        realm.MapPost("/" + OpenIdConnectPaths.AccessToken, (HttpContext http, TokenEndpoints endpoint) => endpoint.ExchangeAsync(http)).DisableAntiforgery();
        realm.MapMethods("/" + OpenIdConnectPaths.UserInfo, [HttpMethods.Get, HttpMethods.Post],
            (HttpContext http, TokenEndpoints endpoint) => endpoint.UserInfoAsync(http)).DisableAntiforgery();
        realm.MapMethods("/" + OpenIdConnectPaths.EndSession, [HttpMethods.Get, HttpMethods.Post],
            (HttpContext http, TokenEndpoints endpoint) => endpoint.EndSessionAsync(http)).DisableAntiforgery();
    }
}
