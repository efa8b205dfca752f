using System.Net;
using System.Security.Cryptography.X509Certificates;
using JourneyStudio.Runtime.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyStudio.Testing;

/// <summary>
/// The real studio program on Kestrel over loopback, with its own data directory that is deleted afterwards, on
/// SQLite (the file in that directory) or on a fresh PostgreSQL database of the test server (<see cref="TestPostgres"/>,
/// dropped afterwards). Shared by the HTTP and browser test projects.
/// </summary>
public sealed class StudioServer : IAsyncDisposable
{
    public const string AdminUsername = "admin";
    public const string AdminPassword = "Test-admin-password-1";

    private readonly WebApplicationFactory<Program> _factory;

    private readonly bool _keepDataDirectory;

    private readonly bool _ownsDatabase;

    private StudioServer(WebApplicationFactory<Program> factory, string dataDirectory, Uri baseAddress, bool keepDataDirectory,
        DatabaseProvider provider, string? postgresConnectionString, bool ownsDatabase)
    {
        _keepDataDirectory = keepDataDirectory;
        _factory = factory;
        DataDirectory = dataDirectory;
        BaseAddress = baseAddress;
        Provider = provider;
        PostgresConnectionString = postgresConnectionString;
        _ownsDatabase = ownsDatabase;
    }

    public DatabaseProvider Provider { get; }

    /// <summary>The PostgreSQL database (null on SQLite); another instance started with it shares everything.</summary>
    public string? PostgresConnectionString { get; }

    public string DataDirectory { get; }

    /// <summary>e.g. http://127.0.0.1:41234/ (always with a trailing slash).</summary>
    public Uri BaseAddress { get; }

    public IServiceProvider Services => _factory.Services;

    /// <param name="keepDataDirectory">Keep the data directory after disposal, e.g. to start again on it (a restart).</param>
    /// <param name="configureServices">Extra test services, registered after the program's own (e.g. a recording hook).</param>
    /// <param name="environment">The host environment; Development unless a test is about another.</param>
    /// <param name="httpsCertificate">Serve HTTPS (only) with this certificate instead of HTTP.</param>
    /// <param name="provider">The database: SQLite in the data directory, or a new empty PostgreSQL database (a first start).</param>
    /// <param name="postgresConnectionString">Start on this existing PostgreSQL database instead (e.g. a second instance);
    /// it is not dropped afterwards.</param>
    public static StudioServer Start(IDictionary<string, string?>? settings = null, string? dataDirectory = null, bool keepDataDirectory = false,
        Action<IServiceCollection>? configureServices = null, string environment = "Development", X509Certificate2? httpsCertificate = null,
        DatabaseProvider provider = DatabaseProvider.Sqlite, string? postgresConnectionString = null)
    {
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "journeystudio-test-" + Guid.NewGuid().ToString("N"));
        if (postgresConnectionString is not null) provider = DatabaseProvider.Postgres;
        var ownsDatabase = provider == DatabaseProvider.Postgres && postgresConnectionString is null;
        if (ownsDatabase) postgresConnectionString = TestPostgres.CreateEmptyDatabase();
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("JourneyStudio:DataDirectory", dataDirectory);
            if (provider == DatabaseProvider.Postgres)
            {
                builder.UseSetting("JourneyStudio:Database:Provider", "postgres");
                builder.UseSetting("JourneyStudio:Database:ConnectionString", postgresConnectionString);
            }
            builder.UseSetting("JourneyStudio:Admin:Username", AdminUsername);
            builder.UseSetting("JourneyStudio:Admin:Password", AdminPassword);
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
                builder.UseSetting(key, value);
            if (configureServices is not null) builder.ConfigureTestServices(configureServices);
        });
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (httpsCertificate is not null) listen.UseHttps(httpsCertificate);
        }));
        try
        {
            factory.StartServer();
        }
        catch when (ownsDatabase)
        {
            TestPostgres.DropDatabase(postgresConnectionString!);
            throw;
        }
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new StudioServer(factory, dataDirectory, new Uri(address.TrimEnd('/') + "/"), keepDataDirectory, provider, postgresConnectionString, ownsDatabase);
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    /// <summary>
    /// An open connection to the studio's database, the way any SQL tool would see it (SQLite without pooling, or
    /// PostgreSQL). Write statements for both: quoted identifiers, <c>@name</c> parameters (<see cref="AddParameter"/>).
    /// </summary>
    public System.Data.Common.DbConnection OpenDatabaseConnection()
    {
        System.Data.Common.DbConnection connection = Provider == DatabaseProvider.Postgres
            ? new Npgsql.NpgsqlConnection(PostgresConnectionString)
            : new Microsoft.Data.Sqlite.SqliteConnection(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder
                { DataSource = Path.Combine(DataDirectory, JourneyStudioDataOptions.DatabaseFileName), Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Adds the parameter <c>@name</c> to <paramref name="command"/>.</summary>
    public static void AddParameter(System.Data.Common.DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (PostgresConnectionString is not null)
        {
            if (_ownsDatabase) await TestPostgres.DropDatabaseAsync(PostgresConnectionString);
            else Npgsql.NpgsqlConnection.ClearPool(new Npgsql.NpgsqlConnection(PostgresConnectionString));
        }
        if (_keepDataDirectory) return;
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
