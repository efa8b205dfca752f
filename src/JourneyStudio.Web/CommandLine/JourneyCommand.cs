namespace JourneyStudio.Web.CommandLine;

/// <summary>
/// A parsed <c>journeys validate|import|export|test ...</c> command line. Arguments of the form
/// <c>--Section:Key=value</c> (or <c>--Section:Key value</c>) are configuration, as for the studio itself.
/// </summary>
public sealed record JourneyCommand(string Verb, IReadOnlyList<string> Arguments, string? OutputDirectory, IReadOnlyList<string> ConfigurationArguments)
{
    public const string Usage = """
        Usage:
          journeys validate FILE...            check journey export files (exit 0 when none has errors)
          journeys import FILE...              import export files into the studio's database (all or nothing)
          journeys export NAME... --out DIR    write each journey as DIR/NAME.journey.json
          journeys test NAME|FILE...           run the journeys' test scenarios in the sandbox (exit 0 when all pass);
                                               a NAME runs the newest revision in the database (the draft, if any)
        Settings such as --JourneyStudio:DataDirectory=PATH work as for the studio.
        """;

    public static bool IsJourneyCommand(string[] args) => args.Any(a => a == "journeys");

    /// <summary>Parses the arguments; null with <paramref name="error"/> set when they are not a valid command.</summary>
    public static JourneyCommand? Parse(string[] args, out string? error)
    {
        error = null;
        var configuration = new List<string>();
        var positional = new List<string>();
        string? output = null;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "--out" or "-o")
            {
                if (i + 1 >= args.Length) { error = "--out needs a directory."; return null; }
                output = args[++i];
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains(':'))
            {
                configuration.Add(arg);
                if (!arg.Contains('=') && i + 1 < args.Length) configuration.Add(args[++i]);
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && arg != "--")
            {
                error = $"Unknown option '{arg}'.";
                return null;
            }
            else positional.Add(arg);
        }

        var start = positional.IndexOf("journeys");
        if (start < 0 || start + 1 >= positional.Count) { error = "Name a command: validate, import, export or test."; return null; }
        var verb = positional[start + 1];
        var rest = positional.Skip(start + 2).ToList();
        switch (verb)
        {
            case "test" when rest.Count == 0:
                error = "'journeys test' needs at least one journey name or export file."; return null;
            case "test" when output is not null:
                error = "--out is only for 'journeys export'."; return null;
            case "test":
                return new JourneyCommand(verb, rest, output, configuration);
            case "validate" or "import" when rest.Count == 0:
                error = $"'journeys {verb}' needs at least one file."; return null;
            case "validate" or "import" when output is not null:
                error = $"--out is only for 'journeys export'."; return null;
            case "export" when rest.Count == 0:
                error = "'journeys export' needs at least one journey name."; return null;
            case "export" when output is null:
                error = "'journeys export' needs --out DIR."; return null;
            case "validate" or "import" or "export":
                return new JourneyCommand(verb, rest, output, configuration);
            default:
                error = $"Unknown command 'journeys {verb}'."; return null;
        }
    }
}
