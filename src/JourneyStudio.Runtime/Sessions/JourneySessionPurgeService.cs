using JourneyStudio.Runtime.BruteForce;
using JourneyStudio.Runtime.Devices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JourneyStudio.Runtime.Sessions;

/// <summary>
/// Deletes timed-out sign-ons, expired user sessions and push messages expired longer than
/// <see cref="JourneySessionOptions.FinishedRetention"/> and idle brute-force counters every <see cref="JourneySessionOptions.PurgeInterval"/>.
/// </summary>
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
            // Kept past their expiry as long as finished sign-ons, so a late answer still hears "expired", not "unknown".
            var pushMessages = await services.GetRequiredService<PushMessageStore>()
                .PurgeExpiredAsync(options.Value.FinishedRetention, cancellationToken);
            // Brute-force counters of usernames nobody has tried for a while, when the protector is registered.
            var failureCounters = services.GetService<CredentialFailureStore>() is { } failures
                ? await failures.PurgeExpiredAsync(services.GetRequiredService<IOptions<BruteForceOptions>>().Value, time.GetUtcNow(), cancellationToken)
                : 0;
            if (journeySessions + userSessions + pushMessages + failureCounters > 0)
                LogPurged(journeySessions, userSessions, pushMessages, failureCounters);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A locked or briefly unavailable database must not stop the service; the next tick tries again.
            LogPurgeFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Purged {JourneySessions} expired sign-ons, {UserSessions} expired user sessions, {PushMessages} expired push messages and {FailureCounters} idle brute-force counters.")]
    private partial void LogPurged(int journeySessions, int userSessions, int pushMessages, int failureCounters);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging expired sessions failed; retrying at the next interval.")]
    private partial void LogPurgeFailed(Exception exception);
}
