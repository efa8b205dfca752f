using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Runtime.Realms;

public static class RealmServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="RealmServiceStore"/> (also as <see cref="IRealmPushSettings"/>) with defaults read from
    /// <paramref name="configuration"/> and the process environment. Needs <c>AddJourneyStudioData</c>.
    /// </summary>
    public static IServiceCollection AddJourneyStudioRealmServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => RealmServiceDefaults.FromConfiguration(configuration));
        services.AddSingleton<RealmServiceStore>();
        services.AddSingleton<IRealmPushSettings>(provider => provider.GetRequiredService<RealmServiceStore>());
        return services;
    }
}
