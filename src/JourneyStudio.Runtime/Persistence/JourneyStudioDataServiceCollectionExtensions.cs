using JourneyStudio.Runtime.Identities;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace JourneyStudio.Runtime.Persistence;

public static class JourneyStudioDataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SQLite database (<see cref="IDbContextFactory{TContext}"/> of
    /// <see cref="JourneyStudioDbContext"/>), <see cref="JourneyStore"/> and <see cref="AdminAccountStore"/>,
    /// with <see cref="JourneyStudioDataOptions"/> bound from the section <c>JourneyStudio</c>.
    /// The host registers an <see cref="IJourneyCodec"/> and calls
    /// <see cref="JourneyStudioDatabase.InitializeAsync"/> before serving.
    /// </summary>
    public static IServiceCollection AddJourneyStudioData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JourneyStudioDataOptions>()
            .Bind(configuration.GetSection(JourneyStudioDataOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.DataDirectory), "JourneyStudio:DataDirectory must not be empty.");

        services.AddDbContextFactory<JourneyStudioDbContext>((provider, options) =>
            ConfigureSqlite(options, provider.GetRequiredService<IOptions<JourneyStudioDataOptions>>().Value.DatabasePath));

        // Keys protect authIds, session data and MFA secrets at rest; kept beside the database so they
        // survive restarts and move with the data directory.
        services.AddDataProtection().SetApplicationName("JourneyStudio");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<JourneyStudioDataOptions>>((keys, data) =>
            keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(data.Value.DataDirectoryFullPath, "keys")), NullLoggerFactory.Instance));

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<JourneyStore>();
        services.TryAddSingleton<BoundedPasswordHasher>();
        services.TryAddSingleton<AdminAccountStore>();
        return services;
    }

    /// <summary>The SQLite settings every context of the studio uses (also the design-time factory's).</summary>
    public static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder options, string databasePath) =>
        options
            .UseSqlite(ConnectionString(databasePath))
            .AddInterceptors(new SqliteConnectionSetupInterceptor());

    public static string ConnectionString(string databasePath) => new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        ForeignKeys = true, // deleting a journey removes its revisions through ON DELETE CASCADE
        DefaultTimeout = 30,
    }.ToString();
}
