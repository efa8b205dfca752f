using System.Diagnostics;
using System.Text.RegularExpressions;
using JourneyStudio.Journeys.Frodo;
using JourneyStudio.Testing;

namespace JourneyStudio.Web.Tests.Readme;

/// <summary>
/// The README's journey commands, typed literally in the root of a fresh clone of this repository (no build
/// output, no data), one after the other as a pipeline would run them.
/// </summary>
[Collection(ReadmeCollection.Name)]
public sealed partial class ReadmeCommandLineTests : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(8); // the first one restores and builds

    private readonly string _clone = Path.Combine(Path.GetTempPath(), "journeystudio-clone-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task JourneyCommands_RunAsWrittenFromTheRootOfAFreshClone()
    {
        await GitCloneAsync(StudioProcess.RepositoryRoot, _clone);
        var commands = ReadmeCommands.Read(_clone).JourneyCommands;
        Assert.Contains(commands, c => c.Contains(" journeys validate "));
        Assert.Contains(commands, c => c.Contains(" journeys import "));
        Assert.Contains(commands, c => c.Contains(" journeys export "));

        foreach (var command in commands)
        {
            await using var run = StudioProcess.StartShell("exec " + command, _clone);
            var exitCode = await run.WaitForExitAsync(CommandTimeout);
            Assert.True(exitCode == 0, $"`{command}` exited {exitCode}:\n{run.Output}");
            if (command.Contains(" journeys validate "))
                Assert.Equal(Directory.GetFiles(Path.Combine(_clone, "journeys"), "*.journey.json").Length,
                    run.Lines.Count(l => l.Contains(": valid (0 errors")));
            if (command.Contains(" journeys import "))
                Assert.Contains("imported as revision", run.Output);
            if (ExportFolder().Match(command) is { Success: true } export)
            {
                var folder = Path.Combine(_clone, export.Groups["folder"].Value.Trim('"'));
                var files = Directory.GetFiles(folder, "*.journey.json");
                Assert.NotEmpty(files);
                foreach (var file in files) Assert.NotEmpty(FrodoJourneyReader.Read(await File.ReadAllTextAsync(file)));
            }
        }

        // data/ is where the README says: in the folder the commands were typed in, not in the project's.
        Assert.True(File.Exists(Path.Combine(_clone, "data", "journeystudio.db")));
        Assert.False(Directory.Exists(Path.Combine(_clone, "src", "JourneyStudio.Web", "data")));
    }

    private static async Task GitCloneAsync(string source, string target)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "clone", "--quiet", "--no-hardlinks", source, target }) start.ArgumentList.Add(a);
        using var git = Process.Start(start)!;
        var error = git.StandardError.ReadToEndAsync();
        await git.StandardOutput.ReadToEndAsync();
        await git.WaitForExitAsync();
        Assert.True(git.ExitCode == 0, "git clone failed: " + await error);
    }

    [GeneratedRegex("""--out\s+(?<folder>"[^"]+"|\S+)""")]
    private static partial Regex ExportFolder();

    public void Dispose()
    {
        try { Directory.Delete(_clone, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
