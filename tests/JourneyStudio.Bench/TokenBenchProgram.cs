using JourneyStudio.Journeys.Catalog;
using JourneyStudio.Runtime.Identities;
using JourneyStudio.Runtime.Persistence;
using JourneyStudio.Testing;
using Microsoft.Extensions.DependencyInjection;

// `tokens [seconds]`: the plain Login journey's sign-ons and the OpenID Connect token endpoint (TokenBench), at the same
// concurrencies in one run, each token figure as a ratio to the sign-ons; every figure through the shared LoadRunner.
internal static class TokenBenchProgram
{
    private const string Password = "Bench-password-1";

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 && double.TryParse(args[0], out var s) ? s : 8;
        var concurrencies = new[] { 1, 16, 64 };

        var codec = new CountingJourneyCodec(new FrodoJourneyCodec(NodeCatalog.Default));
        await using var server = StudioServer.Start(new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Error",
                // As in the load benchmark: every bench client comes from 127.0.0.1, which stands for many users' addresses.
                ["JourneyStudio:BruteForce:AddressMaxFailures"] = "1000000",
            },
            configureServices: services => services.AddSingleton<IJourneyCodec>(codec));
        using var monitor = new ResourceMonitor(codec);
        var identities = server.Services.GetRequiredService<IdentityStore>();
        for (var i = 0; i < 64; i++)
            await identities.CreateAsync(new NewIdentity(User(i), Password, "Bench", $"User {i}"));

        Console.WriteLine($"JourneyStudio token benchmark · {Environment.ProcessorCount} cores · {seconds:0} s per measurement · {DateTime.UtcNow:u}");
        Console.WriteLine();
        Console.WriteLine("plain Login journey (start, then username+password on one Page step):");
        Console.WriteLine($"{"clients",8} {"sign-ons/s",11} {"start p50",10} {"start p99",10} {"submit p50",11} {"submit p99",11}");
        var signOnsPerSecond = new Dictionary<int, double>();
        foreach (var clients in concurrencies)
        {
            var run = await LoadRunner.MeasureAsync(server, monitor, clients, seconds,
                async (http, client, record, _) => await LoadBench.SignOnAsync(http, User(client), Password, record, recordEachStep: true) is not null,
                countRuns: true);
            signOnsPerSecond[clients] = run.PerSecond;
            Console.WriteLine($"{clients,8} {run.PerSecond,11:0.0} {LoadBench.Ms(run.P(50, 0)),10} {LoadBench.Ms(run.P(99, 0)),10} {LoadBench.Ms(run.P(50, 1)),11} {LoadBench.Ms(run.P(99, 1)),11}");
            if (run.Failures > 0) Console.WriteLine($"   ({run.Failures} runs failed)");
        }
        await TokenBench.RunAsync(server, monitor, seconds, concurrencies, signOnsPerSecond,
            (http, client) => LoadBench.SignOnAsync(http, User(client % 64), Password, (_, _) => { }));
        return 0;
    }

    private static string User(int client) => $"bench{client % 64}";
}
