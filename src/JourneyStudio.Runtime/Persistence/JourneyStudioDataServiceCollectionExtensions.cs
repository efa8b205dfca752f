using Microsoft.Data.Sqlite;
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

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<JourneyStore>();
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
