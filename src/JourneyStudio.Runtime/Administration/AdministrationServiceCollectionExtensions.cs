using JourneyStudio.Runtime.Audit;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Scripts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace JourneyStudio.Runtime.Administration;

public static class AdministrationServiceCollectionExtensions
{
    /// <summary>
    /// What the admin API, the studio pages and the command line share: the audit log (<see cref="DatabaseAuditLog"/>,
    /// also as <see cref="IAuditLog"/>), <see cref="JourneyAdminService"/>, <see cref="IdentityAdminService"/>,
    /// <see cref="RealmServiceAdminService"/> and <see cref="MfaDeviceResetService"/> (with the reset of
    /// <see cref="Devices.DeviceStore"/>, which the host registers with AddJourneyStudioDevices), the lockout view
    /// <see cref="AccountLockoutService"/> and the guarded <see cref="AdminPasswordCheck"/>. Needs AddJourneyStudioData.
    /// </summary>
    public static IServiceCollection AddJourneyStudioAdministration(this IServiceCollection services)
    {
        services.AddLogging();
        services.TryAddSingleton<DatabaseAuditLog>();
        services.TryAddSingleton<IAuditLog>(provider => provider.GetRequiredService<DatabaseAuditLog>());
        services.TryAddSingleton<JourneyAdminService>();
        services.TryAddSingleton<ScriptAdminService>();
        // Validation reports script problems (Groovy, syntax) beside the journey's own.
        services.AddOptions<ScriptingOptions>();
        services.TryAddSingleton<ScriptCompiler>();
        services.TryAddSingleton<ScriptValidator>();
        // Need the brute-force services (AddJourneyStudioBruteForce).
        services.TryAddSingleton<AccountLockoutService>();
        services.TryAddSingleton<AdminPasswordCheck>();
        // Scoped: the MFA stores behind IMfaDeviceReset may be scoped.
        services.TryAddScoped<MfaDeviceResetService>();
        services.TryAddScoped<IdentityAdminService>();
        // Needs AddJourneyStudioRealmServices, which the host registers; resolved only where realm services are edited.
        services.TryAddSingleton<RealmServiceAdminService>();
        // Devices and recovery codes live in DeviceStore; more IMfaDeviceReset implementations may join.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMfaDeviceReset, DeviceStoreMfaReset>());
        return services;
    }
}
