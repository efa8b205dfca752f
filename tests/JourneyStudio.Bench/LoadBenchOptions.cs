using System.Globalization;

/// <summary>The load run's command line.</summary>
internal sealed record LoadBenchOptions
{
    public static readonly string Usage =
        "usage: dotnet run -c Release --project tests/JourneyStudio.Bench [-- [seconds] [--provider sqlite|postgres] [--connection-string TEXT] [--no-browser] [--only SECTION,...] [--clients 1,16,64]]\n"
        + "  sections: " + string.Join(", ", LoadBench.Sections) + "\n"
        + "  postgres needs --connection-string (Npgsql form) naming an empty database the bench may fill.";

    /// <summary>Measured seconds of each measurement (each is preceded by a short unmeasured warm-up).</summary>
    public double Seconds { get; init; } = 8;

    /// <summary><c>JourneyStudio:Database:Provider</c> of the studio under test.</summary>
    public string Provider { get; init; } = "sqlite";

    /// <summary><c>JourneyStudio:Database:ConnectionString</c>; null = the provider's default (SQLite: a fresh file).</summary>
    public string? ConnectionString { get; init; }

    /// <summary>Skip the studio page under load (it needs Chromium).</summary>
    public bool NoBrowser { get; init; }

    /// <summary>Client counts of the load sections (default 1, 16, 64; the targets read 1, 16 and 64).</summary>
    public IReadOnlyList<int> Clients { get; init; } = [1, 16, 64];

    /// <summary>Sections to run; empty = all.</summary>
    public IReadOnlySet<string> Only { get; init; } = new HashSet<string>();

    public bool Runs(string section) => Only.Count == 0 || Only.Contains(section);

    public static LoadBenchOptions? Parse(string[] args, out string? problem)
    {
        problem = null;
        var options = new LoadBenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string? Value() => i + 1 < args.Length ? args[++i] : null;
            switch (arg)
            {
                case "--provider":
                    var provider = Value()?.ToLowerInvariant();
                    if (provider is not ("sqlite" or "postgres")) { problem = "--provider must be sqlite or postgres."; return null; }
                    options = options with { Provider = provider };
                    break;
                case "--connection-string":
                    if (Value() is not { Length: > 0 } connectionString) { problem = "--connection-string needs a value."; return null; }
                    options = options with { ConnectionString = connectionString };
                    break;
                case "--clients":
                    var counts = (Value() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => int.TryParse(c, out var n) && n > 0 ? n : 0).ToList();
                    if (counts.Count == 0 || counts.Contains(0)) { problem = "--clients takes client counts, e.g. 1,16,64."; return null; }
                    options = options with { Clients = counts };
                    break;
                case "--no-browser":
                    options = options with { NoBrowser = true };
                    break;
                case "--only":
                    var only = (Value() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
                    if (only.Count == 0 || only.Any(s => !LoadBench.Sections.Contains(s)))
                    {
                        problem = $"--only takes sections from: {string.Join(", ", LoadBench.Sections)}.";
                        return null;
                    }
                    options = options with { Only = only };
                    break;
                default:
                    if (!double.TryParse(arg, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
                    {
                        problem = $"Unknown argument '{arg}'.";
                        return null;
                    }
                    options = options with { Seconds = seconds };
                    break;
            }
        }
        if (options.Provider == "postgres" && options.ConnectionString is null)
        {
            problem = "--provider postgres needs --connection-string \"Host=…;Port=…;Database=…;Username=…;Password=…\".";
            return null;
        }
        return options;
    }
}
