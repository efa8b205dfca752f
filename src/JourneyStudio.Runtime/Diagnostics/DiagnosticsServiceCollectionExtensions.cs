using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace JourneyStudio.Runtime.Diagnostics;

public static class DiagnosticsServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="JourneyStudioMetrics"/> (meter <see cref="JourneyStudioMetrics.MeterName"/>); the sessions register the
    /// <see cref="ActiveSignOnsGauge"/>. Exporting is the host's business; without an exporter the instruments cost next to nothing.
    /// </summary>
    public static IServiceCollection AddJourneyStudioMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<JourneyStudioMetrics>();
        return services;
    }
}
