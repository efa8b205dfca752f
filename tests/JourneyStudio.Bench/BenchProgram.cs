// The benchmarks, run on demand (never by the tests): `dotnet run -c Release --project tests/JourneyStudio.Bench [-- MODE] [ARGS]`.
//   (no mode) [seconds] [--provider sqlite|postgres] [--connection-string TEXT] [--no-browser] [--only SECTION,...]
//             the load run (LoadBench): throughput and latency of the authenticate API next to its baselines
//   designer [runs]      the designer in headless Chromium (DesignerBench)
//   guessing [seconds]   an attacker on one address (GuessingBench)
//   tokens [seconds]     the OpenID Connect token endpoint next to the authenticate step's sign-ons (TokenBench)
//   scripts [seconds]    a Scripted Decision step next to a Message Node step, one client (ScriptBench)
internal static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        // WebApplicationFactory reads MvcTestingAppManifest.json (where the studio's content root is) from the
        // current directory; dotnet run starts in the repository root.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        if (args.Length > 0 && args[0] == "designer") return await DesignerBench.RunAsync(args[1..]);
        if (args.Length > 0 && args[0] == "guessing") return await GuessingBench.RunAsync(args[1..]);
        if (args.Length > 0 && args[0] == "scripts") return await ScriptBench.RunAsync(args[1..]);
        if (args.Length > 0 && args[0] == "tokens") return await TokenBenchProgram.RunAsync(args[1..]);
        var options = LoadBenchOptions.Parse(args, out var problem);
        if (options is null)
        {
            await Console.Error.WriteLineAsync(problem);
            await Console.Error.WriteLineAsync(LoadBenchOptions.Usage);
            return 2;
        }
        return await LoadBench.RunAsync(options);
    }
}
