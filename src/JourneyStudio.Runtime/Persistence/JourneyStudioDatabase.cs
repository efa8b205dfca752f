using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JourneyStudio.Runtime.Persistence;

/// <summary>The startup step that makes the database ready: schema, key ring, and for SQLite folder, file and WAL mode.</summary>
public static class JourneyStudioDatabase
{
    /// <summary>
    /// Creates or upgrades the database by applying the EF migrations of its provider and imports a key ring left in
    /// the data directory by an earlier version. Safe to call on every start. Returns the database file (SQLite) or a
    /// description of the database without its password (PostgreSQL).
    /// </summary>
    public static async Task<string> InitializeAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var start = await StartAsync(services, cancellationToken);
        return start.Database;
    }

    /// <summary>
    /// <see cref="InitializeAsync"/>, holding on (until the result is disposed) to the lock under which it ran, so that
    /// the caller's first-start work (first admin, shipped journeys) runs in one instance only.
    /// </summary>
    /// <remarks>
    /// SQLite: a data directory created here is 0700. The database, its WAL, shared-memory and journal files and a key
    /// ring folder left from earlier versions are made 0600 (the folder 0700) on every start, also when they existed
    /// with wider modes. An existing data directory keeps its mode (an operator may have chosen it, e.g. for a backup
    /// group); a warning says when others can reach into it. A first start is one where the file did not exist.
    /// <para/>
    /// PostgreSQL: instances starting at once on one database take turns on a session advisory lock, so one migrates
    /// while the others wait and then find the schema current. A first start is one where no migration had been applied.
    /// The database itself must exist (it may be empty).
    /// </remarks>
    public static async Task<DatabaseStart> StartAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var options = services.GetRequiredService<IOptions<JourneyStudioDataOptions>>().Value;
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger(typeof(JourneyStudioDatabase));
        var factory = services.GetRequiredService<IDbContextFactory<JourneyStudioDbContext>>();
        return options.Database.ProviderKind == DatabaseProvider.Postgres
            ? await StartPostgresAsync(factory, options, logger, cancellationToken)
            : await StartSqliteAsync(factory, options, logger, cancellationToken);
    }

    /// <summary>
    /// True when there is a studio database to read: the file exists (SQLite), or the database has the studio's schema
    /// (PostgreSQL). Reading commands use it so as never to create a database where there was none.
    /// </summary>
    public static async Task<bool> ExistsAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var options = services.GetRequiredService<IOptions<JourneyStudioDataOptions>>().Value;
        if (options.Database.ProviderKind != DatabaseProvider.Postgres) return File.Exists(options.DatabasePath);
        await using var db = await services.GetRequiredService<IDbContextFactory<JourneyStudioDbContext>>().CreateDbContextAsync(cancellationToken);
        return (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any();
    }

    /// <summary>What the host is told about this start of the database.</summary>
    public static string Describe(JourneyStudioDataOptions options)
    {
        if (options.Database.ProviderKind != DatabaseProvider.Postgres) return options.DatabasePath;
        var postgres = new Npgsql.NpgsqlConnectionStringBuilder(options.Database.ConnectionString);
        return $"PostgreSQL database {postgres.Database} on {postgres.Host}:{postgres.Port}";
    }

    private static async Task<DatabaseStart> StartSqliteAsync(IDbContextFactory<JourneyStudioDbContext> factory, JourneyStudioDataOptions options,
        ILogger? logger, CancellationToken cancellationToken)
    {
        // Empty: created owner-only just before a first start that did not get as far as the schema.
        var firstStart = !File.Exists(options.DatabasePath) || new FileInfo(options.DatabasePath).Length == 0;
        RestrictDataFiles(options, logger);

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // WAL lets readers run while one writer writes; the mode is stored in the file, so setting it once
        // here covers every later connection.
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        await KeyRingImport.ImportAsync(db, options.KeyRingDirectory, logger, cancellationToken);
        return new DatabaseStart(options.DatabasePath, firstStart, null);
    }

    private static async Task<DatabaseStart> StartPostgresAsync(IDbContextFactory<JourneyStudioDbContext> factory, JourneyStudioDataOptions options,
        ILogger? logger, CancellationToken cancellationToken)
    {
        // EF Core's own migration lock covers Migrate only; this one also covers what the first instance does after it
        // (first admin, shipped journeys), so a second instance sees a finished first start, not half of one.
        var lockConnection = new Npgsql.NpgsqlConnection(options.Database.ConnectionString);
        try
        {
            await lockConnection.OpenAsync(cancellationToken);
            await ExecuteAsync(lockConnection, $"SELECT pg_advisory_lock({StartLockKey})", cancellationToken);

            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var firstStart = !(await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any();
            await db.Database.MigrateAsync(cancellationToken);
            await KeyRingImport.ImportAsync(db, options.KeyRingDirectory, logger, cancellationToken);
            return new DatabaseStart(Describe(options), firstStart, lockConnection);
        }
        catch
        {
            await lockConnection.DisposeAsync(); // the session lock ends with the session
            throw;
        }
    }

    private static readonly long StartLockKey = DatabaseConcurrency.AdvisoryLockKey("start");

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void RestrictDataFiles(JourneyStudioDataOptions options, ILogger? logger)
    {
        var directory = options.DataDirectoryFullPath;
        if (!PrivateFiles.EnsureDirectory(directory) && PrivateFiles.IsOpenToOthers(directory))
            logger?.LogWarning("The data directory {Directory} can be entered by other users (mode {Mode}); consider chmod 700. Its files are kept owner-only.",
                directory, PrivateFiles.ModeText(directory));
        // An empty file is a valid SQLite database; creating it first means it never exists with a wider
        // mode, and SQLite gives its WAL and shared-memory files the database file's mode.
        if (Path.GetDirectoryName(options.DatabasePath) is { } folder) PrivateFiles.EnsureDirectory(folder);
        PrivateFiles.EnsureFile(options.DatabasePath);
        foreach (var file in options.DatabaseFiles) PrivateFiles.RestrictFile(file);
        PrivateFiles.RestrictDirectory(options.KeyRingDirectory);
        if (Directory.Exists(options.KeyRingDirectory))
            foreach (var file in Directory.EnumerateFiles(options.KeyRingDirectory)) PrivateFiles.RestrictFile(file);
    }

    /// <summary>
    /// One start of the database; disposing it ends the start (on PostgreSQL: lets the next instance start).
    /// </summary>
    public sealed class DatabaseStart : IAsyncDisposable
    {
        private readonly DbConnection? _lock;

        internal DatabaseStart(string database, bool firstStart, DbConnection? startLock)
        {
            Database = database;
            FirstStart = firstStart;
            _lock = startLock;
        }

        /// <summary>The SQLite file, or which PostgreSQL database (never its password).</summary>
        public string Database { get; }

        /// <summary>The database had no studio schema before this start.</summary>
        public bool FirstStart { get; }

        public async ValueTask DisposeAsync()
        {
            if (_lock is null) return;
            try { await ExecuteAsync(_lock, $"SELECT pg_advisory_unlock({StartLockKey})", CancellationToken.None); }
            catch (Exception e) when (e is DbException or InvalidOperationException) { } // the session's end releases it too
            await _lock.DisposeAsync();
        }
    }
}
