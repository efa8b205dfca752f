using System.Diagnostics;

namespace JourneyStudio.Web.Tests.CommandLine;

/// <summary>
/// The studio program run as a real process in a folder of its own, as an operator's pipeline runs it: each test class
/// of the command line gets a fresh folder (and data directory in it), removed afterwards.
/// </summary>
public abstract class StudioProgramProcess : IDisposable
{
    protected static readonly string ProgramDll = Path.Combine(AppContext.BaseDirectory, "JourneyStudio.Web.dll");
    protected static readonly string ShippedFolder = Path.Combine(AppContext.BaseDirectory, "journeys");

    protected string Work { get; } = Directory.CreateTempSubdirectory("journeystudio-cli-").FullName;

    protected string DataDirectory => Path.Combine(Work, "data");

    protected sealed record Run(int ExitCode, string Output, string Error);

    protected async Task<Run> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Work };
        start.ArgumentList.Add(ProgramDll);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.ArgumentList.Add($"--JourneyStudio:DataDirectory={DataDirectory}");
        start.Environment["JourneyStudio__Admin__Password"] = "Command-line-test-1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new Run(process.ExitCode, await output, await error);
    }

    public void Dispose()
    {
        try { Directory.Delete(Work, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}
