using JourneyStudio.Runtime.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Runtime.Identities;

public static class IdentityServiceCollectionExtensions
{
    /// <summary>The identity store, the bounded password hasher and the engine's identity-backed services.</summary>
    public static IServiceCollection AddJourneyStudioIdentities(this IServiceCollection services)
    {
        services.AddSingleton<BoundedPasswordHasher>();
        services.AddSingleton<IdentityStore>();
        services.AddSingleton<IIdentityVerifier, IdentityVerifier>();
        services.AddSingleton<IRetryCounterStore, DatabaseRetryCounterStore>();
        return services;
    }
}
