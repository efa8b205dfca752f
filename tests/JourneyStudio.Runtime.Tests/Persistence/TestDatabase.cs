using JourneyStudio.Runtime.Devices;
using JourneyStudio.Runtime.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Runtime.Tests.Persistence;

/// <summary>
/// A real SQLite file in a fresh temporary folder, wired the way the host wires it
/// (<see cref="JourneyStudioDataServiceCollectionExtensions.AddJourneyStudioData"/> and
/// <see cref="JourneyStudioDatabase.InitializeAsync"/>). Disposing deletes the folder.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private TestDatabase(string root, ServiceProvider services, string databasePath)
    {
        Root = root;
        _services = services;
        DatabasePath = databasePath;
    }

    /// <summary>The temporary folder; the data directory is a not-yet-existing folder inside it.</summary>
    public string Root { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    public string DatabasePath { get; }

    public ManualClock Clock => (ManualClock)_services.GetRequiredService<TimeProvider>();

    public JourneyStore Journeys => _services.GetRequiredService<JourneyStore>();

    public AdminAccountStore Admins => _services.GetRequiredService<AdminAccountStore>();

    public IServiceProvider Services => _services;

    /// <param name="configure">Extra services, registered after the data services (e.g. a codec that counts parses).</param>
    public static Task<TestDatabase> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null) =>
        StartAsync(Path.Combine(Path.GetTempPath(), "journeystudio-tests-" + Guid.NewGuid().ToString("N")), settings, configure);

    /// <summary>Disposes this instance's services and starts again on the same file, as a host restart does.</summary>
    public async Task<TestDatabase> RestartAsync(IDictionary<string, string?>? settings = null)
    {
        await ReleaseFileAsync();
        return await StartAsync(Root, settings);
    }

    public JourneyStudioDbContext CreateContext() =>
        _services.GetRequiredService<IDbContextFactory<JourneyStudioDbContext>>().CreateDbContext();

    /// <summary>A plain connection for looking at the file the way any SQLite tool would.</summary>
    public SqliteConnection OpenRawConnection()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public object? QueryScalar(string sql)
    {
        using var connection = OpenRawConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public async ValueTask DisposeAsync()
    {
        await ReleaseFileAsync();
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }

    private static async Task<TestDatabase> StartAsync(string root, IDictionary<string, string?>? settings, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["JourneyStudio:DataDirectory"] = Path.Combine(root, "data") })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(new ManualClock(new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero)))
            .AddSingleton<IJourneyCodec, TestJourneyCodec>()
            .AddJourneyStudioData(configuration)
            .AddJourneyStudioDevices();
        configure?.Invoke(services);
        var provider = services
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var databasePath = await JourneyStudioDatabase.InitializeAsync(provider);
        return new TestDatabase(root, provider, databasePath);
    }

    private async Task ReleaseFileAsync()
    {
        await _services.DisposeAsync();
        // Pooled connections keep the file open after the contexts are gone.
        SqliteConnection.ClearPool(new SqliteConnection(JourneyStudioDataServiceCollectionExtensions.ConnectionString(DatabasePath)));
    }
}
