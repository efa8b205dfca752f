using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using JourneyStudio.Runtime.Identities;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace JourneyStudio.Runtime.Persistence;

public static class JourneyStudioDataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the database (<see cref="IDbContextFactory{TContext}"/> of <see cref="JourneyStudioDbContext"/> on
    /// SQLite or PostgreSQL, see <see cref="DatabaseOptions"/>), the Data Protection key ring in it, <see cref="JourneyStore"/> and <see cref="AdminAccountStore"/>,
    /// with <see cref="JourneyStudioDataOptions"/> bound from the section <c>JourneyStudio</c>.
    /// The host registers an <see cref="IJourneyCodec"/> and calls
    /// <see cref="JourneyStudioDatabase.InitializeAsync"/> before serving.
    /// </summary>
    public static IServiceCollection AddJourneyStudioData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JourneyStudioDataOptions>()
            .Bind(configuration.GetSection(JourneyStudioDataOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.DataDirectory), "JourneyStudio:DataDirectory must not be empty.")
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JourneyStudioDataOptions>, DatabaseOptionsValidator>());

        // Two kinds of contexts on one database: admin data waits for the disk on every commit, sign-ons in progress do
        // not (WriteDurability). The kind is chosen per store, by which factory it is given (SignOnStoreRegistration).
        // Pooled: a context's set-up (EF's internal services, loggers) is paid once per pooled instance, not on every query
        // of a sign-on step.
        services.AddPooledDbContextFactory<JourneyStudioDbContext>((provider, options) => Configure(options, provider, WriteDurability.Full));
        services.TryAddSingleton(provider => new SignOnDbContextFactory(new PooledDbContextFactory<JourneyStudioDbContext>(
            Configure(new DbContextOptionsBuilder<JourneyStudioDbContext>(), provider, WriteDurability.SignOn).Options)));
        services.TryAddSingleton(_ => new JourneyRevisionCache());

        // The keys protect authIds, cookies, session data and MFA secrets at rest. In the database they are shared by
        // every instance on it (whatever its data directory) and move with the data; the application name ties
        // what one instance protects to what every other can read.
        var dataProtection = services.AddDataProtection()
            .SetApplicationName(DataProtectionApplicationName)
            .PersistKeysToDbContext<JourneyStudioDbContext>();
        var keyRing = configuration.GetSection(JourneyStudioDataOptions.SectionName).GetSection("DataProtection").Get<KeyRingOptions>();
        if (!string.IsNullOrWhiteSpace(keyRing?.CertificatePath))
            dataProtection.ProtectKeysWithCertificate(LoadKeyRingCertificate(keyRing.CertificatePath, keyRing.CertificatePassword));
        // The engine keeps a suspended sign-on's transient state with these keys (AM's secure state).
        services.TryAddSingleton<Engine.SecureStateProtector>();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<JourneyStore>();
        services.TryAddSingleton<Scripts.ScriptStore>();
        // Replaces the empty source the engine registers when it comes first.
        services.RemoveAll<Scripts.IScriptSource>();
        services.AddSingleton<Scripts.IScriptSource>(provider => provider.GetRequiredService<Scripts.ScriptStore>());
        services.TryAddSingleton<BoundedPasswordHasher>();
        services.TryAddSingleton<AdminAccountStore>();
        return services;
    }

    /// <summary>The Data Protection application name of every instance: keys are only shared between equal names.</summary>
    public const string DataProtectionApplicationName = "JourneyStudio";

    private sealed class DatabaseOptionsValidator : IValidateOptions<JourneyStudioDataOptions>
    {
        public ValidateOptionsResult Validate(string? name, JourneyStudioDataOptions options) =>
            options.Database.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }

    /// <summary>The certificate that encrypts the key ring; a setting that cannot be used stops the start, naming it.</summary>
    public static X509Certificate2 LoadKeyRingCertificate(string path, string? password)
    {
        const string setting = "JourneyStudio:DataProtection:CertificatePath";
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{setting}: the certificate file {path} cannot be read ({e.Message}).", e);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException(
                $"{setting}: {path} is not a PKCS#12 (.pfx) file that opens with JourneyStudio:DataProtection:CertificatePassword ({e.Message}).", e);
        }
        if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is null)
            throw new InvalidOperationException($"{setting}: {path} must hold an RSA certificate with its private key, which decrypts the key ring.");
        return certificate;
    }

    /// <summary>
    /// The database settings of one kind of context; interceptors registered as <see cref="IInterceptor"/> services (e.g. a test
    /// that counts commands) are added to both kinds.
    /// </summary>
    private static TBuilder Configure<TBuilder>(TBuilder options, IServiceProvider provider, WriteDurability durability) where TBuilder : DbContextOptionsBuilder
    {
        ConfigureDatabase(options, provider.GetRequiredService<IOptions<JourneyStudioDataOptions>>().Value, durability);
        options.AddInterceptors(provider.GetServices<IInterceptor>());
        return options;
    }

    /// <summary>The provider the settings name, with the options every context of the studio uses.</summary>
    public static DbContextOptionsBuilder ConfigureDatabase(DbContextOptionsBuilder options, JourneyStudioDataOptions data,
        WriteDurability durability = WriteDurability.Full) =>
        data.Database.ProviderKind switch
        {
            DatabaseProvider.Sqlite => ConfigureSqlite(options, SqliteConnectionString(data), durability),
            DatabaseProvider.Postgres => ConfigurePostgres(options, PostgresConnectionString(data.Database.ConnectionString!, durability)),
            _ => throw new InvalidOperationException(string.Join(" ", data.Database.Problems())),
        };

    /// <summary>The assembly that holds the SQLite migrations (src/JourneyStudio.Persistence.Sqlite).</summary>
    public const string SqliteMigrationsAssembly = "JourneyStudio.Persistence.Sqlite";

    /// <summary>The assembly that holds the PostgreSQL migrations (src/JourneyStudio.Persistence.Postgres).</summary>
    public const string PostgresMigrationsAssembly = "JourneyStudio.Persistence.Postgres";

    /// <summary>The SQLite settings every context of the studio uses (also the design-time factory's).</summary>
    public static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder options, string connectionString,
        WriteDurability durability = WriteDurability.Full) =>
        options
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly))
            .AddInterceptors(new SqliteConnectionSetupInterceptor(durability), new SqliteWriteGate(connectionString));

    /// <summary>The PostgreSQL settings every context of the studio uses (also the design-time factory's).</summary>
    public static DbContextOptionsBuilder ConfigurePostgres(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly));

    /// <summary>
    /// The configured PostgreSQL connection string for one kind of context. <see cref="WriteDurability.SignOn"/> connections
    /// start with <c>synchronous_commit = off</c> (a session setting sent in the start-up packet, so it costs no round trip
    /// and stays with the connection for its life): a commit returns once it is in the WAL buffers, which a crash of the
    /// studio does not lose, and the WAL writer flushes it within moments. The different connection string gives these
    /// connections a pool of their own, so an admin write never runs on one of them.
    /// </summary>
    public static string PostgresConnectionString(string configured, WriteDurability durability)
    {
        if (durability == WriteDurability.Full) return configured;
        var builder = new NpgsqlConnectionStringBuilder(configured);
        builder.Options = string.IsNullOrWhiteSpace(builder.Options)
            ? "-c synchronous_commit=off"
            : builder.Options + " -c synchronous_commit=off";
        return builder.ConnectionString;
    }

    /// <summary>
    /// The configured SQLite connection string with what the studio relies on (the file start-up prepared), or the default
    /// one for the file in the data directory. Foreign keys (for cascading deletes) are switched on once per native
    /// connection by <see cref="SqliteConnectionSetupInterceptor"/>: <c>Foreign Keys=True</c> in the connection string would
    /// run that PRAGMA again on every open of a pooled connection, twice per sign-on step.
    /// </summary>
    public static string SqliteConnectionString(JourneyStudioDataOptions data)
    {
        var configured = data.Database.ConnectionString;
        if (string.IsNullOrWhiteSpace(configured)) return ConnectionString(data.DatabasePath);
        var builder = new SqliteConnectionStringBuilder(configured) { DataSource = data.DatabasePath, ForeignKeys = null };
        if (!configured.Contains("timeout", StringComparison.OrdinalIgnoreCase)) builder.DefaultTimeout = 30;
        return builder.ToString();
    }

    public static string ConnectionString(string databasePath) => new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        DefaultTimeout = 30,
    }.ToString();
}
