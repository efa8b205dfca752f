using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging;

namespace JourneyStudio.Runtime.Persistence;

/// <summary>
/// The key ring as files in <c>keys/</c> of the data directory, the folder owner-only (0700) and each key
/// file owner-only (0600), whatever the umask: the keys decrypt every MFA secret and sign-on state at rest.
/// </summary>
internal sealed class PrivateKeyRingRepository : IXmlRepository
{
    private readonly string _keysDirectory;
    private readonly FileSystemXmlRepository _files;

    public PrivateKeyRingRepository(string dataDirectory, string keysDirectory, ILoggerFactory loggerFactory)
    {
        // Before the files repository, which creates a missing folder with the umask's mode.
        PrivateFiles.EnsureDirectory(dataDirectory);
        PrivateFiles.EnsureDirectory(keysDirectory);
        _keysDirectory = keysDirectory;
        _files = new FileSystemXmlRepository(new DirectoryInfo(keysDirectory), loggerFactory);
    }

    public IReadOnlyCollection<XElement> GetAllElements() => _files.GetAllElements();

    public void StoreElement(XElement element, string friendlyName)
    {
        _files.StoreElement(element, friendlyName);
        // The files repository already creates key files 0600 (less any umask bits); this pins it.
        foreach (var file in Directory.EnumerateFiles(_keysDirectory, "*.xml"))
            PrivateFiles.RestrictFile(file);
    }
}
