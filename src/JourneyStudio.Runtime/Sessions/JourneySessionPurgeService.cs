using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JourneyStudio.Runtime.Sessions;

/// <summary>Deletes timed-out sign-ons and expired user sessions every <see cref="JourneySessionOptions.PurgeInterval"/>.</summary>
public sealed partial class JourneySessionPurgeService(
    IServiceProvider services,
    IOptions<JourneySessionOptions> options,
    TimeProvider time,
    ILogger<JourneySessionPurgeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await PurgeOnceAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public async Task PurgeOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var journeySessions = await services.GetRequiredService<JourneySessionStore>().PurgeExpiredAsync(cancellationToken);
            var userSessions = await services.GetRequiredService<UserSessionStore>().PurgeExpiredAsync(cancellationToken);
            if (journeySessions + userSessions > 0)
                LogPurged(journeySessions, userSessions);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A locked or briefly unavailable database must not stop the service; the next tick tries again.
            LogPurgeFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Purged {JourneySessions} expired sign-ons and {UserSessions} expired user sessions.")]
    private partial void LogPurged(int journeySessions, int userSessions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging expired sessions failed; retrying at the next interval.")]
    private partial void LogPurgeFailed(Exception exception);
}
