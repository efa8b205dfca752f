using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Runtime.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace JourneyStudio.Runtime.Sessions;

public static class SessionServiceCollectionExtensions
{
    /// <summary>
    /// Journey sessions, user sessions, authIds, the runner of the authenticate protocol (scoped, like the
    /// engine) and the background purge, with <see cref="JourneySessionOptions"/> bound from <c>JourneyStudio:Sessions</c>.
    /// Needs the data services (<c>AddJourneyStudioData</c>) and the engine.
    /// </summary>
    public static IServiceCollection AddJourneySessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JourneySessionOptions>()
            .Bind(configuration.GetSection(JourneySessionOptions.SectionName))
            .Validate(o => o.IdleTimeout > TimeSpan.Zero && o.MaxDuration > TimeSpan.Zero && o.UserSessionLifetime > TimeSpan.Zero,
                "JourneyStudio:Sessions:IdleTimeout, MaxDuration and UserSessionLifetime must be positive durations (e.g. 00:05:00).")
            .Validate(o => o.PurgeInterval > TimeSpan.Zero, "JourneyStudio:Sessions:PurgeInterval must be positive.")
            .Validate(o => o.FinishedRetention >= TimeSpan.Zero, "JourneyStudio:Sessions:FinishedRetention must not be negative (00:00:00 deletes ended sign-ons at the next purge).")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        // Sign-ons in progress do not wait for the disk (WriteDurability.SignOn).
        services.TryAddSignOnStore<JourneySessionStore>();
        services.AddJourneyStudioMetrics();
        services.TryAddSingleton<ActiveSignOnsGauge>();
        services.TryAddSignOnStore<UserSessionStore>();
        services.TryAddSingleton<AuthIdProtector>();
        services.TryAddSingleton<PreviewLinks>();
        services.TryAddScoped<JourneySessionRunner>();
        services.AddHostedService<JourneySessionPurgeService>();
        return services;
    }
}
