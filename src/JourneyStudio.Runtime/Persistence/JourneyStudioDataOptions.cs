namespace JourneyStudio.Runtime.Persistence;

/// <summary>Data settings, bound from the configuration section <c>JourneyStudio</c>.</summary>
public sealed class JourneyStudioDataOptions
{
    public const string SectionName = "JourneyStudio";

    public const string DatabaseFileName = "journeystudio.db";

    /// <summary>Folder of the SQLite database (and the key ring); relative paths start at the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The first admin, created at first start when no admin exists.</summary>
    public FirstAdminOptions Admin { get; set; } = new();

    /// <summary><c>JourneyStudio:DataProtection:*</c>: how the key ring is protected at rest.</summary>
    public KeyRingOptions DataProtection { get; set; } = new();

    public string DataDirectoryFullPath => Path.GetFullPath(DataDirectory);

    public string DatabasePath => Path.Combine(DataDirectoryFullPath, DatabaseFileName);

    /// <summary>The database file and the files SQLite keeps beside it (write-ahead log, shared memory, rollback journal).</summary>
    public IEnumerable<string> DatabaseFiles => [DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm", DatabasePath + "-journal"];

    /// <summary>The folder of the Data Protection key ring.</summary>
    public string KeyRingDirectory => Path.Combine(DataDirectoryFullPath, "keys");
}

/// <summary>
/// <c>JourneyStudio:DataProtection:CertificatePath</c> and <c>CertificatePassword</c>: a PKCS#12 file (.pfx)
/// with an RSA certificate and its private key. When set, every key written to the key ring is encrypted
/// with it (keys written before stay as they were) and it must be present at every start to read them.
/// </summary>
public sealed class KeyRingOptions
{
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}

/// <summary><c>JourneyStudio:Admin:Username</c> and <c>JourneyStudio:Admin:Password</c>.</summary>
public sealed class FirstAdminOptions
{
    public const string DefaultUsername = "admin";

    public string Username { get; set; } = DefaultUsername;

    /// <summary>When absent or empty, a strong password is generated and handed back once.</summary>
    public string? Password { get; set; }
}
