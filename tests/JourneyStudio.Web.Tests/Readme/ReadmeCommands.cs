namespace JourneyStudio.Web.Tests.Readme;

/// <summary>
/// The commands the README tells a reader to type, read out of its <c>```sh</c> blocks, so that the tests
/// run exactly what the README says and cannot drift from it.
/// </summary>
public sealed class ReadmeCommands
{
    public const string ProgramCommand = "dotnet run --project src/JourneyStudio.Web";

    private ReadmeCommands(IReadOnlyList<string> lines) => Lines = lines;

    /// <summary>Every command line of every <c>sh</c> block, in order (comments and blank lines left out).</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>The command that starts the studio: the program with no arguments.</summary>
    public string StartCommand => Assert.Single(Lines, l => l == ProgramCommand);

    /// <summary>The journey commands for pipelines, in README order.</summary>
    public IReadOnlyList<string> JourneyCommands => [.. Lines.Where(l => l.StartsWith(ProgramCommand + " -- journeys ", StringComparison.Ordinal))];

    public static ReadmeCommands Read(string repositoryRoot)
    {
        var lines = new List<string>();
        var inShellBlock = false;
        foreach (var raw in File.ReadAllLines(Path.Combine(repositoryRoot, "README.md")))
        {
            var line = raw.Trim();
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inShellBlock = !inShellBlock && line is "```sh" or "```bash" or "```shell";
                continue;
            }
            if (inShellBlock && line.Length > 0 && !line.StartsWith('#')) lines.Add(line);
        }
        return new ReadmeCommands(lines);
    }
}
