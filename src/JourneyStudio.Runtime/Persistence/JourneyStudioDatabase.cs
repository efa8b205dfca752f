using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JourneyStudio.Runtime.Persistence;

/// <summary>The startup step that makes the database ready: folder, file, WAL mode, schema.</summary>
public static class JourneyStudioDatabase
{
    /// <summary>
    /// Creates the data directory when missing, creates or upgrades the database by applying the EF
    /// migrations, and switches the file to WAL mode. Safe to call on every start.
    /// </summary>
    /// <returns>The full path of the database file.</returns>
    public static async Task<string> InitializeAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var options = services.GetRequiredService<IOptions<JourneyStudioDataOptions>>().Value;
        Directory.CreateDirectory(options.DataDirectoryFullPath);

        var factory = services.GetRequiredService<IDbContextFactory<JourneyStudioDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);

        // WAL lets readers run while one writer writes; the mode is stored in the file, so setting it once
        // here covers every later connection.
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        return options.DatabasePath;
    }
}
