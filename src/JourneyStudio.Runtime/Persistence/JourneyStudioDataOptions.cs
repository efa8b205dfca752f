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

    public string DataDirectoryFullPath => Path.GetFullPath(DataDirectory);

    public string DatabasePath => Path.Combine(DataDirectoryFullPath, DatabaseFileName);
}

/// <summary><c>JourneyStudio:Admin:Username</c> and <c>JourneyStudio:Admin:Password</c>.</summary>
public sealed class FirstAdminOptions
{
    public const string DefaultUsername = "admin";

    public string Username { get; set; } = DefaultUsername;

    /// <summary>When absent or empty, a strong password is generated and handed back once.</summary>
    public string? Password { get; set; }
}
