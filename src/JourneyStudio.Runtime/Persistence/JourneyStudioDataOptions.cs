namespace JourneyStudio.Runtime.Persistence;

/// <summary>Data settings, bound from the configuration section <c>JourneyStudio</c>.</summary>
public sealed class JourneyStudioDataOptions
{
    public const string SectionName = "JourneyStudio";

    public const string DatabaseFileName = "journeystudio.db";

    /// <summary>Folder of the SQLite database (and, before the key ring moved into the database, of the key ring); relative paths start at the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary><c>JourneyStudio:Database:*</c>: which database the studio keeps its data in.</summary>
    public DatabaseOptions Database { get; set; } = new();

    /// <summary>The first admin, created at first start when no admin exists.</summary>
    public FirstAdminOptions Admin { get; set; } = new();

    /// <summary><c>JourneyStudio:DataProtection:*</c>: how the key ring is protected at rest.</summary>
    public KeyRingOptions DataProtection { get; set; } = new();

    public string DataDirectoryFullPath => Path.GetFullPath(DataDirectory);

    /// <summary>
    /// The SQLite database file: the data source of <c>JourneyStudio:Database:ConnectionString</c> when one is given
    /// for sqlite, else <c>journeystudio.db</c> in the data directory. Meaningless for postgres.
    /// </summary>
    public string DatabasePath =>
        Database.ProviderKind == DatabaseProvider.Sqlite && !string.IsNullOrWhiteSpace(Database.ConnectionString)
        && new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(Database.ConnectionString).DataSource is { Length: > 0 } dataSource
            ? Path.GetFullPath(dataSource)
            : Path.Combine(DataDirectoryFullPath, DatabaseFileName);

    /// <summary>The database file and the files SQLite keeps beside it (write-ahead log, shared memory, rollback journal).</summary>
    public IEnumerable<string> DatabaseFiles => [DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm", DatabasePath + "-journal"];

    /// <summary>
    /// Where the Data Protection key ring was kept before it moved into the database; its keys are imported at start
    /// (<see cref="KeyRingImport"/>) so that what they encrypted stays readable.
    /// </summary>
    public string KeyRingDirectory => Path.Combine(DataDirectoryFullPath, "keys");
}

/// <summary>The database engines the studio runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>A file in the data directory; one instance.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database that several instances may share.</summary>
    Postgres,
}

/// <summary>
/// <c>JourneyStudio:Database:Provider</c> (<c>sqlite</c>, the default, or <c>postgres</c>) and
/// <c>JourneyStudio:Database:ConnectionString</c> (Npgsql form for postgres, required there; for sqlite the file in the
/// data directory unless given).
/// </summary>
public sealed class DatabaseOptions
{
    public const string ProviderSetting = "JourneyStudio:Database:Provider";

    public const string ConnectionStringSetting = "JourneyStudio:Database:ConnectionString";

    public string Provider { get; set; } = "sqlite";

    public string? ConnectionString { get; set; }

    /// <summary>The provider named by <see cref="Provider"/>; null when it names none (see <see cref="Problems"/>).</summary>
    public DatabaseProvider? ProviderKind => Provider?.Trim().ToLowerInvariant() switch
    {
        "sqlite" or "" or null => DatabaseProvider.Sqlite,
        "postgres" or "postgresql" => DatabaseProvider.Postgres,
        _ => null,
    };

    /// <summary>What is wrong with these settings, each naming its setting; empty when they can be used.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        switch (ProviderKind)
        {
            case null:
                problems.Add($"{ProviderSetting}: '{Provider}' is not a database provider; use sqlite (the default) or postgres.");
                break;
            case DatabaseProvider.Postgres when string.IsNullOrWhiteSpace(ConnectionString):
                problems.Add($"{ConnectionStringSetting} is required when {ProviderSetting} is postgres "
                             + "(Npgsql form, e.g. Host=db;Port=5432;Database=journeystudio;Username=js;Password=...).");
                break;
            case DatabaseProvider.Postgres:
                try { _ = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString); }
                catch (ArgumentException e) { problems.Add($"{ConnectionStringSetting}: not an Npgsql connection string ({e.Message})."); }
                break;
            case DatabaseProvider.Sqlite when !string.IsNullOrWhiteSpace(ConnectionString):
                try { _ = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString); }
                catch (ArgumentException e) { problems.Add($"{ConnectionStringSetting}: not a SQLite connection string ({e.Message})."); }
                break;
        }
        return problems;
    }
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
