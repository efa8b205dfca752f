namespace JourneyStudio.Runtime.Persistence;

/// <summary>
/// Owner-only folders (0700) and files (0600) for what the data directory holds: password hashes, MFA
/// secrets and the keys that decrypt them. Modes are set explicitly after creation, so a loose umask cannot
/// widen them. On Windows the folder's inherited ACL applies and these do nothing.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode GroupOrOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                                               | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates the folder owner-only when missing (its parents with the usual modes).</summary>
    /// <returns>True when it was created here.</returns>
    public static bool EnsureDirectory(string path)
    {
        if (Directory.Exists(path)) return false;
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } parent) Directory.CreateDirectory(parent);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return true;
        }
        Directory.CreateDirectory(path, OwnerOnlyDirectory);
        File.SetUnixFileMode(path, OwnerOnlyDirectory);
        return true;
    }

    /// <summary>Makes an existing folder owner-only.</summary>
    public static void RestrictDirectory(string path)
    {
        if (OperatingSystem.IsWindows() || !Directory.Exists(path)) return;
        if (File.GetUnixFileMode(path) != OwnerOnlyDirectory) File.SetUnixFileMode(path, OwnerOnlyDirectory);
    }

    /// <summary>Creates an empty owner-only file when missing, so nothing is ever written to it with a wider mode.</summary>
    public static void EnsureFile(string path)
    {
        if (File.Exists(path)) return;
        if (OperatingSystem.IsWindows())
        {
            using (File.Open(path, System.IO.FileMode.OpenOrCreate, FileAccess.Write)) { }
            return;
        }
        using (new FileStream(path, new FileStreamOptions { Mode = System.IO.FileMode.OpenOrCreate, Access = FileAccess.Write, UnixCreateMode = OwnerOnlyFile })) { }
        File.SetUnixFileMode(path, OwnerOnlyFile);
    }

    /// <summary>Makes an existing file owner-only (e.g. one written before the studio set modes).</summary>
    public static void RestrictFile(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path)) return;
        if (File.GetUnixFileMode(path) != OwnerOnlyFile) File.SetUnixFileMode(path, OwnerOnlyFile);
    }

    /// <summary>The mode in octal, as chmod takes it (e.g. <c>755</c>).</summary>
    public static string ModeText(string path) =>
        OperatingSystem.IsWindows() ? "n/a" : Convert.ToString((int)File.GetUnixFileMode(path), 8);

    /// <summary>True when the group or others have any access to the folder.</summary>
    public static bool IsOpenToOthers(string path) =>
        !OperatingSystem.IsWindows() && Directory.Exists(path) && (File.GetUnixFileMode(path) & GroupOrOthers) != 0;
}
