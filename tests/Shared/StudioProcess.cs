using System.Diagnostics;
using System.Text.RegularExpressions;

namespace JourneyStudio.Testing;

/// <summary>
/// The studio program as an operator starts it: a separate process (<c>dotnet run ...</c> or
/// <c>dotnet .../JourneyStudio.Web.dll</c>) whose console output is collected line by line. Waits are on
/// conditions (a line appears, the process exits), never on time alone.
/// </summary>
public sealed partial class StudioProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string? _ownedDirectory;

    private StudioProcess(ProcessStartInfo start, string? ownedDirectory)
    {
        _ownedDirectory = ownedDirectory;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        // The test runner's own environment must not decide the child's; the program's defaults are under test.
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) Add(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Add(e.Data); };
        _process.Exited += (_, _) => _exited.TrySetResult();
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Every line printed so far (standard output and standard error, in arrival order).</summary>
    public IReadOnlyList<string> Lines
    {
        get { lock (_lines) return [.. _lines]; }
    }

    public string Output => string.Join('\n', Lines);

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Runs a command line through bash in <paramref name="workingDirectory"/> (globs and quotes work as in a
    /// terminal). Start it with <c>exec</c> to make the command the process itself.
    /// </summary>
    public static StudioProcess StartShell(string commandLine, string workingDirectory, IDictionary<string, string>? environment = null,
        string? ownedDirectory = null)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = workingDirectory };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(commandLine);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        return new StudioProcess(start, ownedDirectory);
    }

    /// <summary>Starts <c>dotnet PROGRAM.dll args</c> in <paramref name="workingDirectory"/>.</summary>
    public static StudioProcess StartDll(string dll, string workingDirectory, IDictionary<string, string>? environment = null,
        string? ownedDirectory = null, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory };
        start.ArgumentList.Add(dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        return new StudioProcess(start, ownedDirectory);
    }

    /// <summary>The first line (already printed or still to come) that matches; fails when the program exits first or on timeout.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        TaskCompletionSource<string> found = new(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lines)
        {
            if (_lines.FirstOrDefault(match) is { } line) return line;
            _waiters.Add((match, found));
        }
        var first = await Task.WhenAny(found.Task, _exited.Task, Task.Delay(timeout));
        if (first == found.Task) return await found.Task;
        // Output still in the pipe when the process ended may hold the line.
        if (first == _exited.Task) await _process.WaitForExitAsync();
        lock (_lines)
            if (_lines.FirstOrDefault(match) is { } late) return late;
        throw new TimeoutException((first == _exited.Task ? $"The program exited ({_process.ExitCode}) " : $"Nothing matched within {timeout} ")
                                   + "before the expected line. Its output:\n" + Output);
    }

    /// <summary>The address of "Now listening on: http://127.0.0.1:PORT", as a base address with a trailing slash.</summary>
    public async Task<Uri> WaitForListeningAsync(TimeSpan timeout)
    {
        var line = await WaitForLineAsync(l => ListeningLine().IsMatch(l), timeout);
        return new Uri(ListeningLine().Match(line).Groups["url"].Value.TrimEnd('/') + "/");
    }

    /// <summary>
    /// Ends the program at once with SIGKILL (what a crash, an OOM kill or a pulled plug does): no shutdown code runs,
    /// nothing is flushed, requests in flight are cut.
    /// </summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>The repository root (the folder with JourneyStudio.sln) above the test's own output.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "JourneyStudio.sln"))) return dir.FullName;
            throw new DirectoryNotFoundException("JourneyStudio.sln was not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The studio program in its own build output (what <c>dotnet run</c> runs), of the same configuration as the tests.</summary>
    public static string BuildOutputDll
    {
        get
        {
            // .../tests/<project>/bin/<Configuration>/net10.0/
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            var dll = Path.Combine(RepositoryRoot, "src", "JourneyStudio.Web", "bin", configuration, "net10.0", "JourneyStudio.Web.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("The studio's build output is missing; build the solution first.", dll);
        }
    }

    private void Add(string line)
    {
        List<TaskCompletionSource<string>> found = [];
        lock (_lines)
        {
            _lines.Add(line);
            for (var i = _waiters.Count - 1; i >= 0; i--)
                if (_waiters[i].Match(line))
                {
                    found.Add(_waiters[i].Found);
                    _waiters.RemoveAt(i);
                }
        }
        foreach (var f in found) f.TrySetResult(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        if (_ownedDirectory is null) return;
        try { Directory.Delete(_ownedDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [GeneratedRegex(@"Now listening on: (?<url>https?://\S+)")]
    private static partial Regex ListeningLine();
}
