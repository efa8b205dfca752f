using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace JourneyStudio.Runtime.Persistence;

/// <summary>
/// Lets <c>dotnet ef migrations add &lt;Name&gt; --project src/JourneyStudio.Runtime --output-dir Persistence/Migrations</c>
/// build the model without a host. Adding a migration does not open the database.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<JourneyStudioDbContext>
{
    public JourneyStudioDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<JourneyStudioDbContext>();
        JourneyStudioDataServiceCollectionExtensions.ConfigureSqlite(options, new JourneyStudioDataOptions().DatabasePath);
        return new JourneyStudioDbContext(options.Options);
    }
}
