using JourneyStudio.Runtime.Identities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace JourneyStudio.Runtime.Administration;

public static class AdministrationServiceCollectionExtensions
{
    /// <summary>
    /// What the admin API and the studio pages share: <see cref="JourneyAdminService"/>, <see cref="MfaDeviceResetService"/>,
    /// <see cref="AccountLockoutService"/> and <see cref="AdminSignIn"/>
    /// (with the reset of <see cref="Devices.DeviceStore"/>, which the host registers with AddJourneyStudioDevices).
    /// </summary>
    public static IServiceCollection AddJourneyStudioAdministration(this IServiceCollection services)
    {
        services.TryAddSingleton<Audit.IAuditLog, Audit.NoAuditLog>();
        services.TryAddSingleton<JourneyAdminService>();
        // Need the brute-force services (AddJourneyStudioBruteForce).
        services.TryAddSingleton<AccountLockoutService>();
        services.TryAddSingleton<AdminSignIn>();
        // Scoped: the MFA stores behind IMfaDeviceReset may be scoped.
        services.TryAddScoped<MfaDeviceResetService>();
        // Devices and recovery codes live in DeviceStore; more IMfaDeviceReset implementations may join.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMfaDeviceReset, DeviceStoreMfaReset>());
        return services;
    }
}
