using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Runtime.Diagnostics;
using JourneyStudio.Runtime.Nodes;
using JourneyStudio.Runtime.Nodes.Mfa;
using JourneyStudio.Runtime.Scripts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace JourneyStudio.Runtime.Engine;

public static class JourneyEngineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the engine and the node processors of this assembly (scoped, since processors may use scoped stores;
    /// each gets its dependencies by constructor). The host must also register what the processors take:
    /// <see cref="IJourneyResolver"/>, <see cref="IIdentityVerifier"/>, the <see cref="BruteForce.ICredentialGuard"/> that the
    /// credential-checking nodes go through (<c>AddJourneyStudioBruteForce</c>), the identity and device stores
    /// (<c>AddJourneyStudioIdentities</c>, <c>AddJourneyStudioDevices</c>) and the push transport (<c>AddJourneyStudioPush</c>);
    /// <see cref="IRetryCounterStore"/> defaults to an in-memory store until a persistent one is registered.
    /// </summary>
    public static IServiceCollection AddJourneyEngine(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(NodeCatalog.Default);
        services.TryAddSingleton(new JourneyEngineOptions());
        services.AddJourneyStudioMetrics();
        services.TryAddSingleton<IRetryCounterStore, InMemoryRetryCounterStore>();
        services.TryAddSingleton(provider => PushEndpoints.FromConfiguration(provider.GetService<IConfiguration>()));
        services.TryAddScoped<MfaRegistrar>();
        // Bound when the host has configuration; defaults otherwise (engine tests, tools).
        services.AddOptions<KbaOptions>().Configure<IServiceProvider>((options, provider) =>
            provider.GetService<IConfiguration>()?.GetSection(KbaOptions.SectionName).Bind(options));
        services.AddJourneyStudioScripting();
        foreach (var type in typeof(JourneyEngine).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(INodeProcessor).IsAssignableFrom(t)))
            services.TryAddEnumerable(ServiceDescriptor.Scoped(typeof(INodeProcessor), type));
        services.TryAddScoped<JourneyEngine>();
        return services;
    }
}
