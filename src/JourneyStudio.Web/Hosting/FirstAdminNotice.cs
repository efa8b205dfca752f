using Microsoft.Extensions.Logging.Console;

namespace JourneyStudio.Web.Hosting;

/// <summary>
/// The generated password of the first admin, shown once on the console as the last thing start-up prints,
/// where an operator looks after "Now listening on" and "Application started".
/// </summary>
public static class FirstAdminNotice
{
    /// <summary>The log category of the notice; only the console provider ever receives it.</summary>
    public const string Category = "JourneyStudio.FirstAdmin";

    public const string Frame = "================================================================";

    /// <summary>
    /// The notice goes through the console logger rather than straight to <see cref="Console"/>: the console
    /// logger writes from its own queue, so a direct write would race the start-up messages queued before it.
    /// Every other provider (a file, a log collector) is kept from seeing the password.
    /// </summary>
    public static void ConfigureLogging(ILoggingBuilder logging)
    {
        logging.AddFilter(Category, LogLevel.None);
        logging.AddFilter<ConsoleLoggerProvider>(Category, LogLevel.Information);
    }

    /// <summary>
    /// Prints the notice once the host has started. Registered before the host starts, the callback runs
    /// after the host's own "Application started" messages (the started token calls back the latest
    /// registration first).
    /// </summary>
    public static void ShowWhenStarted(WebApplication app, string username, string password)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        app.Lifetime.ApplicationStarted.Register(() => logger.LogWarning(
            "{Frame}\nFirst admin created: {Username}\nPassword:            {Password}\n" +
            "Sign in with it at /admin/login. It is shown only this once; set JourneyStudio:Admin:Password to choose it yourself.\n{Frame}",
            Frame, username, password, Frame));
    }
}
