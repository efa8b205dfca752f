using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace JourneyStudio.Persistence.Sqlite;

/// <summary>
/// Lets <c>dotnet ef migrations add NAME --project src/JourneyStudio.Persistence.Sqlite</c> build the SQLite model
/// without a host. Adding a migration does not open the database.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<JourneyStudioDbContext>
{
    public JourneyStudioDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<JourneyStudioDbContext>();
        JourneyStudioDataServiceCollectionExtensions.ConfigureSqlite(options,
            JourneyStudioDataServiceCollectionExtensions.ConnectionString(new JourneyStudioDataOptions().DatabasePath));
        return new JourneyStudioDbContext(options.Options);
    }
}
