using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Nodes;
using JourneyStudio.Runtime.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace JourneyStudio.Runtime.Identities;

public static class IdentityServiceCollectionExtensions
{
    /// <summary>The identity store, the bounded password hasher and the engine's identity-backed services.</summary>
    public static IServiceCollection AddJourneyStudioIdentities(this IServiceCollection services)
    {
        // Also registered by AddJourneyStudioData (admins' passwords): one hasher, one bound, for the whole process.
        services.TryAddSingleton<BoundedPasswordHasher>();
        // Changing an identity ends its sessions, so the identity store needs the session store (also registered,
        // with its options, by AddJourneySessions).
        services.AddOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSignOnStore<UserSessionStore>();
        services.AddSingleton<IdentityStore>();
        services.TryAddSingleton<ManagedUserAttributes>();
        services.TryAddSingleton<IAccountLockout, NoAccountLockout>();
        services.AddSingleton<IIdentityVerifier, IdentityVerifier>();
        services.TryAddSingleton<IIdentityAccounts, IdentityAccounts>();
        services.AddOptions<PasswordPolicyOptions>().BindConfiguration(PasswordPolicyOptions.SectionName);
        services.TryAddSingleton<IdentitySchema>();
        services.TryAddSingleton<SelfService.SelfServiceStore>();
        services.TryAddSingleton<SelfService.ISelfServiceContent>(provider => provider.GetRequiredService<SelfService.SelfServiceStore>());
        services.AddSignOnStore<IRetryCounterStore, DatabaseRetryCounterStore>();
        return services;
    }
}
