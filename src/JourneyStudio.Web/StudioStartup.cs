using JourneyStudio.Journeys.Frodo;
using JourneyStudio.OpenIdConnect;
using JourneyStudio.Runtime.Persistence;

namespace JourneyStudio.Web;

/// <summary>What the host does once before serving: database, first admin, shipped journeys.</summary>
public static class StudioStartup
{
    /// <param name="Database">The SQLite file, or which PostgreSQL database.</param>
    public sealed record Result(string Database, bool FirstStart, string? AdminUsername, string? GeneratedAdminPassword);

    /// <summary>
    /// Migrates the database and, at first start (a database without the studio's schema), imports the shipped
    /// journeys; creates the first admin when there is none. On PostgreSQL all of it runs under the start lock, so of
    /// several instances starting at once on an empty database exactly one does the first start.
    /// </summary>
    public static async Task<Result> InitializeAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var start = await JourneyStudioDatabase.StartAsync(services, cancellationToken);
        // Under the start lock: the first instance on an empty database makes the provider's signing keys, the others read them.
        await services.InitializeOpenIdConnectAsync(cancellationToken);
        var admin = await services.GetRequiredService<AdminAccountStore>().EnsureFirstAdminAsync(cancellationToken: cancellationToken);
        if (start.FirstStart)
            await ImportShippedJourneysAsync(services, cancellationToken);
        return admin is FirstAdminResult.Created created
            ? new Result(start.Database, start.FirstStart, created.Username, created.GeneratedPassword)
            : new Result(start.Database, start.FirstStart, null, null);
    }

    /// <summary>
    /// Imports the journeys shipped in <c>journeys/</c> that the database does not have yet. Only at first
    /// start, so a shipped journey an admin deleted does not come back.
    /// </summary>
    public static async Task<int> ImportShippedJourneysAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var store = services.GetRequiredService<JourneyStore>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StudioStartup));
        string folder;
        try { folder = StudioProgram.FindBesideProgram("journeys"); }
        catch (DirectoryNotFoundException e)
        {
            logger.LogWarning("No shipped journeys were imported: {Problem}", e.Message);
            return 0;
        }
        var imported = 0;
        foreach (var file in Directory.GetFiles(folder, "*.journey.json").Order(StringComparer.Ordinal))
        {
            IReadOnlyList<Journeys.Model.Journey> journeys;
            try { journeys = FrodoJourneyReader.Read(await File.ReadAllTextAsync(file, cancellationToken)); }
            catch (JourneyFormatException e)
            {
                logger.LogError("Shipped journey file {File} was not imported: {Problem}", file, e.Message);
                continue;
            }
            foreach (var journey in journeys)
                if (await store.GetAsync(journey.Name, cancellationToken) is null
                    && await store.CreateAsync(journey, "JourneyStudio", cancellationToken) is SaveResult.Saved)
                    imported++;
        }
        logger.LogInformation("Imported {Count} shipped journeys from {Folder}", imported, folder);
        return imported;
    }
}
