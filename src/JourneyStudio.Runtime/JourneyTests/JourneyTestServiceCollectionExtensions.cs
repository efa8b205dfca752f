using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Runtime.Administration;
using JourneyStudio.Runtime.Scripts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Runtime.JourneyTests;

public static class JourneyTestServiceCollectionExtensions
{
    /// <summary>
    /// The journey test runner (one sandbox for the process), <see cref="JourneyTestService"/>, and the publish check that
    /// refuses a draft whose tests fail. Needs the data services (the journey store and the scripts).
    /// </summary>
    public static IServiceCollection AddJourneyStudioJourneyTests(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(provider => new JourneyTestRunner(
            provider.GetRequiredService<NodeCatalog>(), configuration, provider.GetService<IScriptSource>()));
        services.AddSingleton<JourneyTestService>();
        services.AddSingleton<IJourneyTestRuns>(provider => provider.GetRequiredService<JourneyTestService>());
        services.AddSingleton<IJourneyPublishCheck>(provider => provider.GetRequiredService<JourneyTestService>());
        return services;
    }
}
