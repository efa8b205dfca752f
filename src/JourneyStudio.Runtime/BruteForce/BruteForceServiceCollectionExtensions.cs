using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace JourneyStudio.Runtime.BruteForce;

public static class BruteForceServiceCollectionExtensions
{
    /// <summary>
    /// The brute-force protector (<see cref="ICredentialGuard"/>, the real <see cref="IAccountLockout"/>) with
    /// <see cref="BruteForceOptions"/> bound from <c>JourneyStudio:BruteForce</c> and checked at start-up. Needs the data
    /// services (<c>AddJourneyStudioData</c>) and an <see cref="Audit.IAuditLog"/>.
    /// </summary>
    public static IServiceCollection AddJourneyStudioBruteForce(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BruteForceOptions>()
            .Bind(configuration.GetSection(BruteForceOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BruteForceOptions>, BruteForceOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        // Locking someone ends their sessions; the store needs only the data services.
        services.TryAddSignOnStore<UserSessionStore>();
        services.TryAddSignOnStore<CredentialFailureStore>();
        services.TryAddSingleton<ICredentialGuard, BruteForceProtector>();
        // Replaces the placeholder that never locks, whichever was registered first.
        services.RemoveAll<IAccountLockout>();
        services.AddSingleton<IAccountLockout, BruteForceAccountLockout>();
        return services;
    }

    private sealed class BruteForceOptionsValidator : IValidateOptions<BruteForceOptions>
    {
        public ValidateOptionsResult Validate(string? name, BruteForceOptions options) =>
            options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
