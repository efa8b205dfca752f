using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace JourneyStudio.Runtime.ApiTokens;

public static class AdminApiTokenServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AdminApiTokenStore"/>. It needs the database (AddJourneyStudioData) and an
    /// <see cref="Audit.IAuditLog"/> (AddJourneyStudioAdministration registers one).
    /// </summary>
    public static IServiceCollection AddJourneyStudioAdminApiTokens(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AdminApiTokenStore>();
        return services;
    }
}
