using JourneyStudio.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace JourneyStudio.Persistence.Postgres;

/// <summary>
/// Lets <c>dotnet ef migrations add NAME --project src/JourneyStudio.Persistence.Postgres</c> build the PostgreSQL
/// model without a host or a server: adding a migration does not connect.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<JourneyStudioDbContext>
{
    public JourneyStudioDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<JourneyStudioDbContext>();
        JourneyStudioDataServiceCollectionExtensions.ConfigurePostgres(options, "Host=localhost;Database=journeystudio");
        return new JourneyStudioDbContext(options.Options);
    }
}
