using JourneyStudio.Journeys.Frodo;
using JourneyStudio.OpenIdConnect;
using JourneyStudio.Runtime.Persistence;

namespace JourneyStudio.Web;

/// <summary>What the host does once before serving: database, first admin, shipped journeys.</summary>
public static class StudioStartup
{
    public sealed record Result(string DatabasePath, bool FirstStart, string? AdminUsername, string? GeneratedAdminPassword);

    public static async Task<Result> InitializeAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var databasePath = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<JourneyStudioDataOptions>>().Value.DatabasePath;
        // Empty: created owner-only just before a first start that did not get as far as the schema.
        var firstStart = !File.Exists(databasePath) || new FileInfo(databasePath).Length == 0;
        await JourneyStudioDatabase.InitializeAsync(services, cancellationToken);
        await services.InitializeOpenIdConnectAsync(cancellationToken);

        var admin = await services.GetRequiredService<AdminAccountStore>().EnsureFirstAdminAsync(cancellationToken: cancellationToken);
        if (firstStart)
            await ImportShippedJourneysAsync(services, cancellationToken);
        return admin is FirstAdminResult.Created created
            ? new Result(databasePath, firstStart, created.Username, created.GeneratedPassword)
            : new Result(databasePath, firstStart, null, null);
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
