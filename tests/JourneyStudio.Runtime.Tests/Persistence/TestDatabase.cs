using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Runtime.Tests.Persistence;

/// <summary>
/// A real database wired the way the host wires it (<see cref="JourneyStudioDataServiceCollectionExtensions.AddJourneyStudioData"/>
/// and <see cref="JourneyStudioDatabase.InitializeAsync"/>): a SQLite file in a fresh temporary folder, or a fresh
/// PostgreSQL database on the test server (<see cref="TestPostgres"/>). Disposing deletes the folder and the database.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private TestDatabase(string root, ServiceProvider services, string databasePath, DatabaseProvider provider, string? postgresConnectionString)
    {
        Root = root;
        _services = services;
        DatabasePath = databasePath;
        Provider = provider;
        PostgresConnectionString = postgresConnectionString;
    }

    public DatabaseProvider Provider { get; }

    /// <summary>The PostgreSQL database's connection string; null on SQLite.</summary>
    public string? PostgresConnectionString { get; }

    /// <summary>The temporary folder; the data directory is a not-yet-existing folder inside it.</summary>
    public string Root { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    /// <summary>The SQLite file (on PostgreSQL, where it would be).</summary>
    public string DatabasePath { get; }

    public ManualClock Clock => (ManualClock)_services.GetRequiredService<TimeProvider>();

    public JourneyStore Journeys => _services.GetRequiredService<JourneyStore>();

    public AdminAccountStore Admins => _services.GetRequiredService<AdminAccountStore>();

    public IServiceProvider Services => _services;

    /// <summary>A SQLite database (for tests about SQLite itself: files, modes, pragmas).</summary>
    /// <param name="configure">Extra services, registered after the data services (e.g. a codec that counts parses).</param>
    public static Task<TestDatabase> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null) =>
        StartAsync(DatabaseProvider.Sqlite, settings, configure);

    public static Task<TestDatabase> StartAsync(DatabaseProvider provider, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null) =>
        StartInAsync(Path.Combine(Path.GetTempPath(), "journeystudio-tests-" + Guid.NewGuid().ToString("N")), provider, settings, configure);

    /// <summary>A start on the data directory <c>data</c> in <paramref name="root"/> (e.g. one prepared the way an earlier version left it).</summary>
    public static async Task<TestDatabase> StartInAsync(string root, DatabaseProvider provider, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null)
    {
        var postgres = provider == DatabaseProvider.Postgres ? await TestPostgres.CreateMigratedDatabaseAsync() : null;
        try
        {
            return await StartAsync(root, provider, postgres, settings, configure: configure);
        }
        catch when (postgres is not null)
        {
            await TestPostgres.DropDatabaseAsync(postgres);
            throw;
        }
    }

    /// <summary>Disposes this instance's services and starts again on the same database, as a host restart does.</summary>
    public async Task<TestDatabase> RestartAsync(IDictionary<string, string?>? settings = null)
    {
        await ReleaseFileAsync();
        return await StartAsync(Root, Provider, PostgresConnectionString, settings);
    }

    /// <summary>Another host on the same database (e.g. a second instance), with its own services and data directory.</summary>
    public async Task<TestDatabase> SecondInstanceAsync(IDictionary<string, string?>? settings = null) =>
        await StartAsync(Path.Combine(Path.GetTempPath(), "journeystudio-tests-" + Guid.NewGuid().ToString("N")), Provider,
            PostgresConnectionString, Provider == DatabaseProvider.Sqlite
                ? new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["JourneyStudio:Database:ConnectionString"] = $"Data Source={DatabasePath}" }
                : settings, ownsDatabase: false);

    public JourneyStudioDbContext CreateContext() =>
        _services.GetRequiredService<IDbContextFactory<JourneyStudioDbContext>>().CreateDbContext();

    /// <summary>A plain connection for looking at the file the way any SQLite tool would.</summary>
    public SqliteConnection OpenRawConnection()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>
    /// One value from raw SQL, on either provider: quote identifiers (<c>"Journeys"</c>) and write booleans as TRUE/FALSE
    /// so the statement reads the same on both. PostgreSQL's integers and booleans come back as SQLite's (long).
    /// </summary>
    public object? QueryScalar(string sql)
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            using var postgres = new Npgsql.NpgsqlConnection(PostgresConnectionString);
            postgres.Open();
            using var query = postgres.CreateCommand();
            query.CommandText = sql;
            return query.ExecuteScalar() switch
            {
                int number => (long)number,
                short number => (long)number,
                bool flag => flag ? 1L : 0L,
                var other => other,
            };
        }
        using var connection = OpenRawConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public async ValueTask DisposeAsync()
    {
        await ReleaseFileAsync();
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
        if (PostgresConnectionString is not null && _ownsDatabase) await TestPostgres.DropDatabaseAsync(PostgresConnectionString);
    }

    private bool _ownsDatabase = true;

    private static async Task<TestDatabase> StartAsync(string root, DatabaseProvider provider, string? postgresConnectionString,
        IDictionary<string, string?>? settings, bool ownsDatabase = true, Action<IServiceCollection>? configure = null)
    {
        var database = new Dictionary<string, string?> { ["JourneyStudio:DataDirectory"] = Path.Combine(root, "data") };
        if (provider == DatabaseProvider.Postgres)
        {
            database["JourneyStudio:Database:Provider"] = "postgres";
            database["JourneyStudio:Database:ConnectionString"] = postgresConnectionString;
        }
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(database)
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var collection = new ServiceCollection();
        collection
            .AddSingleton<TimeProvider>(new ManualClock(new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero)))
            .AddSingleton<IJourneyCodec, TestJourneyCodec>()
            .AddJourneyStudioData(configuration)
            .AddJourneyStudioDevices();
        configure?.Invoke(collection);
        var services = collection
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await JourneyStudioDatabase.InitializeAsync(services);
        var databasePath = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<JourneyStudioDataOptions>>().Value.DatabasePath;
        return new TestDatabase(root, services, databasePath, provider, postgresConnectionString) { _ownsDatabase = ownsDatabase };
    }

    private async Task ReleaseFileAsync()
    {
        await _services.DisposeAsync();
        // Pooled connections keep the file open after the contexts are gone.
        if (Provider == DatabaseProvider.Sqlite)
            SqliteConnection.ClearPool(new SqliteConnection(JourneyStudioDataServiceCollectionExtensions.ConnectionString(DatabasePath)));
        else
            Npgsql.NpgsqlConnection.ClearPool(new Npgsql.NpgsqlConnection(PostgresConnectionString));
    }
}
