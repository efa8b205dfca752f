using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Runtime.Devices;

public static class DeviceServiceCollectionExtensions
{
    public static IServiceCollection AddJourneyStudioDevices(this IServiceCollection services)
    {
        services.AddSingleton<SecretProtector>();
        services.AddSingleton<DeviceStore>();
        services.AddSingleton<RecoveryCodeStore>();
        services.AddSingleton<PushMessageStore>();
        return services;
    }
}
