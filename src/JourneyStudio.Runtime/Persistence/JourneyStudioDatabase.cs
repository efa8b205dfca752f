using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JourneyStudio.Runtime.Persistence;

/// <summary>The startup step that makes the database ready: folder, file, WAL mode, schema.</summary>
public static class JourneyStudioDatabase
{
    /// <summary>
    /// Creates the data directory when missing, creates or upgrades the database by applying the EF
    /// migrations, and switches the file to WAL mode. Safe to call on every start.
    /// </summary>
    /// <remarks>
    /// File modes: a data directory created here is 0700. The database, its WAL, shared-memory and journal
    /// files and the key ring are made 0600 (the key ring folder 0700) on every start, also when they existed
    /// with wider modes. An existing data directory keeps its mode (an operator may have chosen it, e.g. for
    /// a backup group); a warning says when others can reach into it.
    /// </remarks>
    /// <returns>The full path of the database file.</returns>
    public static async Task<string> InitializeAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var options = services.GetRequiredService<IOptions<JourneyStudioDataOptions>>().Value;
        RestrictDataFiles(options, services.GetService<ILoggerFactory>()?.CreateLogger(typeof(JourneyStudioDatabase)));

        var factory = services.GetRequiredService<IDbContextFactory<JourneyStudioDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);

        // WAL lets readers run while one writer writes; the mode is stored in the file, so setting it once
        // here covers every later connection.
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        return options.DatabasePath;
    }

    private static void RestrictDataFiles(JourneyStudioDataOptions options, ILogger? logger)
    {
        var directory = options.DataDirectoryFullPath;
        if (!PrivateFiles.EnsureDirectory(directory) && PrivateFiles.IsOpenToOthers(directory))
            logger?.LogWarning("The data directory {Directory} can be entered by other users (mode {Mode}); consider chmod 700. Its files are kept owner-only.",
                directory, PrivateFiles.ModeText(directory));
        // An empty file is a valid SQLite database; creating it first means it never exists with a wider
        // mode, and SQLite gives its WAL and shared-memory files the database file's mode.
        PrivateFiles.EnsureFile(options.DatabasePath);
        foreach (var file in options.DatabaseFiles) PrivateFiles.RestrictFile(file);
        PrivateFiles.RestrictDirectory(options.KeyRingDirectory);
        if (Directory.Exists(options.KeyRingDirectory))
            foreach (var file in Directory.EnumerateFiles(options.KeyRingDirectory)) PrivateFiles.RestrictFile(file);
    }
}
