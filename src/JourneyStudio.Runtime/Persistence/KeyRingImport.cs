using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace JourneyStudio.Runtime.Persistence;

/// <summary>
/// Brings a key ring kept as files (<c>keys/</c> in the data directory, where versions before the shared key ring kept
/// it) into the database, so that everything those keys encrypted (device secrets, SNS secrets, authIds, cookies) stays
/// readable. Each file is imported once, by its name (<c>key-{id}.xml</c>, as the key manager names them); the files
/// are left where they are, nothing is deleted.
/// </summary>
public static class KeyRingImport
{
    /// <returns>How many keys were imported now.</returns>
    public static async Task<int> ImportAsync(JourneyStudioDbContext db, string keysDirectory, ILogger? logger, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(keysDirectory)) return 0;
        var files = Directory.GetFiles(keysDirectory, "*.xml").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) return 0;

        var known = (await db.DataProtectionKeys.AsNoTracking().Select(k => k.FriendlyName).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var imported = 0;
        foreach (var file in files)
        {
            var friendlyName = Path.GetFileNameWithoutExtension(file);
            if (known.Contains(friendlyName)) continue;
            XElement element;
            try { element = XElement.Load(file); }
            catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
            {
                // The same file is also unreadable to the file-based key ring: it never protected anything readable.
                logger?.LogWarning("The key ring file {File} was not imported: {Problem}", file, e.Message);
                continue;
            }
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
            imported++;
        }
        if (imported == 0) return 0;
        await db.SaveChangesAsync(cancellationToken);
        logger?.LogInformation("Imported {Count} Data Protection keys from {Folder} into the database; the files are kept but no longer read", imported, keysDirectory);
        return imported;
    }
}
