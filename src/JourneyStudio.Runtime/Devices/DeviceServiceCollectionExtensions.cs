using JourneyStudio.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Runtime.Devices;

public static class DeviceServiceCollectionExtensions
{
    public static IServiceCollection AddJourneyStudioDevices(this IServiceCollection services)
    {
        services.AddSingleton<SecretProtector>();
        services.AddSingleton<DeviceStore>();
        services.AddSingleton<RecoveryCodeStore>();
        // Push messages live as long as a sign-on waits for them: WriteDurability.SignOn, like the sessions.
        services.TryAddSignOnStore<PushMessageStore>();
        return services;
    }
}
